package io.nightscribe.runs;

import io.nightscribe.asr.pipeline.PackageTranscriber;
import io.nightscribe.asr.storage.ObjectStores;
import io.nightscribe.monitoring.Runner;
import io.nightscribe.monitoring.push.PushTarget;
import io.nightscribe.monitoring.push.Pushgateway;
import io.nightscribe.registry.mlflow.MlflowClient;
import io.nightscribe.registry.mlflow.MlflowRunPublisher;
import io.nightscribe.registry.models.ModelResolver;
import io.nightscribe.runs.backfill.BackfillLedger;
import io.nightscribe.runs.backfill.Backfills;
import io.nightscribe.runs.drift.DriftCheck;
import io.nightscribe.runs.drift.DriftPolicies;
import io.nightscribe.runs.drift.DriftPolicy;
import io.nightscribe.runs.execution.InputTranscription;
import io.nightscribe.runs.execution.KeepAlive;
import io.nightscribe.runs.execution.LedgerPartitionRunner;
import io.nightscribe.runs.execution.RunClaims;
import io.nightscribe.runs.execution.RunFinisher;
import io.nightscribe.runs.execution.RunPlanner;
import io.nightscribe.runs.execution.RunProgress;
import io.nightscribe.runs.execution.RunTranscription;
import io.nightscribe.runs.jdbc.LedgerRetries;
import io.nightscribe.runs.jdbc.Sql;
import io.nightscribe.runs.ledger.RunLedger;
import io.nightscribe.runs.lineage.LineageTracer;
import io.nightscribe.runs.metrics.NightMonitor;
import io.nightscribe.runs.metrics.PipelineFacts;
import io.nightscribe.runs.mlflow.MlflowMirror;
import io.nightscribe.runs.mlflow.MlflowOutbox;
import io.nightscribe.runs.partition.PartitionRunner;
import io.nightscribe.runs.partition.Pipelines;
import io.nightscribe.runs.record.CodeVersion;
import io.nightscribe.runs.record.RunRecord;
import io.nightscribe.runs.record.RunRecords;
import io.nightscribe.runs.replay.ReplayRecorder;
import io.nightscribe.runs.replay.Replayer;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import javax.sql.DataSource;
import tools.jackson.databind.json.JsonMapper;

/**
 * The run core, wired from plain parts: everything a front end — the command line's Spring
 * application, the Spark driver, the scheduler service, a plain {@code main} — needs to plan,
 * transcribe, record, replay and trace runs, each part built once. Thread-safe; closes nothing it
 * was given, and {@link #close} stops the heartbeat thread it keeps.
 */
public final class TranscriptionRuns implements AutoCloseable {
  private final ModelResolver models;
  private final Clock clock;
  private final RunLedger ledger;
  private final BackfillLedger backfillLedger;
  private final MlflowMirror mlflow;
  private final RunClaims claims;
  private final RunPlanner planner;
  private final InputTranscription transcription;
  private final RunFinisher finisher;
  private final Replayer replayer;
  private final ReplayRecorder replayRecorder;
  private final LineageTracer lineage;
  private final Settings settings;
  private final KeepAlive keepAlive;
  private final NightMonitor monitor;
  private final PipelineFacts pipelineFacts;

  /**
   * How runs behave.
   *
   * @param staleRunAfter a run on another host whose heartbeat is older than this is taken for dead
   *     and resumed by the next launch (on the same host a dead process is recognised at once)
   * @param heartbeatInterval how often a running run proves it is alive: well within {@code
   *     staleRunAfter}
   */
  public record Settings(Duration staleRunAfter, Duration heartbeatInterval) {}

  /**
   * As the full constructor, with metrics not pushed anywhere and every pipeline judged for drift
   * with {@link DriftPolicy#DEFAULT}.
   */
  public TranscriptionRuns(
      DataSource ledger,
      ObjectStores stores,
      ModelResolver models,
      PackageTranscriber transcriber,
      Optional<MlflowClient> mlflow,
      CodeVersion code,
      Settings settings,
      Clock clock,
      JsonMapper json) {
    this(
        ledger,
        stores,
        models,
        transcriber,
        mlflow,
        Optional.empty(),
        code,
        settings,
        DriftPolicies.DEFAULTS,
        clock,
        json);
  }

