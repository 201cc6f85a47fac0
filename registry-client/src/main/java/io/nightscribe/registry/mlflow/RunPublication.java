package io.nightscribe.registry.mlflow;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Everything about one finished nightscribe run that MLflow should show, as one immutable value
 * that serialises to JSON and back (so it can wait in an outbox table until MLflow is reachable).
 *
 * <p>Maps are copied into sorted, unmodifiable maps. Every key and value is checked against {@link
 * MlflowLimits} here, so a publication that exists can be published.
 *
 * @param experimentName MLflow experiment, created when missing
 * @param runName MLflow run name (shown in the UI; not unique)
 * @param nightscribeRunId the nightscribe run id; the publisher tags the MLflow run with it as
 *     {@value MlflowRunPublisher#RUN_ID_TAG} and finds the run again by it
 * @param tags run tags ({@code mlflow.source.git.commit} and the like are allowed)
 * @param params run params, immutable once logged in MLflow
 * @param metrics metric points, in logging order
 * @param artifacts small artifacts by relative path ({@code run.json}, {@code inputs.jsonl})
 * @param datasetInput the run's input dataset, or null
 * @param status how the run ended
 * @param startMillis epoch milliseconds the run started
 * @param endMillis epoch milliseconds the run ended, not before {@code startMillis}
 */
public record RunPublication(
    String experimentName,
    String runName,
    String nightscribeRunId,
    Map<String, String> tags,
    Map<String, String> params,
    List<Metric> metrics,
    Map<String, ArtifactContent> artifacts,
    DatasetInput datasetInput,
    RunStatus status,
    long startMillis,
    long endMillis) {
  private static final Pattern RUN_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,199}");
  private static final JsonMapper JSON = JsonMapper.builder().build();

  public RunPublication {
    requireText("experimentName", experimentName);
    requireText("runName", runName);
    if (nightscribeRunId == null || !RUN_ID.matcher(nightscribeRunId).matches()) {
      throw new IllegalArgumentException(
          "Invalid nightscribe run id '"
              + nightscribeRunId
              + "': use letters, digits, '.', '_', ':' or '-'");
    }
    tags = checkedCopy("tag", tags, MlflowLimits.MAX_TAG_VALUE_CHARS);
    params = checkedCopy("param", params, MlflowLimits.MAX_PARAM_VALUE_CHARS);
    metrics = List.copyOf(metrics == null ? List.of() : metrics);
    artifacts = artifactCopy(artifacts);
    Objects.requireNonNull(status, "status");
    if (startMillis < 0 || endMillis < startMillis) {
      throw new IllegalArgumentException(
          "Invalid run times for "
              + nightscribeRunId
              + ": startMillis "
              + startMillis
              + ", endMillis "
              + endMillis);
    }
  }

  /** This publication as JSON (artifacts base64). */
  public String toJson() {
    return JSON.writeValueAsString(this);
  }

  /**
   * Reads a publication written by {@link #toJson()}.
   *
   * @throws IllegalArgumentException if {@code json} is not a valid publication
   */
  public static RunPublication fromJson(String json) {
    try {
      return JSON.readValue(json, RunPublication.class);
    } catch (JacksonException e) {
      throw new IllegalArgumentException(
          "Invalid run publication JSON: " + e.getOriginalMessage(), e);
    }
  }

  private static void requireText(String what, String value) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("Invalid run publication: " + what + " is blank");
    }
  }

  private static Map<String, String> checkedCopy(
      String kind, Map<String, String> map, int maxValueChars) {
    TreeMap<String, String> copy = new TreeMap<>();
    if (map != null) {
      map.forEach(
          (key, value) ->
              copy.put(
                  MlflowLimits.checkKey(kind, key),
                  MlflowLimits.checkValue(kind, key, value, maxValueChars)));
    }
    return Collections.unmodifiableSortedMap(copy);
  }

  private static Map<String, ArtifactContent> artifactCopy(Map<String, ArtifactContent> map) {
    TreeMap<String, ArtifactContent> copy = new TreeMap<>();
    if (map != null) {
      map.forEach(
          (path, content) ->
              copy.put(ArtifactPaths.checkRelative(path), Objects.requireNonNull(content, path)));
    }
    return Collections.unmodifiableSortedMap(copy);
  }
}
