package io.nightscribe.registry.mlflow;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** MLflow's JSON shapes of runs, metrics and datasets. */
final class RunJson {
  private static final String CONTEXT_TAG = "mlflow.data.context";

  private RunJson() {}

  static MlflowRun run(JsonNode run) {
    JsonNode info = run.path("info");
    JsonNode data = run.path("data");
    Map<String, Double> latestMetrics = new HashMap<>();
    data.path("metrics")
        .forEach(m -> latestMetrics.put(m.path("key").asString(), m.path("value").asDouble()));
    List<DatasetInput> datasets = new ArrayList<>();
    run.path("inputs").path("dataset_inputs").forEach(d -> datasets.add(dataset(d)));
    JsonNode endTime = info.path("end_time");
    return new MlflowRun(
        info.path("run_id").asString(),
        info.path("experiment_id").asString(),
        info.path("run_name").asString(""),
        info.path("status").asString(),
        info.path("start_time").asLong(),
        endTime.isMissingNode() || endTime.isNull() ? null : endTime.asLong(),
        info.path("artifact_uri").asString(),
        keyValues(data.path("params")),
        keyValues(data.path("tags")),
        latestMetrics,
        datasets);
  }

  static Metric metric(JsonNode metric) {
    return new Metric(
        metric.path("key").asString(),
        metric.path("value").asDouble(),
        metric.path("step").asLong(0),
        metric.path("timestamp").asLong());
  }

  static Map<String, Object> metricBody(Metric metric) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("key", metric.key());
    body.put("value", metric.value());
    body.put("timestamp", metric.timestampMillis());
    body.put("step", metric.step());
    return body;
  }

  /** MLflow's dataset sources are JSON objects; an S3 or file source is {"uri": ...}. */
  static Map<String, Object> datasetBody(DatasetInput input, JsonMapper json) {
    Map<String, Object> dataset = new LinkedHashMap<>();
    dataset.put("name", input.name());
    dataset.put("digest", input.digest());
    dataset.put("source_type", input.sourceType());
    dataset.put("source", json.writeValueAsString(Map.of("uri", input.sourceUri())));
    if (input.schemaJson() != null) {
      dataset.put("schema", input.schemaJson());
    }
    if (input.profileJson() != null) {
      dataset.put("profile", input.profileJson());
    }
    List<Map<String, String>> tags =
        input.context() == null
            ? List.of()
            : List.of(Map.of("key", CONTEXT_TAG, "value", input.context()));
    return Map.of("dataset", dataset, "tags", tags);
  }

  private static DatasetInput dataset(JsonNode input) {
    JsonNode dataset = input.path("dataset");
    String source = dataset.path("source").asString("");
    String uri = source;
    try {
      uri = JsonMapper.shared().readTree(source).path("uri").asString(source);
    } catch (RuntimeException notJson) {
      // a source logged by another client may be a plain string: keep it
    }
    return new DatasetInput(
        dataset.path("name").asString(),
        dataset.path("digest").asString(),
        dataset.path("source_type").asString(),
        uri,
        keyValues(input.path("tags")).get(CONTEXT_TAG),
        dataset.path("profile").asString(null),
        dataset.path("schema").asString(null));
  }

  private static Map<String, String> keyValues(JsonNode list) {
    Map<String, String> map = new LinkedHashMap<>();
    list.forEach(kv -> map.put(kv.path("key").asString(), kv.path("value").asString("")));
    return map;
  }
}
