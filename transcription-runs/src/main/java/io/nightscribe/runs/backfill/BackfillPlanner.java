package io.nightscribe.runs.backfill;

import io.nightscribe.runs.backfill.PlannedPartition.Action;
import io.nightscribe.runs.ledger.RunRow;
import io.nightscribe.runs.partition.PartitionState;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/** Decides, date by date, what a backfill runs. Pure logic; thread-safe. */
public final class BackfillPlanner {
  private final Reprocess reprocess;
  private final Optional<String> backfillId;

  /**
   * @param backfillId the backfill being planned, empty when planning nights for no backfill (the
   *     scheduler's catch-up)
   */
  public BackfillPlanner(Reprocess reprocess, Optional<String> backfillId) {
    this.reprocess = reprocess;
    this.backfillId = backfillId;
  }

  /**
   * @param dates the dates of the range, in order
   * @param doneByThisBackfill the dates this backfill already recorded as finished, with their run;
   *     a date whose completed run this backfill made counts as done too, recorded or not (it was
   *     killed between the two)
   * @param stateOf where each date stands with the backfill's model and settings
   */
  public List<PlannedPartition> plan(
      List<LocalDate> dates,
      Map<LocalDate, Optional<String>> doneByThisBackfill,
      Function<LocalDate, PartitionState> stateOf) {
    List<PlannedPartition> plan = new ArrayList<>(dates.size());
    for (LocalDate date : dates) {
      if (doneByThisBackfill.containsKey(date)) {
        plan.add(
            new PlannedPartition(
                date, Action.SKIP, "done by this backfill", doneByThisBackfill.get(date)));
        continue;
      }
      PartitionState state = stateOf.apply(date);
      if (completedByThisBackfill(state)) {
        plan.add(
            new PlannedPartition(
                date, Action.SKIP, "done by this backfill", state.run().map(RunRow::runId)));
        continue;
      }
      plan.add(decide(date, state));
    }
    return plan;
  }

  private boolean completedByThisBackfill(PartitionState state) {
    return backfillId.isPresent()
        && state.kind() == PartitionState.Kind.COMPLETED
        && state.run().flatMap(RunRow::backfillId).equals(backfillId);
  }

  private PlannedPartition decide(LocalDate date, PartitionState state) {
    Optional<String> runId = state.run().map(RunRow::runId);
    return switch (state.kind()) {
      case NEVER_RUN ->
          new PlannedPartition(date, Action.RUN, "never ran with this model and settings", runId);
      case UNFINISHED ->
          new PlannedPartition(
              date,
              Action.RESUME,
              runId
                  .map(id -> "run " + id + " was left unfinished: it resumes where it stopped")
                  .orElse("an earlier attempt failed before it listed its inputs: it starts again"),
              runId);
      case COMPLETED -> completed(date, state, runId.orElseThrow());
    };
  }

  private PlannedPartition completed(LocalDate date, PartitionState state, String runId) {
    if (reprocess == Reprocess.ALL) {
      return new PlannedPartition(
          date,
          Action.RERUN,
          "completed by run " + runId + "; --reprocess all",
          Optional.of(runId));
    }
    if (reprocess == Reprocess.FAILED && state.quarantined()) {
      return new PlannedPartition(
          date,
          Action.RERUN,
          "run " + runId + " quarantined inputs; --reprocess failed",
          Optional.of(runId));
    }
    return new PlannedPartition(
        date,
        Action.SKIP,
        "completed by run " + runId + " with this model and settings",
        Optional.of(runId));
  }
}
