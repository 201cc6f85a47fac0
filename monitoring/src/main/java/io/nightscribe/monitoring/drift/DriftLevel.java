package io.nightscribe.monitoring.drift;

/**
 * How much a drift score asks for: the gauge {@code nightscribe_drift_level} exposes {@link
 * #code()}, and the alert rules fire on it, so thresholds live in one place ({@link
 * DriftThresholds}).
 */
public enum DriftLevel {
  /** At or below the warn threshold. */
  OK(0),
  /** Above warn: an issue to look at. */
  WARN(1),
  /** Above alert: the pipeline's input or output has clearly moved. */
  ALERT(2),
  /** Above retrain: the model no longer sees what it was trained and validated on. */
  RETRAIN(3);

  private final int code;

  DriftLevel(int code) {
    this.code = code;
  }

  /** The gauge value: 0 ok, 1 warn, 2 alert, 3 retrain. */
  public int code() {
    return code;
  }
}
