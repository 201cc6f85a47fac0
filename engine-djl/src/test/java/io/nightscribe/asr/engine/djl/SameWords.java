package io.nightscribe.asr.engine.djl;

import org.assertj.core.api.recursive.comparison.RecursiveComparisonConfiguration;

/**
 * Hypotheses compared as the same words and timings: batched matrix products round differently from
 * single ones, so outside {@link Batching#SINGLE} confidences agree to about 1e-7, not to the last
 * bit.
 */
final class SameWords {
  static final RecursiveComparisonConfiguration CONFIDENCES_TO_1E_6 =
      RecursiveComparisonConfiguration.builder()
          .withComparatorForType(
              (Double a, Double b) -> Math.abs(a - b) < 1e-6 ? 0 : Double.compare(a, b),
              Double.class)
          .build();

  private SameWords() {}
}
