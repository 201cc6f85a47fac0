package io.nightscribe.registry.mlflow;

import java.util.List;
import java.util.Map;

/**
 * An MLflow run as the tracking server reports it.
 *
 * @param runId MLflow's run id (32 hex characters)
 * @param experimentId the experiment's id
 * @param runName the run name, empty when it has none
 * @param status {@code RUNNING}, {@code FINISHED}, {@code FAILED}, {@code KILLED} or {@code
 *     SCHEDULED}, as MLflow spells it
 * @param startMillis epoch milliseconds
 * @param endMillis epoch milliseconds, or null while the run is not finished
 * @param artifactUri e.g. {@code mlflow-artifacts:/1/<run id>/artifacts}
 * @param params params by key
 * @param tags tags by key, MLflow's own ({@code mlflow.runName}) included
 * @param latestMetrics the latest value of each metric by key
 * @param datasets the dataset inputs logged with {@code runs/log-inputs}
 */
public record MlflowRun(
    String runId,
    String experimentId,
    String runName,
    String status,
    long startMillis,
    Long endMillis,
    String artifactUri,
    Map<String, String> params,
    Map<String, String> tags,
    Map<String, Double> latestMetrics,
    List<DatasetInput> datasets) {
  public MlflowRun {
    params = Map.copyOf(params);
    tags = Map.copyOf(tags);
    latestMetrics = Map.copyOf(latestMetrics);
    datasets = List.copyOf(datasets);
  }
}
