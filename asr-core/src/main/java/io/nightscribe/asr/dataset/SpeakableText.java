package io.nightscribe.asr.dataset;

import io.nightscribe.asr.text.WordErrorRate;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The reference text of written English, when a reader (or a synthesizer) says exactly its words.
 * Digits, symbols ("&", "%", "$"), dotted tokens ("e.g.", "comp.arch"), capitalised acronyms
 * ("IBM", read letter by letter or shouted) and abbreviations ("Mr", said "mister") are spoken
 * otherwise than they are written, so a text holding any of them has no reference: a wrong
 * reference teaches a model the wrong words. Stateless and thread-safe.
 */
public final class SpeakableText {
  /** Letters, white space and the punctuation a reader does not say. */
  private static final Pattern WRITTEN = Pattern.compile("[A-Za-z\\s'\"`.,;:!?()-]+");

  private static final Pattern PUNCTUATION_INSIDE_A_WORD = Pattern.compile("[.,;:!?][A-Za-z]");
  private static final Pattern CAPITALISED = Pattern.compile("[A-Z]{2,}");
  private static final Set<String> ABBREVIATIONS =
      Set.of(
          "mr", "mrs", "ms", "dr", "st", "jr", "sr", "vs", "etc", "prof", "rev", "gen", "col",
          "capt", "lt", "sgt", "mt", "inc", "ltd", "corp", "dept", "approx");

  private SpeakableText() {}

  /**
   * The words of {@code written}, normalised as {@link WordErrorRate#normalize} does (lower case,
   * punctuation dropped) and joined by single spaces; empty when its words would be said otherwise
   * than written, or when it has no words.
   */
  public static Optional<String> reference(String written) {
    if (!WRITTEN.matcher(written).matches()
        || PUNCTUATION_INSIDE_A_WORD.matcher(written).find()
        || CAPITALISED.matcher(written).find()) {
      return Optional.empty();
    }
    List<String> words = WordErrorRate.normalize(written);
    if (words.isEmpty() || words.stream().anyMatch(ABBREVIATIONS::contains)) {
      return Optional.empty();
    }
    return Optional.of(String.join(" ", words));
  }
}
