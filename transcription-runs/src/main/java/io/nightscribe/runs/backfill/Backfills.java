package io.nightscribe.runs.backfill;

import io.nightscribe.asr.NightscribeException;
import io.nightscribe.asr.transcript.SettingsDigest;
import io.nightscribe.runs.execution.KeepAlive;
import io.nightscribe.runs.ledger.Heartbeat;
import io.nightscribe.runs.ledger.RunOwner;
import io.nightscribe.runs.ledger.RunRow;
import io.nightscribe.runs.partition.PartitionRequest;
import io.nightscribe.runs.partition.PartitionResult;
import io.nightscribe.runs.partition.PartitionRunner;
import io.nightscribe.runs.partition.PipelineDefinition;
import io.nightscribe.runs.partition.Pipelines;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plans, queues and runs backfills: each date is its own partition launch, so one failing night
 * never stops the others, and issuing the same backfill again skips what it finished and retries
 * what failed. One process at a time runs a backfill, whichever front end (the command, the
 * scheduler service) it is: the runner claims it and proves it alive while it runs, so {@code
 * --max-parallel} holds across processes, and a backfill whose runner died is taken over.
 * Thread-safe.
 */
public final class Backfills {
  private static final Logger log = LoggerFactory.getLogger(Backfills.class);

  private final Pipelines pipelines;
  private final PartitionRunner runner;
  private final BackfillLedger ledger;
  private final KeepAlive keepAlive;
  private final Duration staleAfter;
  private final Clock clock;

  /**
   * @param keepAlive proves a running backfill's runner alive
   * @param staleAfter a runner silent this long is taken for dead (on this host, a dead process is
   *     known at once)
   */
  public Backfills(
      Pipelines pipelines,
      PartitionRunner runner,
      BackfillLedger ledger,
      KeepAlive keepAlive,
      Duration staleAfter,
      Clock clock) {
    this.pipelines = pipelines;
    this.runner = runner;
    this.ledger = ledger;
    this.keepAlive = keepAlive;
    this.staleAfter = staleAfter;
    this.clock = clock;
  }

  /**
   * What {@code request} would do now; nothing is run or recorded.
   *
   * @throws NightscribeException CONFIGURATION for an unknown pipeline or model
   */
  public BackfillPlan plan(BackfillRequest request) {
    PipelineDefinition pipeline = pipelines.pipeline(request.pipeline());
    String model = request.model().orElse(pipeline.modelReference());
    String id = request.id(model, SettingsDigest.sha256(pipeline.decoding()));
    Optional<BackfillRecord> existing = ledger.find(id);
    Map<LocalDate, Optional<String>> done = new TreeMap<>();
    if (existing.isPresent()) {
      ledger.partitions(id).stream()
          .filter(PartitionProgress::ranToTheEnd)
          .forEach(p -> done.put(p.date(), p.runId()));
    }
    List<PlannedPartition> partitions =
        new BackfillPlanner(request.reprocess(), Optional.of(id))
            .plan(
                request.dates(),
                done,
                date -> runner.state(partition(pipeline, date, model, id, false)));
    return new BackfillPlan(id, request, model, existing, partitions);
  }

  /** Records the backfill as REQUESTED, for the scheduler service to take. */
  public BackfillRecord queue(BackfillPlan plan) {
    BackfillRecord record =
        plan.existing().orElseGet(() -> create(plan, BackfillStatus.REQUESTED, Optional.empty()));
    ledger.savePlan(plan.id(), plan.partitions());
    return record;
  }

  /**
   * Runs the plan, {@code maxParallel} partitions at a time, and returns every date's outcome.
   *
   * @param runBy the front end that runs it
   * @param finished told of each partition as it ends, from the thread that ran it
   * @throws NightscribeException CONFIGURATION when another live process runs the backfill now
   */
  public List<PartitionProgress> run(
      BackfillPlan plan, RunBy runBy, Consumer<PartitionProgress> finished) {
    record(plan, runBy);
    ledger
        .claim(plan.id(), runBy, staleAfter)
        .ifPresent(
            owner -> {
              throw NightscribeException.configuration(
                  "Cannot run backfill "
                      + plan.id()
                      + ": "
                      + describe(owner)
                      + " is running it now (follow it with: nightscribe backfill status "
                      + plan.id()
                      + ")");
            });
    try (KeepAlive.Handle alive = keepAlive.hold(() -> ledger.heartbeat(plan.id()))) {
      return runClaimed(plan, finished);
    }
  }

