package io.nightscribe.runs.ledger;

import io.nightscribe.asr.storage.ObjectInfo;
import io.nightscribe.runs.jdbc.Sql;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * The run ledger: runs and their inputs in the database (H2 or PostgreSQL). Every method is its own
 * short transaction unless called inside {@link #inTransaction}, so progress recorded here survives
 * a kill. Thread-safe.
 */
public final class RunLedger {
  private final Sql jdbc;
  private final Clock clock;

  public RunLedger(Sql jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /** Runs {@code work} on a ledger whose calls share one transaction, committed at its end. */
  public <T> T inTransaction(Function<RunLedger, T> work) {
    return jdbc.inTransaction(transaction -> work.apply(new RunLedger(transaction, clock)));
  }

  /** A new run id: readable, unique, and never an MLflow run id (those are 32 hex digits). */
  public static String newRunId() {
    return "run-" + UUID.randomUUID();
  }

  /** Records a new run, owned by this process. */
  public void createRun(RunRow run) {
    Instant now = clock.instant();
    jdbc.sql(
            """
            INSERT INTO ns_run (run_id, job_instance_id, job_kind, pipeline, partition_date, input_uri, output_uri,
              model_reference, model_name, model_version, model_sha256, config_hash, settings_json, status,
              created_at, heartbeat_at, owner, mlflow_state, backfill_id, partition_key)
            VALUES (:runId, :jobInstanceId, :jobKind, :pipeline, :date, :input, :output, :modelReference,
              :modelName, :modelVersion, :modelSha256, :configHash, :settings, :status, :now, :now, :owner,
              :mlflowState, :backfillId, :partitionKey)
            """)
        .param("runId", run.runId())
        .param("jobInstanceId", run.jobInstanceId())
        .param("jobKind", run.jobKind())
        .param("pipeline", run.pipeline())
        .param("date", run.partitionDate())
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
        .param("backfillId", run.backfillId())
        .param("partitionKey", run.partitionKey())
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

  /** The run of the partition with this key: whichever front end made it. */
  public Optional<RunRow> runOfPartition(String partitionKey) {
    return jdbc.sql("SELECT * FROM ns_run WHERE partition_key = :key")
        .param("key", partitionKey)
        .query(RunLedger::runRow)
        .optional();
  }

  /**
   * Gives a run its partition key and, when a Spring Batch job runs it, its job instance: a run
   * recorded before partitions had keys is adopted by the job instance that resumes it.
   */
  public void link(String runId, String partitionKey, Optional<Long> jobInstanceId) {
    jdbc.sql(
            """
            UPDATE ns_run SET partition_key = :key, job_instance_id = COALESCE(:instance, job_instance_id)
            WHERE run_id = :id
            """)
        .param("key", partitionKey)
        .param("instance", jobInstanceId)
        .param("id", runId)
        .update();
  }

  /**
   * Records what a run's transcription ran on (engine, devices, runner), as canonical JSON of its
   * entries; the run record shows it.
   */
  public void recordEnvironment(String runId, String environmentJson) {
    jdbc.sql("UPDATE ns_run SET environment_json = :environment WHERE run_id = :id")
        .param("environment", environmentJson)
        .param("id", runId)
        .update();
  }

  /** What {@link #recordEnvironment} last recorded for the run, if anything. */
  public Optional<String> environment(String runId) {
    return jdbc.sql("SELECT environment_json FROM ns_run WHERE run_id = :id")
        .param("id", runId)
        .query(row -> row.getString(1))
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
        .param("now", clock.instant())
        .param("owner", RunOwner.current().toString())
        .param("id", runId)
        .update();
  }

  /**
   * Makes this process the owner of the run, RUNNING again, if nobody else took it since its last
   * heartbeat was {@code seen}.
   *
   * @return false when another process changed the heartbeat first
   */
  public boolean takeOver(String runId, Heartbeat seen) {
    return jdbc.sql(
                """
                UPDATE ns_run SET owner = :owner, heartbeat_at = :now, status = :running
                WHERE run_id = :id AND heartbeat_at = :seenAt AND owner = :seenOwner
                """)
            .param("owner", RunOwner.current().toString())
            .param("now", clock.instant())
            .param("running", RunStatus.RUNNING)
            .param("id", runId)
            .param("seenAt", seen.at())
            .param("seenOwner", seen.ownerText())
            .update()
        == 1;
  }

  public Optional<Heartbeat> lastHeartbeat(String runId) {
    return jdbc.sql("SELECT heartbeat_at, owner FROM ns_run WHERE run_id = :id")
        .param("id", runId)
        .query(
            row ->
                new Heartbeat(row.getTimestamp("heartbeat_at").toInstant(), row.getString("owner")))
        .optional();
  }

  /** Marks the run as made for a backfill (a backfill may finish a run an earlier night began). */
  public void tagBackfill(String runId, String backfillId) {
    jdbc.sql("UPDATE ns_run SET backfill_id = :backfill WHERE run_id = :id")
        .param("backfill", backfillId)
        .param("id", runId)
        .update();
  }

  public void updateStatus(String runId, RunStatus status) {
    jdbc.sql("UPDATE ns_run SET status = :status WHERE run_id = :id")
        .param("status", status)
        .param("id", runId)
        .update();
  }

  /** Stores the final record of a run. */
  public void finish(
      String runId,
      RunStatus status,
      String runRecord,
      MlflowSync mlflowState,
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
        .param("mlflowRunId", mlflowRunId)
        .param("now", clock.instant())
        .param("id", runId)
        .update();
  }

  public void updateMlflow(
      String runId, MlflowSync mlflowState, Optional<String> mlflowRunId, String runRecord) {
    jdbc.sql(
            """
            UPDATE ns_run SET mlflow_state = :state, mlflow_run_id = :mlflowRunId, run_record = :record
            WHERE run_id = :id
            """)
        .param("state", mlflowState)
        .param("mlflowRunId", mlflowRunId)
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

  /**
   * Plans a page of inputs, as one batch (a night of 10,000 objects would otherwise be 10,000 round
   * trips to the database); keys are relative to the run's input prefix.
   */
  public void planInputs(String runId, List<PlannedObject> objects) {
    Instant now = clock.instant();
    Sql.Statement insert =
        jdbc.sql(
            """
            INSERT INTO ns_run_input (run_id, object_key, size_bytes, etag, version_id, status, updated_at)
            VALUES (:runId, :key, :size, :etag, :versionId, :status, :now)
            """);
    for (PlannedObject object : objects) {
      ObjectInfo info = object.info();
      insert
          .param("runId", runId)
          .param("key", object.key())
          .param("size", info.sizeBytes())
          .param("etag", info.etag())
          .param("versionId", info.versionId())
          .param("status", InputStatus.PENDING)
          .param("now", now)
          .addBatch();
    }
    insert.updateBatch();
  }

  /** An object found by the listing, with its key relative to the input prefix. */
  public record PlannedObject(String key, ObjectInfo info) {}

  /** The inputs still to do, in key order. */
  public List<InputRow> pendingInputs(String runId) {
    return jdbc.sql(
            "SELECT * FROM ns_run_input WHERE run_id = :id AND status = :pending ORDER BY object_key")
        .param("id", runId)
        .param("pending", InputStatus.PENDING)
        .query(RunLedger::inputRow)
        .list();
  }

  /** How many inputs the run has, whatever became of them. */
  public int inputCount(String runId) {
    return jdbc.sql("SELECT COUNT(*) FROM ns_run_input WHERE run_id = :id")
        .param("id", runId)
        .query(Long.class)
        .single()
        .intValue();
  }

  /** Every input of the run, in key order. */
  public List<InputRow> inputs(String runId) {
    return jdbc.sql("SELECT * FROM ns_run_input WHERE run_id = :id ORDER BY object_key")
        .param("id", runId)
        .query(RunLedger::inputRow)
        .list();
  }

  /**
   * Records what became of one input, in its own transaction.
   *
   * @throws IllegalStateException when the run has no such input
   */
  public void record(String runId, InputOutcome outcome) {
    record(runId, outcome, null);
  }

  /**
   * Records what became of one input and how long it took, in its own transaction.
   *
   * @param processing wall time from a decoder taking the input up until now, or null when not
   *     measured
   * @throws IllegalStateException when the run has no such input
   */
  public void record(String runId, InputOutcome outcome, Duration processing) {
    Long processingMillis = processing == null ? null : processing.toMillis();
    int updated =
        outcome.status() == InputStatus.TRANSCRIBED
            ? markTranscribed(runId, outcome, processingMillis)
            : markQuarantined(runId, outcome, processingMillis);
    if (updated != 1) {
      // an outcome recorded for no input is an outcome lost: fail the run rather than finish it
      throw new IllegalStateException(
          "Cannot record input "
              + outcome.key()
              + " of run "
              + runId
              + ": "
              + updated
              + " ledger rows match");
    }
  }

  private int markTranscribed(String runId, InputOutcome done, Long processingMillis) {
    return jdbc.sql(
            """
            UPDATE ns_run_input SET status = :status, sha256 = :sha256, probe_json = :probe,
              audio_millis = :audio, output_key = :outputKey, output_sha256 = :outputSha256, etag = :etag,
              version_id = :versionId, size_bytes = :size, error_reason = NULL, error_stage = NULL,
              processing_millis = :processing, features_json = :features, updated_at = :now
            WHERE run_id = :runId AND object_key = :key
            """)
        .param("status", InputStatus.TRANSCRIBED)
        .param("sha256", done.sha256())
        .param("probe", done.probeJson())
        .param("audio", done.audioMillis())
        .param("outputKey", done.outputKey())
        .param("outputSha256", done.outputSha256())
        .param("etag", done.etag())
        .param("versionId", done.versionId())
        .param("size", done.sizeBytes())
        .param("processing", processingMillis)
        .param("features", done.featuresJson())
        .param("now", clock.instant())
        .param("runId", runId)
        .param("key", done.key())
        .update();
  }

  private int markQuarantined(String runId, InputOutcome bad, Long processingMillis) {
    String reason = bad.errorReason();
    return jdbc.sql(
            """
            UPDATE ns_run_input SET status = :status, sha256 = :sha256, error_reason = :reason,
              error_stage = :stage, processing_millis = :processing, updated_at = :now
            WHERE run_id = :runId AND object_key = :key
            """)
        .param("status", InputStatus.QUARANTINED)
        .param("sha256", bad.sha256())
        .param("reason", reason.length() > 2000 ? reason.substring(0, 2000) : reason)
        .param("stage", bad.errorStage())
        .param("processing", processingMillis)
        .param("now", clock.instant())
        .param("runId", runId)
        .param("key", bad.key())
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
        .query(row -> new WrittenTranscript(row.getString("run_id"), row.getString("output_key")))
        .list();
  }

  /**
   * Runs of a pipeline whose date lies in {@code from}..{@code to} (both included), oldest first.
   */
  public List<RunRow> runsOfPipeline(String pipeline, LocalDate from, LocalDate to) {
    return jdbc.sql(
            """
            SELECT * FROM ns_run WHERE pipeline = :p AND partition_date BETWEEN :from AND :to
            ORDER BY partition_date, created_at
            """)
        .param("p", pipeline)
        .param("from", from)
        .param("to", to)
        .query(RunLedger::runRow)
        .list();
  }

  /** Runs of a pipeline's date, newest first. */
  public List<RunRow> runsOfPartition(String pipeline, LocalDate date) {
    return jdbc.sql(
            "SELECT * FROM ns_run WHERE pipeline = :p AND partition_date = :d ORDER BY created_at DESC")
        .param("p", pipeline)
        .param("d", date)
        .query(RunLedger::runRow)
        .list();
  }

  /**
   * The pipeline's last {@code limit} completed nights (nightly or backfill runs) dated before
   * {@code before}, newest night first: the baseline a night's drift is measured against when its
   * model has no reference profile.
   */
  public List<RunRow> completedNightsBefore(String pipeline, LocalDate before, int limit) {
    return jdbc.sql(
            """
            SELECT * FROM ns_run WHERE pipeline = :p AND partition_date < :d
              AND status IN ('COMPLETED', 'COMPLETED_WITH_QUARANTINE')
              AND job_kind IN ('nightly', 'backfill')
            ORDER BY partition_date DESC, created_at DESC"""
                + " LIMIT "
                + Math.max(0, limit))
        .param("p", pipeline)
        .param("d", before)
        .query(RunLedger::runRow)
        .list();
  }

  private static RunRow runRow(ResultSet rs) throws SQLException {
    java.sql.Date date = rs.getDate("partition_date");
    long instance = rs.getLong("job_instance_id");
    Optional<Long> jobInstance = rs.wasNull() ? Optional.empty() : Optional.of(instance);
    return new RunRow(
        rs.getString("run_id"),
        jobInstance,
        JobKind.of(rs.getString("job_kind")),
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
        RunStatus.valueOf(rs.getString("status")),
        rs.getTimestamp("created_at").toInstant(),
        Optional.ofNullable(rs.getString("run_record")),
        Optional.ofNullable(rs.getString("mlflow_run_id")),
        MlflowSync.of(rs.getString("mlflow_state")),
        Optional.ofNullable(rs.getString("backfill_id")),
        Optional.ofNullable(rs.getString("partition_key")));
  }

  private static InputRow inputRow(ResultSet rs) throws SQLException {
    return new InputRow(
        rs.getString("object_key"),
        rs.getLong("size_bytes"),
        rs.getString("etag"),
        Optional.ofNullable(rs.getString("version_id")),
        InputStatus.valueOf(rs.getString("status")),
        Optional.ofNullable(rs.getString("sha256")),
        Optional.ofNullable(rs.getString("probe_json")),
        rs.getLong("audio_millis"),
        Optional.ofNullable(rs.getString("output_key")),
        Optional.ofNullable(rs.getString("output_sha256")),
        Optional.ofNullable(rs.getString("error_reason")),
        Optional.ofNullable(rs.getString("error_stage")),
        processingMillis(rs),
        Optional.ofNullable(rs.getString("features_json")));
  }

  private static Optional<Long> processingMillis(ResultSet rs) throws SQLException {
    long millis = rs.getLong("processing_millis");
    return rs.wasNull() ? Optional.empty() : Optional.of(millis);
  }
}
