package io.nightscribe.asr.engine;

import java.util.Objects;

/**
 * One recognized word.
 *
 * @param text the word, as the model spells it
 * @param startMillis start time; relative to the chunk in an engine's output, to the source in a
 *     transcript
 * @param endMillis end time, not before the start
 * @param confidence the engine's confidence in [0, 1]
 */
public record RecognizedWord(String text, long startMillis, long endMillis, double confidence) {
  public RecognizedWord {
    Objects.requireNonNull(text, "text");
    if (text.isBlank()) {
      throw new IllegalArgumentException("Invalid word: blank");
    }
    if (startMillis < 0 || endMillis < startMillis) {
      throw new IllegalArgumentException(
          "Invalid word timing for '" + text + "': " + startMillis + "-" + endMillis + " ms");
    }
    if (!(confidence >= 0 && confidence <= 1)) {
      throw new IllegalArgumentException("Invalid confidence for '" + text + "': " + confidence);
    }
  }

  /** The same word moved by {@code offsetMillis}. */
  public RecognizedWord shiftedBy(long offsetMillis) {
    return new RecognizedWord(
        text, startMillis + offsetMillis, endMillis + offsetMillis, confidence);
  }

  /** The middle of the word, which decides which of two overlapping chunks owns it. */
  public long centerMillis() {
    return (startMillis + endMillis) / 2;
  }
}
