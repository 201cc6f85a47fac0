package io.nightscribe.runs.replay;

import io.nightscribe.asr.storage.ObjectStores;
import io.nightscribe.asr.storage.StorageUri;
import io.nightscribe.registry.mlflow.ArtifactContent;
import io.nightscribe.registry.mlflow.Metric;
import io.nightscribe.registry.mlflow.RunPublication;
import io.nightscribe.runs.layout.OutputLayout;
import io.nightscribe.runs.ledger.JobKind;
import io.nightscribe.runs.ledger.MlflowSync;
import io.nightscribe.runs.ledger.RunLedger;
import io.nightscribe.runs.ledger.RunRow;
import io.nightscribe.runs.ledger.RunStatus;
import io.nightscribe.runs.mlflow.MlflowMirror;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Leaves a replay's record: replay.json and replay.html in its location, a row in the ledger (job
 * kind "replay"), and an MLflow run tagged with the original run, through the outbox. Thread-safe.
 */
public final class ReplayRecorder {
  private final RunLedger ledger;
  private final ObjectStores stores;
  private final MlflowMirror mlflow;
  private final Clock clock;
  private final JsonMapper json;

  public ReplayRecorder(
      RunLedger ledger, ObjectStores stores, MlflowMirror mlflow, Clock clock, JsonMapper json) {
    this.ledger = ledger;
    this.stores = stores;
    this.mlflow = mlflow;
    this.clock = clock;
    this.json = json.rebuild().enable(SerializationFeature.INDENT_OUTPUT).build();
  }

  /** Records that the replay began, so it is in the ledger even if it never ends. */
  public void started(RunRow original, String replayId, StorageUri location) {
    ledger.createRun(
        new RunRow(
            replayId,
            Optional.empty(),
            JobKind.REPLAY,
            original.pipeline(),
            original.partitionDate(),
            original.inputUri(),
            location.toString(),
            original.modelReference(),
            original.modelName(),
            original.modelVersion(),
            original.modelSha256(),
            original.configHash(),
            original.settingsJson(),
            RunStatus.RUNNING,
            clock.instant(),
            Optional.empty(),
            Optional.empty(),
            mlflow.enabled() ? MlflowSync.PENDING : MlflowSync.DISABLED,
            Optional.empty(),
            Optional.empty()));
  }

  /**
   * Writes the report beside the replay's transcripts, mirrors it to MLflow and closes the ledger
   * row.
   *
   * @return whether and where MLflow has it
   */
  public MlflowMirror.Result finished(ReplayReport report, Instant startedAt) {
    var folder = new OutputLayout.ReplayFolder(StorageUri.parse(report.location()));
    byte[] reportJson = json.writeValueAsBytes(report);
    byte[] reportHtml = ReplayHtml.render(report).getBytes(StandardCharsets.UTF_8);
    stores.forUri(folder.report()).write(folder.report(), reportJson);
    stores.forUri(folder.page()).write(folder.page(), reportHtml);
    MlflowMirror.Result mirrored =
        mlflow.queueAndPublish(publication(report, startedAt, reportJson, reportHtml));
    ledger.finish(
        report.replayId(),
        RunStatus.valueOf(report.verdict().name()),
        null,
        mirrored.state(),
        mirrored.mlflowRunId());
    return mirrored;
  }

  private RunPublication publication(
      ReplayReport report, Instant startedAt, byte[] reportJson, byte[] reportHtml) {
    var original = report.original();
    Map<String, String> tags = new TreeMap<>();
    tags.put("nightscribe.run_id", report.replayId());
    tags.put("nightscribe.job_kind", JobKind.REPLAY.value());
    tags.put("nightscribe.pipeline", original.pipeline());
    tags.put("nightscribe.replay_of", original.runId());
    if (original.mlflowRunId() != null) {
      tags.put("nightscribe.replay_of_mlflow_run", original.mlflowRunId());
    }
    tags.put("nightscribe.verdict", report.verdict().name());
    Map<String, String> params = new TreeMap<>();
    params.put("original_run_id", original.runId());
    params.put("date", String.valueOf(original.date()));
    params.put("input_uri", original.input());
    params.put("location", report.location());
    params.put("model.reference", report.model().reference());
    params.put("model.sha256", report.model().recordedSha256());
    report.environment().get("replay").forEach((key, value) -> params.put("env." + key, value));
    long now = clock.millis();
    List<Metric> metrics =
        List.of(
            Metric.of(
                "inputs_changed", report.inputs().stream().filter(i -> !i.same()).count(), now),
            Metric.of(
                "outputs_identical",
                report.outputs().stream().filter(ReplayReport.OutputComparison::identical).count(),
                now),
            Metric.of(
                "outputs_different",
                report.outputs().stream().filter(o -> !o.identical()).count(),
                now));
    Map<String, ArtifactContent> artifacts = new LinkedHashMap<>();
    artifacts.put("replay.json", ArtifactContent.of(reportJson));
    artifacts.put("replay.html", ArtifactContent.of(reportHtml));
    return new RunPublication(
        "nightscribe/" + original.pipeline(),
        "replay of " + original.runId(),
        report.replayId(),
        tags,
        params,
        metrics,
        artifacts,
        null,
        // the replay itself finished whatever it proved: its verdict is the tag
        io.nightscribe.registry.mlflow.RunStatus.FINISHED,
        Math.min(startedAt.toEpochMilli(), now),
        now);
  }
}
