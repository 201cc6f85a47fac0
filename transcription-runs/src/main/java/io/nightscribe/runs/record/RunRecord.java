package io.nightscribe.runs.record;

import io.nightscribe.asr.Redaction;
import io.nightscribe.runs.drift.DriftRecord;
import io.nightscribe.runs.ledger.JobKind;
import io.nightscribe.runs.ledger.MlflowSync;
import io.nightscribe.runs.ledger.RunStatus;
import java.util.Map;
import java.util.Optional;

/**
 * The contents of run.json: everything needed to trace and replay a run. Serialised in component
 * order.
 *
 * @param schema the format's name and version
 * @param runId nightscribe's run id
 * @param jobKind why the run was made
 * @param pipeline the pipeline
 * @param date the partition date (ISO), or null for ad-hoc runs
 * @param input the input prefix or object
 * @param transcripts where the transcripts are
 * @param model the model used
 * @param decoding every decoding setting
 * @param configHash digest of the decoding settings
 * @param seeds every random seed (the Vosk engine uses none: empty)
 * @param code the code version
 * @param environment engine, native libraries, devices, JVM and OS
 * @param manifests digests of the manifests beside run.json
 * @param counts inputs, transcribed, quarantined
 * @param metrics audio seconds, wall seconds, real-time factor
 * @param status {@link RunStatus#COMPLETED} or {@link RunStatus#COMPLETED_WITH_QUARANTINE}
 * @param mlflow whether and where the run is mirrored in MLflow
 * @param backfillId the backfill the run was made for, or null
 * @param retries how often S3, the ledger and MLflow had to be tried again
 * @param drift how the night's inputs and outputs moved from the model's reference profile (or the
 *     pipeline's baseline nights); null in records written before runs were profiled
 */
public record RunRecord(
    String schema,
    String runId,
    JobKind jobKind,
    String pipeline,
    String date,
    String input,
    String transcripts,
    Model model,
    Map<String, Object> decoding,
    String configHash,
    Map<String, Long> seeds,
    Code code,
    Map<String, String> environment,
    Manifests manifests,
    Counts counts,
    Metrics metrics,
    RunStatus status,
    Mlflow mlflow,
    String backfillId,
    Retries retries,
    DriftRecord drift) {

  public static final String SCHEMA = "nightscribe.run/1";

  /** The same record with its MLflow state. */
  public RunRecord withMlflow(MlflowSync state, Optional<String> mlflowRunId) {
    return withMlflow(state, mlflowRunId, retries);
  }

  /** The same record with its MLflow state and retry counts. */
  public RunRecord withMlflow(MlflowSync state, Optional<String> mlflowRunId, Retries retries) {
    return new RunRecord(
        schema,
        runId,
        jobKind,
        pipeline,
        date,
        input,
        transcripts,
        model,
        decoding,
        configHash,
        seeds,
        code,
        environment,
        manifests,
        counts,
        metrics,
        status,
        new Mlflow(
            state,
            Redaction.redact(mlflow.trackingUri()),
            mlflow.experiment(),
            mlflowRunId.orElse(null)),
        backfillId,
        retries,
        drift);
  }

  public record Model(String reference, String name, String version, String sha256) {}

  public record Code(String version, String gitCommit) {}

  /** sha256 of inputs.jsonl, outputs.jsonl and errors.jsonl. */
  public record Manifests(String inputsSha256, String outputsSha256, String errorsSha256) {}

  public record Counts(int inputs, int transcribed, int quarantined) {}

  /**
   * @param audioSeconds audio transcribed by this run
   * @param wallSeconds wall-clock time of the run
   * @param realTimeFactor wall seconds per audio second (below 1 is faster than real time)
   */
  public record Metrics(double audioSeconds, double wallSeconds, double realTimeFactor) {}

  /**
   * @param state whether the run is mirrored (pending: queued in the outbox)
   * @param trackingUri the server, or null when disabled
   * @param experiment the experiment name
   * @param runId the MLflow run id once synced
   */
  public record Mlflow(MlflowSync state, String trackingUri, String experiment, String runId) {}

  /**
   * Retries behind the run, each made after a failure that a second try could cure.
   *
   * @param s3 calls the S3 client's retry strategy tried again (reset connections, timed-out
   *     attempts, 5xx and throttling answers) in the process that finished the run
   * @param ledger ledger statements or transactions run again after the database connection was
   *     lost, in the process that finished the run
   * @param mlflow publications of this run to MLflow that failed and stayed in the outbox, each
   *     tried again by a later {@code mlflow sync}
   */
  public record Retries(long s3, long ledger, long mlflow) {
    /** The same counts with {@code mlflow} failed publications. */
    public Retries withMlflow(long failedPublications) {
      return new Retries(s3, ledger, failedPublications);
    }
  }
}