  /**
   * @param ledger the ledger database, migrated by the Flyway scripts in sql/
   * @param transcriber what loads models and transcribes with them
   * @param mlflow the tracking server runs are mirrored to, empty when MLflow is off
   * @param metrics the Pushgateway each night pushes its metrics to, empty when none is
   * @param driftPolicies each pipeline's drift thresholds and baseline
   */
  public TranscriptionRuns(
      DataSource ledger,
      ObjectStores stores,
      ModelResolver models,
      PackageTranscriber transcriber,
      Optional<MlflowClient> mlflow,
      Optional<PushTarget> metrics,
      CodeVersion code,
      Settings settings,
      DriftPolicies driftPolicies,
      Clock clock,
      JsonMapper json) {
    LedgerRetries ledgerRetries = LedgerRetries.standard();
    Sql sql = new Sql(ledger, ledgerRetries);
    this.pipelineFacts = new PipelineFacts(sql);
    this.monitor = new NightMonitor(metrics.map(Pushgateway::new), pipelineFacts, clock, json);
    this.settings = settings;
    this.keepAlive = new KeepAlive(settings.heartbeatInterval());
    this.models = models;
    this.clock = clock;
    this.ledger = new RunLedger(sql, clock);
    this.backfillLedger = new BackfillLedger(sql, clock);
    this.mlflow =
        new MlflowMirror(
            mlflow.map(MlflowRunPublisher::new),
            new MlflowOutbox(sql, clock),
            this.ledger,
            stores,
            json);
    this.claims = new RunClaims(this.ledger, clock, settings.staleRunAfter());
    this.planner = new RunPlanner(this.ledger, stores, clock);
    this.transcription =
        new InputTranscription(this.ledger, stores, transcriber, keepAlive, monitor, json);
    this.finisher =
        new RunFinisher(
            this.ledger,
            stores,
            new RunRecords(code, mlflow.map(MlflowClient::server), json),
            this.mlflow,
            new DriftCheck(this.ledger, stores, driftPolicies),
            json,
            () -> new RunRecord.Retries(stores.s3Retries(), ledgerRetries.retries(), 0));
    this.replayer = new Replayer(this.ledger, stores, models, transcriber, code, json);
    this.replayRecorder = new ReplayRecorder(this.ledger, stores, this.mlflow, clock, json);
    this.lineage = new LineageTracer(this.ledger, stores, models, json);
  }

  public RunLedger ledger() {
    return ledger;
  }

  public BackfillLedger backfillLedger() {
    return backfillLedger;
  }

  public MlflowMirror mlflow() {
    return mlflow;
  }

  public RunClaims claims() {
    return claims;
  }

  public RunPlanner planner() {
    return planner;
  }

  public InputTranscription transcription() {
    return transcription;
  }

  public RunFinisher finisher() {
    return finisher;
  }

  public Replayer replayer() {
    return replayer;
  }

  public ReplayRecorder replayRecorder() {
    return replayRecorder;
  }

  public LineageTracer lineage() {
    return lineage;
  }

  /** A runner that runs partitions in this process with the ledger alone keeping restart state. */
  public PartitionRunner ledgerRunner(RunProgress progress) {
    return ledgerRunner(transcription, Runner.IN_PROCESS, progress);
  }

  /**
   * A runner with the ledger alone keeping restart state whose pending inputs are transcribed by
   * {@code transcription} (a cluster's, say), which runs the engine work on {@code runner}.
   */
  public PartitionRunner ledgerRunner(
      RunTranscription transcription, Runner runner, RunProgress progress) {
    return new LedgerPartitionRunner(
        models, ledger, claims, planner, transcription, finisher, progress, monitor, runner, clock);
  }

  /** What the ledger knows of each pipeline beyond one night, for metrics. */
  public PipelineFacts pipelineFacts() {
    return pipelineFacts;
  }

  /** Watches the nights of this process and pushes their metrics. */
  public NightMonitor monitor() {
    return monitor;
  }

  /** Backfills of {@code pipelines}, each date run by {@code runner}. */
  public Backfills backfills(Pipelines pipelines, PartitionRunner runner) {
    return new Backfills(
        pipelines, runner, backfillLedger, keepAlive, settings.staleRunAfter(), clock);
  }

  /** How runs behave: when a silent process counts as dead, how often a live one says so. */
  public Settings settings() {
    return settings;
  }

  /** Proves what this process holds alive, at the heartbeat interval. */
  public KeepAlive keepAlive() {
    return keepAlive;
  }

  @Override
  public void close() {
    keepAlive.close();
    monitor.close();
  }
}
