package io.nightscribe.asr.dataset;

import java.util.Objects;

/**
 * A sentence to be spoken.
 *
 * @param text its words, lower case, separated by single spaces: the reference for word error rates
 * @param written the sentence as its source wrote it, punctuation included (what a synthesizer
 *     reads, since punctuation shapes its pauses and intonation), on one line
 */
public record Sentence(String text, String written) {
  public Sentence {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(written, "written");
    if (text.isBlank() || written.isBlank()) {
      throw new IllegalArgumentException("Invalid sentence: no words");
    }
    if (written.contains("\n")) {
      throw new IllegalArgumentException("Invalid sentence: more than one line: " + written);
    }
  }

  /** The number of words of {@link #text}. */
  public int wordCount() {
    return text.split(" ").length;
  }
}
