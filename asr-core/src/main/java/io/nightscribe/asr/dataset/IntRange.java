package io.nightscribe.asr.dataset;

import java.util.List;

/**
 * Whole numbers from {@code min} to {@code max}, both included.
 *
 * @param min the smallest
 * @param max the largest, at least {@code min}
 */
public record IntRange(int min, int max) {
  public IntRange {
    if (max < min) {
      throw new IllegalArgumentException("Invalid range: " + min + " to " + max);
    }
  }

  /** A value of the range drawn for {@code purpose} and {@code subject}. */
  public int draw(SeededDraws draws, String purpose, String subject) {
    return draws.between(min, max, purpose, subject);
  }

  /** [min, max], as records write it. */
  public List<Integer> bounds() {
    return List.of(min, max);
  }
}
