package io.nightscribe.runs.record;

import io.nightscribe.runs.drift.DriftRecord;
import io.nightscribe.runs.ledger.InputRow;
import io.nightscribe.runs.ledger.InputStatus;
import io.nightscribe.runs.ledger.MlflowSync;
import io.nightscribe.runs.ledger.RunRow;
import io.nightscribe.runs.ledger.RunStatus;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** Builds run records from the ledger's rows and plain facts of the execution. Thread-safe. */
public final class RunRecords {
  private final CodeVersion code;
  private final Optional<String> mlflowTrackingUri;
  private final JsonMapper json;

  /**
   * @param mlflowTrackingUri the tracking server runs are mirrored to, empty when MLflow is off
   */
  public RunRecords(CodeVersion code, Optional<String> mlflowTrackingUri, JsonMapper json) {
    this.code = code;
    this.mlflowTrackingUri = mlflowTrackingUri;
    this.json = json.rebuild().enable(SerializationFeature.INDENT_OUTPUT).build();
  }

  /**
   * The record of {@code run}, finished with {@code status}.
   *
   * @param transcripts where its transcripts are
   * @param rows every input of the run
   * @param environment what it ran on (engine, devices, ...): the host's JVM and OS are added
   * @param wallTime how long its last execution took (a restarted run counts only that)
   * @param retries the retries behind it
   * @param drift how the night drifted from its reference
   */
  public RunRecord create(
      RunRow run,
      String transcripts,
      List<InputRow> rows,
      RunStatus status,
      RunRecord.Manifests manifests,
      Map<String, String> environment,
      Duration wallTime,
      RunRecord.Retries retries,
      DriftRecord drift) {
    long audioMillis = rows.stream().mapToLong(InputRow::audioMillis).sum();
    int transcribed =
        (int) rows.stream().filter(r -> r.status() == InputStatus.TRANSCRIBED).count();
    double wallSeconds = wallTime.toMillis() / 1000.0;
    double audioSeconds = audioMillis / 1000.0;
    Map<String, String> recordedEnvironment = new TreeMap<>();
    recordedEnvironment.put("engine", "not loaded");
    recordedEnvironment.put("devices", "none");
    recordedEnvironment.putAll(environment);
    recordedEnvironment.putAll(HostEnvironment.describe());
    return new RunRecord(
        RunRecord.SCHEMA,
        run.runId(),
        run.jobKind(),
        run.pipeline(),
        run.partitionDate().map(Object::toString).orElse(null),
        run.inputUri(),
        transcripts,
        new RunRecord.Model(
            run.modelReference(), run.modelName(), run.modelVersion(), run.modelSha256()),
        json.readValue(run.settingsJson(), new TypeReference<TreeMap<String, Object>>() {}),
        run.configHash(),
        Map.of(),
        new RunRecord.Code(code.version(), code.gitCommit()),
        recordedEnvironment,
        manifests,
        new RunRecord.Counts(rows.size(), transcribed, rows.size() - transcribed),
        new RunRecord.Metrics(
            audioSeconds,
            round(wallSeconds),
            audioSeconds > 0 ? round(wallSeconds / audioSeconds) : 0),
        status,
        new RunRecord.Mlflow(
            mlflowTrackingUri.isPresent() ? MlflowSync.PENDING : MlflowSync.DISABLED,
            mlflowTrackingUri.orElse(null),
            "nightscribe/" + run.pipeline(),
            null),
        run.backfillId().orElse(null),
        retries,
        drift);
  }

  /** run.json's bytes: indented JSON in the record's component order. */
  public byte[] toJson(RunRecord record) {
    return json.writeValueAsBytes(record);
  }

  private static double round(double value) {
    return Math.round(value * 1000) / 1000.0;
  }
}
