package io.nightscribe.registry.mlflow;

/**
 * One metric point of an MLflow run.
 *
 * <p>MLflow stores a point once per (key, step, timestamp, value): logging the same point again is
 * a no-op, which is what makes re-publishing idempotent. So the timestamp must come from the run,
 * never from the clock at publication time.
 *
 * @param key metric name, see {@link MlflowLimits#checkKey}
 * @param value a finite number (MLflow's JSON has no NaN or infinity)
 * @param step the step, 0 for single-valued metrics
 * @param timestampMillis epoch milliseconds the value was measured at
 */
public record Metric(String key, double value, long step, long timestampMillis) {
  public Metric {
    MlflowLimits.checkKey("metric", key);
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException(
          "Invalid MLflow metric '" + key + "': value " + value + " is not finite");
    }
    if (step < 0 || timestampMillis < 0) {
      throw new IllegalArgumentException(
          "Invalid MLflow metric '" + key + "': step and timestampMillis must be >= 0");
    }
  }

  /** A single-valued metric (step 0). */
  public static Metric of(String key, double value, long timestampMillis) {
    return new Metric(key, value, 0, timestampMillis);
  }
}
