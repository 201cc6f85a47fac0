package io.nightscribe.runs.mlflow;

import io.nightscribe.asr.ErrorCategory;
import io.nightscribe.asr.NightscribeException;
import io.nightscribe.asr.manifest.EncodedManifest;
import io.nightscribe.asr.storage.ObjectStores;
import io.nightscribe.asr.storage.StorageUri;
import io.nightscribe.registry.mlflow.ArtifactContent;
import io.nightscribe.registry.mlflow.DatasetInput;
import io.nightscribe.registry.mlflow.Metric;
import io.nightscribe.registry.mlflow.MlflowRunPublisher;
import io.nightscribe.registry.mlflow.RunPublication;
import io.nightscribe.registry.mlflow.RunStatus;
import io.nightscribe.runs.drift.DriftRecord;
import io.nightscribe.runs.layout.OutputLayout;
import io.nightscribe.runs.ledger.MlflowSync;
import io.nightscribe.runs.ledger.RunLedger;
import io.nightscribe.runs.ledger.RunRow;
import io.nightscribe.runs.record.RunRecord;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Mirrors finished runs to MLflow through the ledger's outbox: a run is queued first, then
 * published; when MLflow is down the run stays queued, the night still succeeds, and {@link #sync}
 * publishes it later. Thread-safe.
 */
public final class MlflowMirror {
  private static final Logger log = LoggerFactory.getLogger(MlflowMirror.class);

  private final Optional<MlflowRunPublisher> publisher;
  private final MlflowOutbox outbox;
  private final RunLedger ledger;
  private final ObjectStores stores;
  private final JsonMapper json;
  private final JsonMapper prettyJson;

  /**
   * @param publisher the MLflow publisher, empty when MLflow is not configured
   */
  public MlflowMirror(
      Optional<MlflowRunPublisher> publisher,
      MlflowOutbox outbox,
      RunLedger ledger,
      ObjectStores stores,
      JsonMapper json) {
    this.publisher = publisher;
    this.outbox = outbox;
    this.ledger = ledger;
    this.stores = stores;
    this.json = json;
    this.prettyJson = json.rebuild().enable(SerializationFeature.INDENT_OUTPUT).build();
  }

  /**
   * What became of a run's mirroring: its state for run.json and the MLflow run id once published.
   */
  public record Result(MlflowSync state, Optional<String> mlflowRunId) {}

  /** Queues the run for MLflow and tries to publish it at once. */
  public Result mirror(
      RunRecord record,
      StorageUri runFolder,
      EncodedManifest inputs,
      EncodedManifest outputs,
      EncodedManifest errors) {
    if (publisher.isEmpty()) {
      return new Result(MlflowSync.DISABLED, Optional.empty());
    }
    Map<String, ArtifactContent> artifacts = new LinkedHashMap<>();
    artifacts.put(
        "run.json",
        ArtifactContent.of(
            prettyJson.writeValueAsBytes(record.withMlflow(MlflowSync.SYNCED, Optional.empty()))));
    artifacts.put("inputs.jsonl", ArtifactContent.of(inputs.bytes()));
    artifacts.put("outputs.jsonl", ArtifactContent.of(outputs.bytes()));
    artifacts.put("errors.jsonl", ArtifactContent.of(errors.bytes()));
    return queueAndPublish(publication(record, runFolder, inputs.sha256(), artifacts));
  }

  /**
   * Queues any publication of a run in the ledger (a replay's, say) and tries to publish it at
   * once.
   */
  public Result queueAndPublish(RunPublication publication) {
    if (publisher.isEmpty()) {
      return new Result(MlflowSync.DISABLED, Optional.empty());
    }
    outbox.enqueue(publication.nightscribeRunId(), publication.toJson());
    return publish(publication.nightscribeRunId(), publication);
  }

  /**
   * How many times publishing run {@code runId} to MLflow failed: each failure left it in the
   * outbox for a later {@link #sync} to try again. 0 for a run never queued.
   */
  public long failedPublications(String runId) {
    return outbox.failedAttempts(runId);
  }

  /** True when runs are mirrored to a tracking server. */
  public boolean enabled() {
    return publisher.isPresent();
  }

  /**
   * Publishes every queued run and brings its run.json up to date. Returns how many are still
   * queued.
   */
  public int sync() {
    if (publisher.isEmpty()) {
      throw NightscribeException.configuration(
          "Cannot sync with MLflow: no tracking server is configured (set nightscribe.mlflow.tracking-uri or"
              + " NIGHTSCRIBE_MLFLOW_URI)");
    }
    int left = 0;
    for (MlflowOutbox.Pending pending : outbox.pending()) {
      RunPublication publication = RunPublication.fromJson(pending.publicationJson());
      Result result = publish(pending.runId(), publication);
      if (result.state() == MlflowSync.SYNCED) {
        rewriteRunRecord(pending.runId(), result);
      } else {
        left++;
      }
    }
    return left;
  }

  private Result publish(String runId, RunPublication publication) {
    try {
      String mlflowRunId = publisher.orElseThrow().publish(publication);
      outbox.published(runId, mlflowRunId);
      return new Result(MlflowSync.SYNCED, Optional.of(mlflowRunId));
    } catch (NightscribeException e) {
      if (e.category() == ErrorCategory.INTERNAL) {
        throw e;
      }
      outbox.failed(runId, e.getMessage());
      log.warn(
          "{}; run {} stays queued: 'nightscribe mlflow sync' publishes it", e.getMessage(), runId);
      return new Result(MlflowSync.PENDING, Optional.empty());
    }
  }

  private void rewriteRunRecord(String runId, Result result) {
    RunRow run = ledger.run(runId).orElseThrow();
    String stored = run.runRecord().orElse(null);
    if (stored == null) {
      return;
    }
    ObjectNode record = (ObjectNode) json.readTree(stored);
    ObjectNode mlflow = (ObjectNode) record.get("mlflow");
    mlflow.put("state", result.state().value());
    mlflow.put("runId", result.mlflowRunId().orElse(null));
    if (record.get("retries") instanceof ObjectNode retries) {
      retries.put("mlflow", outbox.failedAttempts(runId));
    }
    byte[] bytes = prettyJson.writeValueAsBytes(record);
    StorageUri runJson = OutputLayout.of(run.outputUri()).run(runId).record();
    stores.forUri(runJson).write(runJson, bytes);
    ledger.updateMlflow(
        runId, result.state(), result.mlflowRunId(), new String(bytes, StandardCharsets.UTF_8));
  }

  /**
   * The night's drift: metrics {@code drift.<kind>.score} and tags {@code
   * nightscribe.drift.reference}, {@code nightscribe.drift.<kind>.level}; a night at the retrain
   * level is tagged {@code nightscribe.retrain=requested}, which a training trigger finds with a
   * run search ({@code tags."nightscribe.retrain" = 'requested'}).
   */
  private static void addDrift(
      DriftRecord drift, Map<String, String> tags, List<Metric> metrics, long now) {
    if (drift == null) {
      return;
    }
    tags.put("nightscribe.drift.reference", drift.reference());
    addKind("data", drift.data(), tags, metrics, now);
    addKind("prediction", drift.prediction(), tags, metrics, now);
    if (drift.retrainRequested()) {
      tags.put("nightscribe.retrain", "requested");
    }
  }

  private static void addKind(
      String kind,
      DriftRecord.Kind drift,
      Map<String, String> tags,
      List<Metric> metrics,
      long now) {
    if (drift == null) {
      return;
    }
    metrics.add(Metric.of("drift." + kind + ".score", drift.score(), now));
    tags.put("nightscribe.drift." + kind + ".level", drift.level());
    if (drift.decidedBy() != null) {
      tags.put("nightscribe.drift." + kind + ".decided_by", drift.decidedBy());
    }
  }

  private RunPublication publication(
      RunRecord record,
      StorageUri runFolder,
      String inputDigest,
      Map<String, ArtifactContent> artifacts) {
    Map<String, String> params = new TreeMap<>();
    params.put("pipeline", record.pipeline());
    params.put("date", String.valueOf(record.date()));
    params.put("input_uri", record.input());
    params.put("model.reference", record.model().reference());
    params.put("model.name", record.model().name());
    params.put("model.version", record.model().version());
    params.put("model.sha256", record.model().sha256());
    record.decoding().forEach((key, value) -> params.put("decoding." + key, String.valueOf(value)));
    params.put("config_hash", record.configHash());
    params.put(
        "seeds",
        record.seeds().isEmpty()
            ? "none (the engine is deterministic)"
            : record.seeds().toString());
    params.put("code.version", record.code().version());
    params.put("code.git_commit", record.code().gitCommit());
    record.environment().forEach((key, value) -> params.put("env." + key, value));
    Map<String, String> tags = new TreeMap<>();
    tags.put("nightscribe.run_id", record.runId());
    tags.put("nightscribe.job_kind", record.jobKind().value());
    tags.put("nightscribe.pipeline", record.pipeline());
    tags.put("nightscribe.run_folder", runFolder.toString());
    tags.put("mlflow.source.git.commit", record.code().gitCommit());
    // MLflow's own system tags, which its UI shows as Source and Created by
    tags.put("mlflow.source.type", "JOB");
    tags.put(
        "mlflow.source.name", "nightscribe " + record.jobKind().value() + " " + record.pipeline());
    tags.put("mlflow.user", System.getProperty("user.name", "nightscribe"));
    if (record.backfillId() != null) {
      tags.put("nightscribe.backfill_id", record.backfillId());
    }
    long now = System.currentTimeMillis();
    List<Metric> metrics =
        new ArrayList<>(
            List.of(
                Metric.of("objects_transcribed", record.counts().transcribed(), now),
                Metric.of("objects_quarantined", record.counts().quarantined(), now),
                Metric.of("audio_seconds", record.metrics().audioSeconds(), now),
                Metric.of("wall_seconds", record.metrics().wallSeconds(), now),
                Metric.of("real_time_factor", record.metrics().realTimeFactor(), now)));
    addDrift(record.drift(), tags, metrics, now);
    long startMillis = now - (long) (record.metrics().wallSeconds() * 1000);
    return new RunPublication(
        record.mlflow().experiment(),
        record.pipeline() + " " + (record.date() == null ? record.input() : record.date()),
        record.runId(),
        tags,
        params,
        metrics,
        artifacts,
        DatasetInput.forManifest(
            record.pipeline() + "-inputs",
            inputDigest,
            "nightscribe-manifest",
            record.input(),
            "transcription"),
        RunStatus.FINISHED,
        startMillis,
        now);
  }
}
