package io.nightscribe.monitoring.drift;

import java.util.Objects;

/**
 * How {@link DriftDetector} turns statistics into scores.
 *
 * @param thresholds score thresholds of the levels
 * @param significance a feature's effect counts only when its p-value is below this (default 0.01):
 *     at thousands of objects every real difference passes and the effect size decides; at a few
 *     dozen, sampling noise alone would reach the warn threshold, and this stops it
 * @param minSamples a feature with fewer values (numeric), objects (categorical) or trials (rate)
 *     than this in either profile is reported as too small and not scored (default 30)
 * @param rateScale the change of a rate that scores 1 (default 0.20: a rate moving 2 points scores
 *     0.10, 5 points 0.25, 10 points 0.50)
 */
public record DriftSettings(
    DriftThresholds thresholds, double significance, int minSamples, double rateScale) {
  /** Default thresholds, significance 0.01, 30 samples, rate scale 0.20. */
  public static final DriftSettings DEFAULTS =
      new DriftSettings(DriftThresholds.DEFAULTS, 0.01, 30, 0.20);

  public DriftSettings {
    Objects.requireNonNull(thresholds, "thresholds");
    if (!(significance > 0 && significance <= 1)) {
      throw new IllegalArgumentException("Invalid drift significance: " + significance);
    }
    if (minSamples < 2) {
      throw new IllegalArgumentException(
          "Invalid drift minimum sample size: " + minSamples + " (at least 2)");
    }
    if (!(rateScale > 0 && rateScale <= 1)) {
      throw new IllegalArgumentException("Invalid drift rate scale: " + rateScale);
    }
  }
}
