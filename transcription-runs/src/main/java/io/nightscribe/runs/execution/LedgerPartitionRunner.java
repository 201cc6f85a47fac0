package io.nightscribe.runs.execution;

import io.nightscribe.asr.NightscribeException;
import io.nightscribe.monitoring.Runner;
import io.nightscribe.monitoring.Stage;
import io.nightscribe.registry.models.ModelResolver;
import io.nightscribe.runs.ledger.InputRow;
import io.nightscribe.runs.ledger.RunLedger;
import io.nightscribe.runs.ledger.RunRow;
import io.nightscribe.runs.ledger.RunStatus;
import io.nightscribe.runs.metrics.NightMonitor;
import io.nightscribe.runs.metrics.NightWatch;
import io.nightscribe.runs.partition.PartitionRequest;
import io.nightscribe.runs.partition.PartitionResult;
import io.nightscribe.runs.partition.PartitionRunner;
import io.nightscribe.runs.partition.PartitionState;
import io.nightscribe.runs.partition.ResolvedPartition;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs partitions in this process with the ledger alone keeping their restart state: plan,
 * transcribe what is pending, finish. No application framework is involved, so a plain {@code main}
 * or a Spark driver runs a night exactly as the Spring Batch job does, and either finds complete
 * what the other finished. Thread-safe.
 */
public final class LedgerPartitionRunner implements PartitionRunner {
  private static final Logger log = LoggerFactory.getLogger(LedgerPartitionRunner.class);

  private final ModelResolver models;
  private final RunLedger ledger;
  private final RunClaims claims;
  private final RunPlanner planner;
  private final RunTranscription transcription;
  private final RunFinisher finisher;
  private final RunProgress progress;
  private final NightMonitor monitor;
  private final Runner runner;
  private final Clock clock;

  /**
   * @param monitor watches and pushes each night's metrics
   * @param runner where {@code transcription} runs the engine work, for the metrics' labels
   */
  public LedgerPartitionRunner(
      ModelResolver models,
      RunLedger ledger,
      RunClaims claims,
      RunPlanner planner,
      RunTranscription transcription,
      RunFinisher finisher,
      RunProgress progress,
      NightMonitor monitor,
      Runner runner,
      Clock clock) {
    this.models = models;
    this.ledger = ledger;
    this.claims = claims;
    this.planner = planner;
    this.transcription = transcription;
    this.finisher = finisher;
    this.progress = progress;
    this.monitor = monitor;
    this.runner = runner;
    this.clock = clock;
  }

  @Override
  public PartitionResult run(PartitionRequest request) {
    Instant started = clock.instant();
    ResolvedPartition partition =
        ResolvedPartition.of(request, models.resolve(request.modelReference()));
    Optional<RunRow> existing = ledger.runOfPartition(partition.key());
    if (existing.isPresent() && existing.get().status().completed()) {
      return PartitionResult.alreadyDone(existing.get());
    }
    if (existing.isPresent()) {
      claims.claim(existing.get(), request.displayName());
      log.info(
          "Resuming {}: run {} was left unfinished", request.displayName(), existing.get().runId());
    }
    NightWatch watch = monitor.begin(partition, runner);
    RunRow run;
    try {
      run = watch.timed(Stage.LIST, () -> planner.plan(partition, Optional.empty()));
    } catch (RuntimeException e) {
      monitor.failed(partition);
      throw e;
    }
    try {
      transcription.transcribe(run, partition, progress);
      RunRow finished =
          finisher.finish(
              ledger.run(run.runId()).orElseThrow(),
              partition,
              Duration.between(started, clock.instant()));
      if (runner == Runner.SPARK) {
        countFromLedger(watch, finished);
      }
      monitor.finished(partition, finished);
      return PartitionResult.finished(finished);
    } catch (RuntimeException e) {
      ledger.updateStatus(run.runId(), RunStatus.FAILED);
      monitor.failed(partition);
      throw e instanceof NightscribeException
          ? e
          : NightscribeException.internal("Cannot finish " + request.displayName() + ": " + e, e);
    }
  }

  /**
   * The executors' outcomes reach the driver through the ledger alone: the night's counts are its
   * inputs as the ledger has them (every attempt of a resumed night).
   */
  private void countFromLedger(NightWatch watch, RunRow run) {
    for (InputRow input : ledger.inputs(run.runId())) {
      switch (input.status()) {
        case TRANSCRIBED -> watch.transcribed(input.audioMillis());
        case QUARANTINED -> watch.quarantined(input.errorStage().orElse("other"));
        case PENDING -> {}
      }
    }
  }

  @Override
  public PartitionState state(PartitionRequest request) {
    ResolvedPartition partition =
        ResolvedPartition.of(request, models.resolve(request.modelReference()));
    return PartitionState.of(ledger.runOfPartition(partition.key()));
  }
}
