package io.nightscribe.registry.mlflow;

/** The MLflow run statuses a finished nightscribe run maps to; the names are MLflow's. */
public enum RunStatus {
  FINISHED,
  FAILED,
  KILLED
}