  private List<PartitionProgress> runClaimed(
      BackfillPlan plan, Consumer<PartitionProgress> finished) {
    ledger.savePlan(plan.id(), plan.partitions());
    PipelineDefinition pipeline = pipelines.pipeline(plan.request().pipeline());
    ExecutorService partitions = Executors.newFixedThreadPool(plan.request().maxParallel());
    try {
      List<Future<?>> running = new ArrayList<>();
      for (PlannedPartition partition : plan.partitions()) {
        if (partition.action() == PlannedPartition.Action.SKIP) {
          continue;
        }
        PartitionRequest request =
            partition(
                pipeline,
                partition.date(),
                plan.modelReference(),
                plan.id(),
                partition.action() == PlannedPartition.Action.RERUN);
        running.add(partitions.submit(() -> finished.accept(runOne(plan.id(), request))));
      }
      for (Future<?> future : running) {
        await(future);
      }
    } finally {
      partitions.shutdownNow();
    }
    List<PartitionProgress> outcome = ledger.partitions(plan.id());
    boolean failed = outcome.stream().anyMatch(p -> p.status() == PartitionProgress.Status.FAILED);
    ledger.updateStatus(plan.id(), failed ? BackfillStatus.FAILED : BackfillStatus.COMPLETED);
    return outcome;
  }

  /** How the owner of a backfill is named to people: "the scheduler service (4711@host)". */
  public static String describe(BackfillOwner owner) {
    return (owner.runBy() == RunBy.SCHEDULER ? "the scheduler service" : "a backfill command")
        + " ("
        + owner.heartbeat().ownerText()
        + ")";
  }

  /** The backfill and every date's progress, or empty when there is no such backfill. */
  public Optional<Status> status(String id) {
    return ledger.find(id).map(record -> new Status(record, ledger.partitions(id)));
  }

  /** A backfill and every date's progress. */
  public record Status(BackfillRecord backfill, List<PartitionProgress> partitions) {
    public long count(PartitionProgress.Status status) {
      return partitions.stream().filter(p -> p.status() == status).count();
    }
  }

  private PartitionProgress runOne(String id, PartitionRequest request) {
    LocalDate date = request.date().orElseThrow();
    ledger.partitionRunning(id, date);
    try {
      PartitionResult result = runner.run(request);
      RunRow run = result.run();
      ledger.partitionOutcome(
          id,
          date,
          PartitionProgress.Status.of(run.status()),
          Optional.of(run.runId()),
          result.alreadyDone()
              ? Optional.of("already completed by run " + run.runId())
              : Optional.empty());
    } catch (RuntimeException e) {
      log.warn("Backfill {}: {} failed: {}", id, request.displayName(), e.getMessage());
      ledger.partitionOutcome(
          id, date, PartitionProgress.Status.FAILED, runOf(request), Optional.of(describe(e)));
    }
    return ledger.partition(id, date).orElseThrow();
  }

  private Optional<String> runOf(PartitionRequest request) {
    try {
      return runner.state(request).run().map(RunRow::runId);
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }

  /** Creates the record of a backfill run now, owned by this process; an existing one stays. */
  private void record(BackfillPlan plan, RunBy runBy) {
    if (plan.existing().isEmpty()) {
      create(
          plan,
          BackfillStatus.RUNNING,
          Optional.of(
              new BackfillOwner(
                  runBy, new Heartbeat(clock.instant(), RunOwner.current().toString()))));
    }
  }

  private BackfillRecord create(
      BackfillPlan plan, BackfillStatus status, Optional<BackfillOwner> owner) {
    BackfillRecord record =
        new BackfillRecord(
            plan.id(), plan.request(), plan.modelReference(), clock.instant(), status, owner);
    ledger.create(record);
    return record;
  }

  private static PartitionRequest partition(
      PipelineDefinition pipeline, LocalDate date, String model, String id, boolean rerun) {
    return pipeline.partition(date).withModel(model).forBackfill(id, rerun);
  }

  private static String describe(RuntimeException e) {
    return e instanceof NightscribeException ? e.getMessage() : e.toString();
  }

  private static void await(Future<?> future) {
    try {
      future.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw NightscribeException.internal("Interrupted while backfilling", e);
    } catch (ExecutionException e) {
      throw NightscribeException.internal(
          "A backfill partition ended unexpectedly: " + e.getCause(), e.getCause());
    }
  }
}
