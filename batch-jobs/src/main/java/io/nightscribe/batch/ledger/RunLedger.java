package io.nightscribe.batch.ledger;

import io.nightscribe.asr.storage.ObjectInfo;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The run ledger: runs and their inputs in the database (H2 or PostgreSQL). Every method is its own
 * short transaction unless the caller holds one, so progress recorded here survives a kill.
 * Thread-safe.
 */
public class RunLedger {
  private final JdbcClient jdbc;
  private final Clock clock;

  public RunLedger(JdbcClient jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /** A new run id: readable, unique, and never an MLflow run id (those are 32 hex digits). */
  public static String newRunId() {
    return "run-" + UUID.randomUUID();
  }

  public void createRun(RunRow run) {
    Timestamp now = now();
    jdbc.sql(
            """
            INSERT INTO ns_run (run_id, job_instance_id, job_kind, pipeline, partition_date, input_uri, output_uri,
              model_reference, model_name, model_version, model_sha256, config_hash, settings_json, status,
              created_at, heartbeat_at, owner, mlflow_state)
            VALUES (:runId, :jobInstanceId, :jobKind, :pipeline, :date, :input, :output, :modelReference,
              :modelName, :modelVersion, :modelSha256, :configHash, :settings, :status, :now, :now, :owner,
              :mlflowState)
            """)
        .param("runId", run.runId())
        .param("jobInstanceId", run.jobInstanceId().orElse(null))
        .param("jobKind", run.jobKind())
        .param("pipeline", run.pipeline())
        .param("date", run.partitionDate().map(java.sql.Date::valueOf).orElse(null))
        .param("input", run.inputUri())
        .param("output", run.outputUri())
        .param("modelReference", run.modelReference())
        .param("modelName", run.modelName())
        .param("modelVersion", run.modelVersion())
        .param("modelSha256", run.modelSha256())
        .param("configHash", run.configHash())
        .param("settings", run.settingsJson())
        .param("status", run.status())
        .param("now", now)
        .param("owner", RunOwner.current().toString())
        .param("mlflowState", run.mlflowState())
        .update();
  }

  public Optional<RunRow> run(String runId) {
    return jdbc.sql("SELECT * FROM ns_run WHERE run_id = :id")
        .param("id", runId)
        .query(RunLedger::runRow)
        .optional();
  }

  public Optional<RunRow> runOfJobInstance(long jobInstanceId) {
    return jdbc.sql("SELECT * FROM ns_run WHERE job_instance_id = :id")
        .param("id", jobInstanceId)
        .query(RunLedger::runRow)
        .optional();
  }

  /** The run that mirrors to {@code mlflowRunId}, for commands given an MLflow run id. */
  public Optional<RunRow> runOfMlflowRun(String mlflowRunId) {
    return jdbc.sql("SELECT * FROM ns_run WHERE mlflow_run_id = :id")
        .param("id", mlflowRunId)
        .query(RunLedger::runRow)
        .optional();
  }

  /**
   * Records that the run is alive in this process, so a later launch can tell a killed run from a
   * running one.
   */
  public void heartbeat(String runId) {
    jdbc.sql("UPDATE ns_run SET heartbeat_at = :now, owner = :owner WHERE run_id = :id")
        .param("now", now())
        .param("owner", RunOwner.current().toString())
        .param("id", runId)
        .update();
  }

  public Optional<Heartbeat> lastHeartbeat(String runId) {
    return jdbc.sql("SELECT heartbeat_at, owner FROM ns_run WHERE run_id = :id")
        .param("id", runId)
        .query(
            (rs, row) ->
                new Heartbeat(
                    rs.getTimestamp("heartbeat_at").toInstant(),
                    RunOwner.parse(rs.getString("owner"))))
        .optional();
  }

  /** Marks the run as made for a backfill (a backfill may finish a run an earlier night began). */
  public void tagBackfill(String runId, String backfillId) {
    jdbc.sql("UPDATE ns_run SET backfill_id = :backfill WHERE run_id = :id")
        .param("backfill", backfillId)
        .param("id", runId)
        .update();
  }

  public void updateStatus(String runId, String status) {
    jdbc.sql("UPDATE ns_run SET status = :status WHERE run_id = :id")
        .param("status", status)
        .param("id", runId)
        .update();
  }

  /** Stores the final record of a run. */
  public void finish(
      String runId,
      String status,
      String runRecord,
      String mlflowState,
      Optional<String> mlflowRunId) {
    jdbc.sql(
            """
            UPDATE ns_run SET status = :status, run_record = :record, mlflow_state = :mlflow,
              mlflow_run_id = :mlflowRunId, finished_at = :now
            WHERE run_id = :id
            """)
        .param("status", status)
        .param("record", runRecord)
        .param("mlflow", mlflowState)
        .param("mlflowRunId", mlflowRunId.orElse(null))
        .param("now", now())
        .param("id", runId)
        .update();
  }

  public void updateMlflow(
      String runId, String mlflowState, Optional<String> mlflowRunId, String runRecord) {
    jdbc.sql(
            """
            UPDATE ns_run SET mlflow_state = :state, mlflow_run_id = :mlflowRunId, run_record = :record
            WHERE run_id = :id
            """)
        .param("state", mlflowState)
        .param("mlflowRunId", mlflowRunId.orElse(null))
        .param("record", runRecord)
        .param("id", runId)
        .update();
  }

  public boolean hasPlannedInputs(String runId) {
    return jdbc.sql("SELECT COUNT(*) FROM ns_run_input WHERE run_id = :id")
            .param("id", runId)
            .query(Long.class)
            .single()
        > 0;
  }

  /** Plans a page of inputs; keys are relative to the run's input prefix. */
  public void planInputs(String runId, List<PlannedObject> objects) {
    Timestamp now = now();
    for (PlannedObject object : objects) {
      ObjectInfo info = object.info();
      jdbc.sql(
              """
              INSERT INTO ns_run_input (run_id, object_key, size_bytes, etag, version_id, status, updated_at)
              VALUES (:runId, :key, :size, :etag, :versionId, 'PENDING', :now)
              """)
          .param("runId", runId)
          .param("key", object.key())
          .param("size", info.sizeBytes())
          .param("etag", info.etag())
          .param("versionId", info.versionId().orElse(null))
          .param("now", now)
          .update();
    }
  }

  /** An object found by the listing, with its key relative to the input prefix. */
  public record PlannedObject(String key, ObjectInfo info) {}

  /** The inputs still to do, in key order. */
  public List<InputRow> pendingInputs(String runId) {
    return jdbc.sql(
            "SELECT * FROM ns_run_input WHERE run_id = :id AND status = 'PENDING' ORDER BY object_key")
        .param("id", runId)
        .query(RunLedger::inputRow)
        .list();
  }

  /** Every input of the run, in key order. */
  public List<InputRow> inputs(String runId) {
    return jdbc.sql("SELECT * FROM ns_run_input WHERE run_id = :id ORDER BY object_key")
        .param("id", runId)
        .query(RunLedger::inputRow)
        .list();
  }

  public void markTranscribed(String runId, TranscribedInput done) {
    jdbc.sql(
            """
            UPDATE ns_run_input SET status = 'TRANSCRIBED', sha256 = :sha256, probe_json = :probe,
              audio_millis = :audio, output_key = :outputKey, output_sha256 = :outputSha256, etag = :etag,
              version_id = :versionId, size_bytes = :size, error_reason = NULL, error_stage = NULL, updated_at = :now
            WHERE run_id = :runId AND object_key = :key
            """)
        .param("sha256", done.sha256())
        .param("probe", done.probeJson())
        .param("audio", done.audioMillis())
        .param("outputKey", done.outputKey())
        .param("outputSha256", done.outputSha256())
        .param("etag", done.etag())
        .param("versionId", done.versionId().orElse(null))
        .param("size", done.sizeBytes())
        .param("now", now())
        .param("runId", runId)
        .param("key", done.key())
        .update();
  }

  /** What a transcribed input leaves in the ledger. */
  public record TranscribedInput(
      String key,
      long sizeBytes,
      String etag,
      Optional<String> versionId,
      String sha256,
      String probeJson,
      long audioMillis,
      String outputKey,
      String outputSha256) {}

  public void markQuarantined(
      String runId, String key, Optional<String> sha256, String reason, String stage) {
    jdbc.sql(
            """
            UPDATE ns_run_input SET status = 'QUARANTINED', sha256 = :sha256, error_reason = :reason,
              error_stage = :stage, updated_at = :now
            WHERE run_id = :runId AND object_key = :key
            """)
        .param("sha256", sha256.filter(s -> !s.isEmpty()).orElse(null))
        .param("reason", reason.length() > 2000 ? reason.substring(0, 2000) : reason)
        .param("stage", stage)
        .param("now", now())
        .param("runId", runId)
        .param("key", key)
        .update();
  }

  /** A transcript a run wrote: the run, and the key under its transcripts folder. */
  public record WrittenTranscript(String runId, String outputKey) {}

  /** Every transcript any run wrote with exactly these bytes, oldest first. */
  public List<WrittenTranscript> transcriptsWithDigest(String outputSha256) {
    return jdbc.sql(
            """
            SELECT i.run_id, i.output_key FROM ns_run_input i JOIN ns_run r ON r.run_id = i.run_id
            WHERE i.output_sha256 = :sha ORDER BY r.created_at
            """)
        .param("sha", outputSha256)
        .query(
            (rs, row) -> new WrittenTranscript(rs.getString("run_id"), rs.getString("output_key")))
        .list();
  }

  /** Runs of a pipeline's date, newest first. */
  public List<RunRow> runsOfPartition(String pipeline, LocalDate date) {
    return jdbc.sql(
            "SELECT * FROM ns_run WHERE pipeline = :p AND partition_date = :d ORDER BY created_at DESC")
        .param("p", pipeline)
        .param("d", java.sql.Date.valueOf(date))
        .query(RunLedger::runRow)
        .list();
  }

  private Timestamp now() {
    return Timestamp.from(clock.instant());
  }

  private static RunRow runRow(ResultSet rs, int row) throws SQLException {
    java.sql.Date date = rs.getDate("partition_date");
    long instance = rs.getLong("job_instance_id");
    Optional<Long> jobInstance = rs.wasNull() ? Optional.empty() : Optional.of(instance);
    return new RunRow(
        rs.getString("run_id"),
        jobInstance,
        rs.getString("job_kind"),
        rs.getString("pipeline"),
        Optional.ofNullable(date).map(java.sql.Date::toLocalDate),
        rs.getString("input_uri"),
        rs.getString("output_uri"),
        rs.getString("model_reference"),
        rs.getString("model_name"),
        rs.getString("model_version"),
        rs.getString("model_sha256"),
        rs.getString("config_hash"),
        rs.getString("settings_json"),
        rs.getString("status"),
        rs.getTimestamp("created_at").toInstant(),
        Optional.ofNullable(rs.getString("run_record")),
        Optional.ofNullable(rs.getString("mlflow_run_id")),
        rs.getString("mlflow_state"),
        Optional.ofNullable(rs.getString("backfill_id")));
  }

  private static InputRow inputRow(ResultSet rs, int row) throws SQLException {
    return new InputRow(
        rs.getString("object_key"),
        rs.getLong("size_bytes"),
        rs.getString("etag"),
        Optional.ofNullable(rs.getString("version_id")),
        rs.getString("status"),
        Optional.ofNullable(rs.getString("sha256")),
        Optional.ofNullable(rs.getString("probe_json")),
        rs.getLong("audio_millis"),
        Optional.ofNullable(rs.getString("output_key")),
        Optional.ofNullable(rs.getString("output_sha256")),
        Optional.ofNullable(rs.getString("error_reason")),
        Optional.ofNullable(rs.getString("error_stage")));
  }
}
