package io.nightscribe.runs.drift;

import io.nightscribe.monitoring.drift.FeatureDrift;
import io.nightscribe.monitoring.drift.KindDrift;
import java.util.List;
import java.util.Locale;

/**
 * run.json's "drift" object, in component order: {@code {"reference": "model", "baselineRuns": [],
 * "data": {"score": 0.31, "level": "alert", "decidedBy": "sampleRateHz", "comparedFeatures": 6},
 * "prediction": {...}, "retrainRequested": false, "features": [...]}}. {@code data} and {@code
 * prediction} are null when the reference is "none".
 *
 * @param reference "model", "baseline" or "none"
 * @param baselineRuns the runs whose profiles made the baseline
 * @param data the data drift, or null
 * @param prediction the prediction drift, or null
 * @param retrainRequested whether either kind reached the retrain threshold
 * @param features every compared feature
 */
public record DriftRecord(
    String reference,
    List<String> baselineRuns,
    Kind data,
    Kind prediction,
    boolean retrainRequested,
    List<Feature> features) {

  /**
   * @param score 0-1
   * @param level "ok", "warn", "alert" or "retrain"
   * @param decidedBy the feature with the largest score, or null when the score is 0
   * @param comparedFeatures features of the kind with enough samples on both sides
   */
  public record Kind(double score, String level, String decidedBy, int comparedFeatures) {
    static Kind of(KindDrift drift) {
      return new Kind(
          round(drift.score()),
          RunDrift.levelName(drift.level()),
          drift.decidedBy().orElse(null),
          drift.comparedFeatures());
    }
  }

  /**
   * One feature's comparison; {@code effect} and {@code pValue} are null when it had too few
   * samples.
   */
  public record Feature(
      String feature,
      String kind,
      String statistic,
      Double effect,
      Double pValue,
      double score,
      long referenceCount,
      long currentCount,
      String status) {
    static Feature of(FeatureDrift drift) {
      return new Feature(
          drift.feature(),
          drift.kind().label(),
          drift.statistic().name().toLowerCase(Locale.ROOT),
          RunDrift.finite(round(drift.effect())),
          RunDrift.finite(drift.pValue()),
          round(drift.score()),
          drift.referenceCount(),
          drift.currentCount(),
          RunDrift.statusName(drift.status()));
    }
  }

  private static double round(double value) {
    return Double.isFinite(value) ? Math.round(value * 1e6) / 1e6 : value;
  }
}
