package io.nightscribe.asr.dataset;

import io.nightscribe.asr.Sha256;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Decides, from a seed, which sentences a dataset speaks and how: the voice (a synthesizer first,
 * each as likely, so flite's few voices are not drowned by espeak-ng's many, then one of its
 * voices), the rate, the pitch and the augmentation. Every choice for a sentence depends only on
 * the seed and the sentence's text. Immutable and thread-safe.
 */
public final class SynthesisPlanner {
  private static final int ID_HEX_DIGITS = 16;

  private final SeededDraws draws;
  private final Map<Synthesizer, List<Voice>> voices;
  private final SynthesisSettings settings;

  /**
   * @param voices the voices to draw from, at least one
   */
  public SynthesisPlanner(SeededDraws draws, List<Voice> voices, SynthesisSettings settings) {
    this.draws = Objects.requireNonNull(draws, "draws");
    this.settings = Objects.requireNonNull(settings, "settings");
    if (voices.isEmpty()) {
      throw new IllegalArgumentException("Cannot plan speech: no voices");
    }
    this.voices =
        voices.stream()
            .sorted()
            .distinct()
            .collect(Collectors.groupingBy(Voice::synthesizer, TreeMap::new, Collectors.toList()));
  }

  /** {@code count} sentences of {@code pool}, each with how it is spoken, in the order drawn. */
  public List<UtterancePlan> plan(List<Sentence> pool, int count) {
    return draws.choose(pool, count, "sentence", Sentence::text).stream().map(this::plan).toList();
  }

  /** How {@code sentence} is spoken. */
  public UtterancePlan plan(Sentence sentence) {
    String text = sentence.text();
    Synthesizer synthesizer = draws.pick(List.copyOf(voices.keySet()), "synthesizer", text);
    Voice voice = draws.pick(voices.get(synthesizer), "voice", text);
    OptionalInt pitch =
        synthesizer == Synthesizer.ESPEAK_NG
            ? OptionalInt.of(settings.espeakPitch().draw(draws, "pitch", text))
            : OptionalInt.empty();
    return new UtterancePlan(
        id(text),
        sentence,
        voice,
        settings.ratePercent().draw(draws, "rate", text),
        pitch,
        augmentation(text),
        draws.bits("noise", text));
  }

  private Augmentation augmentation(String text) {
    if (draws.uniform("augmented", text) * 100 >= settings.augmentedPercent()) {
      return Augmentation.NONE;
    }
    Augmentation.Kind kind =
        draws.pick(
            List.of(Augmentation.Kind.NOISE, Augmentation.Kind.SPEED, Augmentation.Kind.REVERB),
            "augmentation",
            text);
    return switch (kind) {
      case NOISE -> Augmentation.noise(settings.noiseSnrDb().draw(draws, "snr", text));
      case SPEED -> {
        int change = settings.speedChangePercent().draw(draws, "speed", text);
        yield Augmentation.speed(draws.uniform("faster", text) < 0.5 ? 100 - change : 100 + change);
      }
      case REVERB ->
          Augmentation.reverb(settings.reverberancePercent().draw(draws, "reverb", text));
      case NONE -> Augmentation.NONE;
    };
  }

  /**
   * The first hex digits of the text's sha256: the same sentence has the same id in every build.
   */
  private static String id(String text) {
    return Sha256.hex(text.getBytes(StandardCharsets.UTF_8)).substring(0, ID_HEX_DIGITS);
  }
}
