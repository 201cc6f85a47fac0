package io.nightscribe.runs.execution;

import io.nightscribe.asr.NightscribeException;
import io.nightscribe.asr.storage.ObjectInfo;
import io.nightscribe.asr.storage.ObjectStore;
import io.nightscribe.asr.storage.ObjectStores;
import io.nightscribe.asr.storage.StorageUri;
import io.nightscribe.runs.ledger.MlflowSync;
import io.nightscribe.runs.ledger.RunLedger;
import io.nightscribe.runs.ledger.RunLedger.PlannedObject;
import io.nightscribe.runs.ledger.RunRow;
import io.nightscribe.runs.ledger.RunStatus;
import io.nightscribe.runs.partition.PartitionRequest;
import io.nightscribe.runs.partition.ResolvedPartition;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plans a partition's run: creates it in the ledger with every input object the listing finds, in
 * one transaction, so later stages (and restarts) work from a fixed list, and a listing that fails
 * (a missing bucket, say) leaves no run behind. A partition planned before is found, not planned
 * again. Thread-safe.
 */
public final class RunPlanner {
  private static final Logger log = LoggerFactory.getLogger(RunPlanner.class);
  private static final int PAGE = 1000;

  private final RunLedger ledger;
  private final ObjectStores stores;
  private final Clock clock;

  public RunPlanner(RunLedger ledger, ObjectStores stores, Clock clock) {
    this.ledger = ledger;
    this.stores = stores;
    this.clock = clock;
  }

  /**
   * The run of {@code partition}: found by its key, or created with its inputs listed.
   *
   * @param jobInstanceId the Spring Batch job instance that runs it, if one does: a run recorded
   *     before partitions had keys is found by it
   * @throws NightscribeException CONFIGURATION when another process created the run at the same
   *     moment, or the input cannot be listed
   */
  public RunRow plan(ResolvedPartition partition, Optional<Long> jobInstanceId) {
    String key = partition.key();
    Optional<RunRow> existing =
        ledger.runOfPartition(key).or(() -> jobInstanceId.flatMap(ledger::runOfJobInstance));
    if (existing.isPresent()) {
      RunRow run = existing.get();
      if (run.partitionKey().isEmpty() || run.jobInstanceId().isEmpty()) {
        ledger.link(run.runId(), key, jobInstanceId);
      }
      if (!ledger.hasPlannedInputs(run.runId())) {
        ledger.inTransaction(transaction -> plan(transaction, run.runId(), partition.request()));
      }
      return ledger.run(run.runId()).orElseThrow();
    }
    RunRow run = newRun(partition, jobInstanceId);
    long started = System.nanoTime();
    try {
      int planned =
          ledger.inTransaction(
              transaction -> {
                transaction.createRun(run);
                return plan(transaction, run.runId(), partition.request());
              });
      // the time per run is how a night of many objects shows its listing and ledger cost
      log.info(
          "Run {} planned {} inputs under {} in {} ms",
          run.runId(),
          planned,
          run.inputUri(),
          (System.nanoTime() - started) / 1_000_000);
    } catch (NightscribeException e) {
      Optional<RunRow> created = ledger.runOfPartition(key);
      if (created.isPresent()) {
        throw NightscribeException.configuration(
            "Cannot start "
                + partition.request().displayName()
                + ": run "
                + created.get().runId()
                + " is running it now (wait for it, or stop it first)",
            e);
      }
      throw e;
    }
    return run;
  }

  private RunRow newRun(ResolvedPartition partition, Optional<Long> jobInstanceId) {
    PartitionRequest request = partition.request();
    return new RunRow(
        RunLedger.newRunId(),
        jobInstanceId,
        request.jobKind(),
        request.pipeline(),
        request.date(),
        request.input().toString(),
        request.outputRoot().toString(),
        request.modelReference(),
        partition.model().name(),
        partition.model().version(),
        partition.model().sha256(),
        partition.configHash(),
        partition.settingsJson(),
        RunStatus.RUNNING,
        clock.instant(),
        Optional.empty(),
        Optional.empty(),
        MlflowSync.PENDING,
        Optional.empty(),
        Optional.of(partition.key()));
  }

  private int plan(RunLedger transaction, String runId, PartitionRequest request) {
    StorageUri input = request.input();
    ObjectStore store = stores.forUri(input);
    if (!input.isPrefix()) {
      Optional<ObjectInfo> single = store.stat(input);
      if (single.isPresent()) {
        String name = input.key().substring(input.key().lastIndexOf('/') + 1);
        transaction.planInputs(runId, List.of(new PlannedObject(name, single.get())));
        return 1;
      }
      input = input.asPrefix();
    }
    StorageUri prefix = input;
    int planned = 0;
    List<PlannedObject> page = new ArrayList<>(PAGE);
    try (Stream<ObjectInfo> listing = store.list(prefix)) {
      for (var iterator = listing.iterator(); iterator.hasNext(); ) {
        ObjectInfo info = iterator.next();
        page.add(new PlannedObject(prefix.relativize(info.uri()), info));
        if (page.size() == PAGE) {
          transaction.planInputs(runId, page);
          planned += page.size();
          page.clear();
        }
      }
    }
    transaction.planInputs(runId, page);
    return planned + page.size();
  }
}
