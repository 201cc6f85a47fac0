package io.nightscribe.scheduling;

import io.nightscribe.asr.NightscribeException;
import io.nightscribe.runs.backfill.BackfillLedger;
import io.nightscribe.runs.backfill.BackfillPlan;
import io.nightscribe.runs.backfill.BackfillRecord;
import io.nightscribe.runs.backfill.BackfillStatus;
import io.nightscribe.runs.backfill.Backfills;
import io.nightscribe.runs.backfill.RunBy;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes backfills queued by {@code nightscribe backfill request}, oldest first, and runs them with
 * the backfill planner and runner the command uses. A backfill is run by one process at a time (its
 * claim in the ledger), so its {@code --max-parallel} holds across every instance of the service;
 * one whose instance died is taken over and resumed. Thread-safe.
 */
public final class BackfillIntake {
  private static final Logger log = LoggerFactory.getLogger(BackfillIntake.class);

  private final Backfills backfills;
  private final BackfillLedger ledger;
  private final Duration staleAfter;

  /**
   * @param staleAfter an instance silent this long is taken for dead
   */
  public BackfillIntake(Backfills backfills, BackfillLedger ledger, Duration staleAfter) {
    this.backfills = backfills;
    this.ledger = ledger;
    this.staleAfter = staleAfter;
  }

  /**
   * Runs the oldest waiting backfill this process can claim to its end, and returns its status;
   * empty when none waits.
   */
  public Optional<Backfills.Status> takeNext() {
    for (BackfillRecord waiting : ledger.waitingForScheduler(staleAfter)) {
      Optional<BackfillPlan> plan = plan(waiting);
      if (plan.isEmpty()) {
        continue;
      }
      log.info(
          "Taking backfill {} ({} {} to {}, requested by {})",
          waiting.id(),
          waiting.request().pipeline(),
          waiting.request().from(),
          waiting.request().to(),
          waiting.request().requestedBy());
      try {
        backfills.run(
            plan.get(),
            RunBy.SCHEDULER,
            partition ->
                log.info("Backfill {}: {} {}", waiting.id(), partition.date(), partition.status()));
      } catch (NightscribeException e) {
        // another instance claimed it between the query and the claim: try the next one
        log.info("Backfill {} not taken: {}", waiting.id(), e.getMessage());
        continue;
      }
      return backfills.status(waiting.id());
    }
    return Optional.empty();
  }

  /** The backfill's plan now, or empty (and the backfill FAILED) when it can no longer run. */
  private Optional<BackfillPlan> plan(BackfillRecord waiting) {
    BackfillPlan plan;
    try {
      plan = backfills.plan(waiting.request());
    } catch (NightscribeException e) {
      log.warn("Cannot run backfill {}: {}", waiting.id(), e.getMessage());
      ledger.updateStatus(waiting.id(), BackfillStatus.FAILED);
      return Optional.empty();
    }
    if (!plan.id().equals(waiting.id())) {
      log.warn(
          "Cannot run backfill {}: the decoding settings of pipeline {} changed since it was requested"
              + " (request it again)",
          waiting.id(),
          waiting.request().pipeline());
      ledger.updateStatus(waiting.id(), BackfillStatus.FAILED);
      return Optional.empty();
    }
    return Optional.of(plan);
  }
}
