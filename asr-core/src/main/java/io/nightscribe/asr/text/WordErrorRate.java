package io.nightscribe.asr.text;

import java.text.Normalizer;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Word error rate of a hypothesis against a reference: the fewest substitutions, deletions and
 * insertions (Levenshtein over words, each edit costing 1) that turn the reference into the
 * hypothesis, divided by the number of reference words.
 *
 * <p>Both texts are normalised first: Unicode NFKC, lower case, every character that is not a
 * letter, digit, apostrophe or white space becomes a space (so "well-known" is two words), and
 * apostrophes at the edges of a word are dropped ("'tis" is "tis", "don't" stays). Digits are left
 * as they are: "3" and "three" differ.
 *
 * @param substitutions reference words replaced by another word
 * @param deletions reference words missing from the hypothesis
 * @param insertions hypothesis words not in the reference
 * @param referenceWords number of words in the normalised reference
 */
public record WordErrorRate(int substitutions, int deletions, int insertions, int referenceWords) {

  public WordErrorRate {
    if (substitutions < 0 || deletions < 0 || insertions < 0 || referenceWords < 0) {
      throw new IllegalArgumentException("Invalid edit counts");
    }
  }

  /** Scores {@code hypothesis} against {@code reference}. Thread-safe. */
  public static WordErrorRate of(String reference, String hypothesis) {
    return WordAlignment.of(reference, hypothesis).errorRate();
  }

  /**
   * Errors per reference word; may exceed 1 when there are many insertions. With an empty reference
   * it is the number of inserted words (0 when both are empty).
   */
  public double rate() {
    return (double) errors() / Math.max(1, referenceWords);
  }

  /** Substitutions + deletions + insertions. */
  public int errors() {
    return substitutions + deletions + insertions;
  }

  /** The words of {@code text} after normalisation. */
  public static List<String> normalize(String text) {
    String folded = Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
    StringBuilder kept = new StringBuilder(folded.length());
    folded
        .codePoints()
        .forEach(
            c ->
                kept.appendCodePoint(
                    Character.isLetterOrDigit(c) || c == '\'' || Character.isWhitespace(c)
                        ? c
                        : ' '));
    return Arrays.stream(kept.toString().split("\\s+"))
        .map(word -> word.replaceAll("^'+|'+$", ""))
        .filter(word -> !word.isEmpty())
        .toList();
  }
}
