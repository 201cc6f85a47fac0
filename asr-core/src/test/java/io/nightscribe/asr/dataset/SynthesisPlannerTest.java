package io.nightscribe.asr.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SynthesisPlannerTest {
  private static final List<Voice> VOICES =
      List.of(
          new Voice(Synthesizer.FLITE, "slt"),
          new Voice(Synthesizer.FLITE, "awb"),
          new Voice(Synthesizer.ESPEAK_NG, "en-us"),
          new Voice(Synthesizer.ESPEAK_NG, "en-us+f2"),
          new Voice(Synthesizer.ESPEAK_NG, "en-gb-x-rp+m3"),
          new Voice(Synthesizer.ESPEAK_NG, "en-gb-scotland"));
  private static final List<Sentence> POOL =
      IntStream.range(0, 2000)
          .mapToObj(i -> new Sentence("sentence number " + i + " here", "Sentence " + i + "."))
          .toList();

  private final SynthesisSettings settings = SynthesisSettings.DEFAULT;

  @Test
  void theSameSeedGivesTheSamePlansWhateverTheOrderOfThePoolAndVoices() {
    List<UtterancePlan> plans = planner(1, VOICES).plan(POOL, 50);

    assertThat(plans).hasSize(50);
    assertThat(planner(1, reversed(VOICES)).plan(reversed(POOL), 50)).isEqualTo(plans);
    assertThat(planner(2, VOICES).plan(POOL, 50)).isNotEqualTo(plans);
  }

  @Test
  void eachSynthesizerSpeaksAboutHalfTheSentencesAndEveryVoiceIsUsed() {
    List<UtterancePlan> plans = planner(1, VOICES).plan(POOL, 1000);

    Map<Synthesizer, Long> bySynthesizer =
        plans.stream()
            .collect(Collectors.groupingBy(p -> p.voice().synthesizer(), Collectors.counting()));
    assertThat(bySynthesizer.get(Synthesizer.FLITE)).isBetween(430L, 570L);
    assertThat(plans.stream().map(UtterancePlan::voice).distinct()).hasSize(VOICES.size());
  }

  @Test
  void settingsStayInTheirRangesAndOnlyEspeakHasAPitch() {
    List<UtterancePlan> plans = planner(1, VOICES).plan(POOL, 1000);

    assertThat(plans)
        .allSatisfy(
            plan -> {
              assertThat(plan.ratePercent()).isBetween(85, 120);
              assertThat(plan.pitch().isPresent())
                  .isEqualTo(plan.voice().synthesizer() == Synthesizer.ESPEAK_NG);
              plan.pitch().ifPresent(pitch -> assertThat(pitch).isBetween(35, 65));
            });
  }

  @Test
  void aboutThirtyPercentAreAugmentedSpreadOverNoiseSpeedAndReverb() {
    List<UtterancePlan> plans = planner(1, VOICES).plan(POOL, 2000);

    Map<Augmentation.Kind, List<Augmentation>> byKind =
        plans.stream()
            .map(UtterancePlan::augmentation)
            .collect(Collectors.groupingBy(Augmentation::kind));
    assertThat(byKind.get(Augmentation.Kind.NONE)).hasSizeBetween(1300, 1500);
    assertThat(byKind.get(Augmentation.Kind.NOISE))
        .hasSizeBetween(150, 250)
        .allSatisfy(a -> assertThat(a.amount()).isBetween(15, 30));
    assertThat(byKind.get(Augmentation.Kind.SPEED))
        .hasSizeBetween(150, 250)
        .allSatisfy(
            a -> assertThat(a.amount()).isBetween(88, 112).matches(v -> v <= 95 || v >= 105));
    assertThat(byKind.get(Augmentation.Kind.REVERB))
        .hasSizeBetween(150, 250)
        .allSatisfy(a -> assertThat(a.amount()).isBetween(20, 60));
  }

  @Test
  void aSentenceIsPlannedAloneTheSameWayAsInAPool() {
    SynthesisPlanner planner = planner(1, VOICES);
    Map<String, UtterancePlan> fromPool =
        planner.plan(POOL, 100).stream()
            .collect(Collectors.toMap(UtterancePlan::id, Function.identity()));

    UtterancePlan alone = planner.plan(fromPool.values().iterator().next().sentence());

    assertThat(fromPool.get(alone.id())).isEqualTo(alone);
    assertThat(alone.id()).matches("[0-9a-f]{16}");
  }

  private static <T> List<T> reversed(List<T> list) {
    List<T> copy = new ArrayList<>(list);
    Collections.reverse(copy);
    return copy;
  }

  private SynthesisPlanner planner(long seed, List<Voice> voices) {
    return new SynthesisPlanner(new SeededDraws(seed), voices, settings);
  }
}
