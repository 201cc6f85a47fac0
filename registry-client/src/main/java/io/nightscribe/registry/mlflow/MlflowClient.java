package io.nightscribe.registry.mlflow;

import io.nightscribe.asr.NightscribeException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * The MLflow tracking server's REST API (MLflow 3.x), over plain HTTP: experiments, runs, params,
 * metrics, tags, dataset inputs and artifacts through the server's artifact proxy. No Python.
 *
 * <p>Thread-safe; holds no resources that need closing. Every method throws {@link
 * NightscribeException}: TRANSIENT when the server cannot be reached, times out or answers 5xx/429
 * (retry later); CONFIGURATION on 401/403 or when the URI is not an MLflow server with artifact
 * serving (tell the user the fix); INTERNAL when the server refuses the request itself (a bug or a
 * conflicting value: retrying will not help).
 */
public final class MlflowClient {
  /** Connect timeout of {@link #create}. */
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);

  /** Request timeout of {@link #create}. */
  public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(60);

  private static final Logger LOG = LoggerFactory.getLogger(MlflowClient.class);
  private static final String API = MlflowHttp.API;
  private static final String ARTIFACTS_API = MlflowHttp.ARTIFACTS_API;
  private static final int SEARCH_PAGE_SIZE = 100;

  /** Pauses before logging a dataset input again after a refusal: a concurrent creation race. */
  private static final List<Duration> DATASET_RACE_RETRIES =
      List.of(Duration.ofMillis(100), Duration.ofMillis(300), Duration.ofMillis(900));

  private final MlflowHttp api;

  /**
   * @param trackingUri the server, e.g. {@code http://127.0.0.1:5000} (a path prefix is kept)
   * @param token bearer token (MLFLOW_TRACKING_TOKEN), or null for none
   * @param connectTimeout how long to wait for a TCP connection
   * @param requestTimeout how long to wait for each answer
   */
  public MlflowClient(
      URI trackingUri, String token, Duration connectTimeout, Duration requestTimeout) {
    this.api = new MlflowHttp(trackingUri, token, connectTimeout, requestTimeout);
  }

  /** The model registry of the same server. */
  public MlflowModelRegistry modelRegistry() {
    return new MlflowModelRegistry(api);
  }

  /** A client with {@link #DEFAULT_CONNECT_TIMEOUT} and {@link #DEFAULT_REQUEST_TIMEOUT}. */
  public static MlflowClient create(URI trackingUri, String token) {
    return new MlflowClient(trackingUri, token, DEFAULT_CONNECT_TIMEOUT, DEFAULT_REQUEST_TIMEOUT);
  }

  /** The tracking server as shown in messages (without user info). */
  public String server() {
    return api.server();
  }

  /**
   * Proves the server answers its REST API with these credentials (one experiment search), and
   * returns its version: what a health check asks.
   *
   * @throws NightscribeException TRANSIENT when unreachable, CONFIGURATION when it refuses the
   *     credentials or is not an MLflow server
   */
  public String ping() {
    String action = "search MLflow experiments";
    api.read(action, api.send(action, api.get(API + "experiments/search?max_results=1")));
    HttpResponse<byte[]> version = api.send("ask the MLflow version", api.get("/version"));
    return version.statusCode() == 200
        ? "MLflow " + new String(version.body(), java.nio.charset.StandardCharsets.UTF_8).strip()
        : "MLflow";
  }

  /** The id of the active experiment {@code name}, created when there is none. */
  public String getOrCreateExperiment(String name) {
    String action = "find MLflow experiment '" + name + "'";
    HttpResponse<byte[]> found =
        api.send(
            action,
            api.get(API + "experiments/get-by-name?experiment_name=" + MlflowHttp.query(name)));
    if (found.statusCode() == 404) {
      HttpResponse<byte[]> created =
          api.send(
              "create MLflow experiment '" + name + "'",
              api.post(API + "experiments/create", Map.of("name", name)));
      if (created.statusCode() == 200) {
        String id = api.read(created).path("experiment_id").asString();
        LOG.debug("Created MLflow experiment {} '{}'", id, name);
        return id;
      }
      if (!api.errorCode(created).equals("RESOURCE_ALREADY_EXISTS")) {
        throw api.rejected("create MLflow experiment '" + name + "'", created);
      }
      found =
          api.send(
              action,
              api.get(API + "experiments/get-by-name?experiment_name=" + MlflowHttp.query(name)));
    }
    JsonNode experiment = api.read(action, found).path("experiment");
    if (!"active".equals(experiment.path("lifecycle_stage").asString())) {
      throw NightscribeException.configuration(
          "Cannot use MLflow experiment '"
              + name
              + "' at "
              + api.server()
              + ": it is deleted (restore it with `mlflow experiments restore` or use another name)");
    }
    return experiment.path("experiment_id").asString();
  }

  /** Sets an experiment's tag {@code key}: MLflow's own ({@code mlflow.experimentKind}) too. */
  public void setExperimentTag(String experimentId, String key, String value) {
    String action = "tag MLflow experiment " + experimentId + " with " + key;
    api.read(
        action,
        api.send(
            action,
            api.post(
                API + "experiments/set-experiment-tag",
                Map.of("experiment_id", experimentId, "key", key, "value", value))));
  }

  /** The tags of an experiment, by key. */
  public Map<String, String> experimentTags(String experimentId) {
    String action = "read MLflow experiment " + experimentId;
    JsonNode experiment =
        api.read(
                action,
                api.send(
                    action,
                    api.get(
                        API + "experiments/get?experiment_id=" + MlflowHttp.query(experimentId))))
            .path("experiment");
    Map<String, String> tags = new LinkedHashMap<>();
    for (JsonNode tag : experiment.path("tags")) {
      tags.put(tag.path("key").asString(), tag.path("value").asString());
    }
    return tags;
  }

  /** The active runs of an experiment whose tag {@code key} is {@code value}, oldest first. */
  public List<MlflowRun> searchRunsByTag(String experimentId, String key, String value) {
    MlflowLimits.checkKey("tag", key);
    if (value.contains("'") || value.contains("\\")) {
      throw new IllegalArgumentException("Cannot search MLflow tag value with quotes: " + value);
    }
    String action = "search MLflow runs of experiment " + experimentId + " by tag " + key;
    List<MlflowRun> runs = new ArrayList<>();
    String pageToken = null;
    do {
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("experiment_ids", List.of(experimentId));
      body.put("filter", "tags.`" + key + "` = '" + value + "'");
      body.put("run_view_type", "ACTIVE_ONLY");
      body.put("max_results", SEARCH_PAGE_SIZE);
      body.put("order_by", List.of("attributes.start_time ASC"));
      if (pageToken != null) {
        body.put("page_token", pageToken);
      }
      JsonNode page = api.read(action, api.send(action, api.post(API + "runs/search", body)));
      page.path("runs").forEach(run -> runs.add(RunJson.run(run)));
      pageToken = page.path("next_page_token").asString(null);
    } while (pageToken != null && !pageToken.isEmpty());
    return runs;
  }

  /** Creates a RUNNING run; {@code tags} are set atomically with it. */
  public MlflowRun createRun(
      String experimentId, String runName, long startMillis, Map<String, String> tags) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("experiment_id", experimentId);
    body.put("run_name", runName);
    body.put("start_time", startMillis);
    body.put("tags", MlflowHttp.keyValues(tags));
    String action = "create MLflow run '" + runName + "' in experiment " + experimentId;
    MlflowRun run =
        RunJson.run(
            api.read(action, api.send(action, api.post(API + "runs/create", body))).path("run"));
    LOG.debug("Created MLflow run {} '{}'", run.runId(), runName);
    return run;
  }

  /** The run {@code runId}, with its data and inputs. */
  public MlflowRun getRun(String runId) {
    String action = "get MLflow run " + runId;
    return RunJson.run(
        api.read(
                action,
                api.send(action, api.get(API + "runs/get?run_id=" + MlflowHttp.query(runId))))
            .path("run"));
  }

  /** Every point of metric {@code key} of run {@code runId}, as the server returns them. */
  public List<Metric> metricHistory(String runId, String key) {
    String action = "get history of metric " + key + " of MLflow run " + runId;
    String path =
        API
            + "metrics/get-history?run_id="
            + MlflowHttp.query(runId)
            + "&metric_key="
            + MlflowHttp.query(key);
    List<Metric> points = new ArrayList<>();
    api.read(action, api.send(action, api.get(path)))
        .path("metrics")
        .forEach(m -> points.add(RunJson.metric(m)));
    return points;
  }

  /**
   * Logs params, metrics and tags, in as many {@code runs/log-batch} calls as MLflow's limits
   * require. Logging a param again with the same value, a tag again or the same metric point again
   * changes nothing; a param with a different value is refused (INTERNAL).
   */
  public void logBatch(
      String runId, Map<String, String> params, List<Metric> metrics, Map<String, String> tags) {
    params.forEach(
        (k, v) ->
            MlflowLimits.checkValue(
                "param", MlflowLimits.checkKey("param", k), v, MlflowLimits.MAX_PARAM_VALUE_CHARS));
    tags.forEach(
        (k, v) ->
            MlflowLimits.checkValue(
                "tag", MlflowLimits.checkKey("tag", k), v, MlflowLimits.MAX_TAG_VALUE_CHARS));
    String action = "log params, metrics and tags to MLflow run " + runId;
    for (LogBatch batch : LogBatch.plan(params, metrics, tags)) {
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("run_id", runId);
      body.put("params", MlflowHttp.keyValues(batch.params()));
      body.put("metrics", batch.metrics().stream().map(RunJson::metricBody).toList());
      body.put("tags", MlflowHttp.keyValues(batch.tags()));
      api.read(action, api.send(action, api.post(API + "runs/log-batch", body)));
    }
  }

  /**
   * Logs {@code input} as a dataset input of the run; logging the same input again is a no-op. A
   * refusal (HTTP 400) is sent again three times within about a second, since runs logging the same
   * new dataset at once race to create it, and is TRANSIENT after that.
   */
  public void logInputs(String runId, DatasetInput input) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("run_id", runId);
    body.put("datasets", List.of(RunJson.datasetBody(input, api.json())));
    String action = "log dataset " + input.name() + " to MLflow run " + runId;
    HttpResponse<byte[]> logged = api.send(action, api.post(API + "runs/log-inputs", body));
    // the server keeps one dataset per experiment, name and digest, created on first use: runs
    // logging the same manifest at once (two empty nights, say) race to create it and the losers
    // are
    // refused with the store's unique-constraint error; once it exists the same call succeeds
    for (int retry = 0;
        logged.statusCode() == 400 && retry < DATASET_RACE_RETRIES.size();
        retry++) {
      LOG.debug("MLflow refused {} (HTTP 400): trying again", action);
      pause(DATASET_RACE_RETRIES.get(retry));
      logged = api.send(action, api.post(API + "runs/log-inputs", body));
    }
    if (logged.statusCode() == 400) {
      // still refused: leave it to the outbox rather than fail the run over a race
      NightscribeException refused = api.rejected(action, logged);
      throw NightscribeException.transientFailure(refused.getMessage(), refused);
    }
    api.read(action, logged);
  }

  private static void pause(Duration pause) {
    try {
      Thread.sleep(pause.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw NightscribeException.transientFailure("Interrupted while logging to MLflow", e);
    }
  }

  /**
   * Writes {@code content} to {@code relativePath} under the run's artifact root (replacing it).
   */
  public void uploadArtifact(MlflowRun run, String relativePath, byte[] content) {
    String action = "upload artifact " + relativePath + " of MLflow run " + run.runId();
    HttpRequest.Builder put =
        api.request(artifactPath(run, relativePath, action))
            .header("Content-Type", "application/octet-stream")
            .PUT(HttpRequest.BodyPublishers.ofByteArray(content));
    HttpResponse<byte[]> response = api.send(action, put);
    if (response.statusCode() != 200) {
      throw api.rejected(action, response);
    }
    LOG.debug("Uploaded {} ({} bytes) to MLflow run {}", relativePath, content.length, run.runId());
  }

  /** Streams the file {@code content} to {@code relativePath} under the run's artifact root. */
  public void uploadArtifact(MlflowRun run, String relativePath, Path content) {
    String action = "upload artifact " + relativePath + " of MLflow run " + run.runId();
    HttpRequest.Builder put;
    try {
      put =
          api.request(artifactPath(run, relativePath, action))
              .header("Content-Type", "application/octet-stream")
              .PUT(HttpRequest.BodyPublishers.ofFile(content));
    } catch (java.io.FileNotFoundException e) {
      throw NightscribeException.configuration(
          "Cannot " + action + ": " + content + " does not exist", e);
    }
    HttpResponse<byte[]> response = api.send(action, put);
    if (response.statusCode() != 200) {
      throw api.rejected(action, response);
    }
  }

  /**
   * Every file (not folder) under {@code relativePath} of the run's artifacts, recursively, by its
   * path relative to the artifact root.
   */
  public List<String> listArtifactFiles(MlflowRun run, String relativePath) {
    ArtifactPaths.checkRelative(relativePath);
    List<String> files = new ArrayList<>();
    List<String> folders = new ArrayList<>(List.of(relativePath));
    while (!folders.isEmpty()) {
      String folder = folders.remove(folders.size() - 1);
      String action = "list artifacts " + folder + " of MLflow run " + run.runId();
      JsonNode listing =
          api.read(
              action,
              api.send(
                  action,
                  api.get(
                      API
                          + "artifacts/list?run_id="
                          + MlflowHttp.query(run.runId())
                          + "&path="
                          + MlflowHttp.query(folder))));
      for (JsonNode file : listing.path("files")) {
        (file.path("is_dir").asBoolean(false) ? folders : files).add(file.path("path").asString());
      }
    }
    files.sort(null);
    return files;
  }

  /** Streams the artifact at {@code relativePath} into the file {@code target}. */
  public void downloadArtifact(MlflowRun run, String relativePath, Path target) {
    String action = "download artifact " + relativePath + " of MLflow run " + run.runId();
    HttpResponse<Path> response =
        api.send(
            action,
            api.request(artifactPath(run, relativePath, action)).GET(),
            HttpResponse.BodyHandlers.ofFile(target));
    if (response.statusCode() != 200) {
      byte[] body;
      try {
        body = java.nio.file.Files.readAllBytes(target);
      } catch (java.io.IOException e) {
        body = new byte[0];
      }
      throw api.rejected(action, response.statusCode(), body);
    }
  }

  /** Reads the artifact at {@code relativePath} under the run's artifact root. */
  public byte[] downloadArtifact(MlflowRun run, String relativePath) {
    String action = "download artifact " + relativePath + " of MLflow run " + run.runId();
    HttpResponse<byte[]> response =
        api.send(action, api.request(artifactPath(run, relativePath, action)).GET());
    if (response.statusCode() != 200) {
      throw api.rejected(action, response);
    }
    return response.body();
  }

  /** Sets the run's final status and end time (again, harmlessly, when already set). */
  public void updateRun(String runId, RunStatus status, long endMillis) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("run_id", runId);
    body.put("status", status.name());
    body.put("end_time", endMillis);
    String action = "update MLflow run " + runId + " to " + status;
    api.read(action, api.send(action, api.post(API + "runs/update", body)));
  }

  private String artifactPath(MlflowRun run, String relativePath, String action) {
    ArtifactPaths.checkRelative(relativePath);
    String root;
    try {
      root = ArtifactPaths.proxyRoot(run.artifactUri());
    } catch (IllegalStateException e) {
      throw NightscribeException.configuration(
          "Cannot "
              + action
              + " at "
              + api.server()
              + ": its artifact location "
              + run.artifactUri()
              + " is not served by the tracking server (run `mlflow server --serve-artifacts`"
              + " with no --default-artifact-root)",
          e);
    }
    return ARTIFACTS_API + ArtifactPaths.encode(root + "/" + relativePath);
  }
}
