package io.nightscribe.monitoring.drift;

/**
 * Score thresholds of the drift levels: a score above {@code warn} is {@link DriftLevel#WARN},
 * above {@code alert} {@link DriftLevel#ALERT}, above {@code retrain} {@link DriftLevel#RETRAIN}.
 *
 * @param warn an issue to look at (default 0.10)
 * @param alert the input or output has clearly moved (default 0.25)
 * @param retrain the model no longer sees what it was validated on (default 0.50)
 */
public record DriftThresholds(double warn, double alert, double retrain) {
  /** 0.10, 0.25, 0.50. */
  public static final DriftThresholds DEFAULTS = new DriftThresholds(0.10, 0.25, 0.50);

  public DriftThresholds {
    if (!(0 <= warn && warn <= alert && alert <= retrain && retrain <= 1)) {
      throw new IllegalArgumentException(
          "Invalid drift thresholds: need 0 <= warn <= alert <= retrain <= 1, got "
              + warn
              + ", "
              + alert
              + ", "
              + retrain);
    }
  }

  /** The level {@code score} reaches; a score equal to a threshold stays below it. */
  public DriftLevel levelOf(double score) {
    if (score > retrain) {
      return DriftLevel.RETRAIN;
    }
    if (score > alert) {
      return DriftLevel.ALERT;
    }
    if (score > warn) {
      return DriftLevel.WARN;
    }
    return DriftLevel.OK;
  }
}
