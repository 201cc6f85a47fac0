package io.nightscribe.monitoring;

/** A service whose calls nightscribe retries, counted by {@code nightscribe_retries_total}. */
public enum Dependency implements LabelValue {
  /** Object storage (S3 API or file system). */
  S3("s3"),
  /** The ledger database. */
  LEDGER("ledger"),
  /** The MLflow tracking server. */
  MLFLOW("mlflow");

  private final String label;

  Dependency(String label) {
    this.label = label;
  }

  @Override
  public String label() {
    return label;
  }
}
