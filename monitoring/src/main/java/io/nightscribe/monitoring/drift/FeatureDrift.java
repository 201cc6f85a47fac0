package io.nightscribe.monitoring.drift;

import java.util.Objects;

/**
 * How one feature moved between the reference and the current profile.
 *
 * @param feature the feature's key, e.g. {@code confidence}
 * @param kind data or prediction
 * @param statistic what {@code effect} and {@code pValue} are
 * @param effect the effect size (D, PSI or absolute rate difference); NaN when too few samples
 * @param pValue the p-value of the difference; NaN when too few samples
 * @param score the effect mapped onto [0, 1]; 0 unless {@code status} is {@link Status#SCORED}
 * @param referenceCount values, objects or trials in the reference
 * @param currentCount values, objects or trials in the current profile
 * @param status whether the effect counted
 */
public record FeatureDrift(
    String feature,
    DriftKind kind,
    Statistic statistic,
    double effect,
    double pValue,
    double score,
    long referenceCount,
    long currentCount,
    Status status) {
  /** Whether a feature's effect entered its kind's score. */
  public enum Status {
    /** Enough data and a significant difference: the score is the mapped effect. */
    SCORED,
    /** The difference is within sampling noise (p at or above the significance): score 0. */
    NOT_SIGNIFICANT,
    /** Fewer values than the minimum in one of the profiles: not compared, score 0. */
    TOO_FEW_SAMPLES
  }

  public FeatureDrift {
    Objects.requireNonNull(feature, "feature");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(statistic, "statistic");
    Objects.requireNonNull(status, "status");
    if (!(score >= 0 && score <= 1)) {
      throw new IllegalArgumentException("Invalid feature drift score: " + score);
    }
  }
}
