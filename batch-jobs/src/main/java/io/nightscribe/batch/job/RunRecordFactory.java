package io.nightscribe.batch.job;

import io.nightscribe.batch.ledger.InputRow;
import io.nightscribe.batch.ledger.RunRow;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.batch.core.job.JobExecution;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** Builds run records from the ledger and the job's executions. Thread-safe. */
public class RunRecordFactory {
  /** Keys under which the transcribe step leaves what it learned of the environment. */
  public static final String ENGINE_VERSION = "nightscribe.engineVersion";

  public static final String DEVICES = "nightscribe.devices";

  private final CodeVersion code;
  private final String mlflowTrackingUri;
  private final JsonMapper json;

  public RunRecordFactory(CodeVersion code, String mlflowTrackingUri, JsonMapper json) {
    this.code = code;
    this.mlflowTrackingUri = mlflowTrackingUri;
    this.json = json.rebuild().enable(SerializationFeature.INDENT_OUTPUT).build();
  }

  RunRecord create(
      RunRow run,
      RunParameters.StepView view,
      JobExecution execution,
      String status,
      RunRecord.Manifests manifests,
      List<InputRow> rows) {
    long audioMillis = rows.stream().mapToLong(InputRow::audioMillis).sum();
    int transcribed =
        (int) rows.stream().filter(r -> r.status().equals(InputRow.TRANSCRIBED)).count();
    double wallSeconds = wallSeconds(execution);
    double audioSeconds = audioMillis / 1000.0;
    var context = execution.getExecutionContext();
    Map<String, String> environment = new TreeMap<>();
    environment.put(
        "engine",
        context.containsKey(ENGINE_VERSION) ? context.getString(ENGINE_VERSION) : "not loaded");
    environment.put("devices", context.containsKey(DEVICES) ? context.getString(DEVICES) : "none");
    environment.putAll(HostEnvironment.describe());
    return new RunRecord(
        RunRecord.SCHEMA,
        run.runId(),
        run.jobKind(),
        run.pipeline(),
        run.partitionDate().map(Object::toString).orElse(null),
        run.inputUri(),
        view.transcripts().toString(),
        new RunRecord.Model(
            run.modelReference(), run.modelName(), run.modelVersion(), run.modelSha256()),
        json.readValue(run.settingsJson(), new TypeReference<TreeMap<String, Object>>() {}),
        run.configHash(),
        Map.of(),
        new RunRecord.Code(code.version(), code.gitCommit()),
        environment,
        manifests,
        new RunRecord.Counts(rows.size(), transcribed, rows.size() - transcribed),
        new RunRecord.Metrics(
            audioSeconds,
            round(wallSeconds),
            audioSeconds > 0 ? round(wallSeconds / audioSeconds) : 0),
        status,
        new RunRecord.Mlflow(
            mlflowTrackingUri.isBlank() ? "disabled" : "pending",
            mlflowTrackingUri.isBlank() ? null : mlflowTrackingUri,
            "nightscribe/" + run.pipeline(),
            null),
        run.backfillId().orElse(null));
  }

  byte[] toJson(RunRecord record) {
    return json.writeValueAsBytes(record);
  }

  /** Time spent in this execution so far; a restarted run counts only its last execution. */
  private static double wallSeconds(JobExecution execution) {
    LocalDateTime start = execution.getStartTime();
    if (start == null) {
      return 0;
    }
    return Duration.between(start, LocalDateTime.now()).toMillis() / 1000.0;
  }

  private static double round(double value) {
    return Math.round(value * 1000) / 1000.0;
  }
}
