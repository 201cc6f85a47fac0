package io.nightscribe.runs.backfill;

import static org.assertj.core.api.Assertions.assertThat;

import io.nightscribe.runs.backfill.PlannedPartition.Action;
import io.nightscribe.runs.ledger.JobKind;
import io.nightscribe.runs.ledger.MlflowSync;
import io.nightscribe.runs.ledger.RunRow;
import io.nightscribe.runs.ledger.RunStatus;
import io.nightscribe.runs.partition.PartitionState;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BackfillPlannerTest {
  private static final LocalDate NEVER = LocalDate.parse("2026-10-01");
  private static final LocalDate KILLED = LocalDate.parse("2026-10-02");
  private static final LocalDate CLEAN = LocalDate.parse("2026-10-03");
  private static final LocalDate QUARANTINED = LocalDate.parse("2026-10-04");
  private static final LocalDate DONE_BY_THIS_BACKFILL = LocalDate.parse("2026-10-05");

  /** Completed by a run of this backfill, which was killed before it recorded the date done. */
  private static final LocalDate RUN_BY_THIS_BACKFILL = LocalDate.parse("2026-10-06");

  private static final String BACKFILL = "backfill-1";
  private static final List<LocalDate> DATES =
      List.of(NEVER, KILLED, CLEAN, QUARANTINED, DONE_BY_THIS_BACKFILL, RUN_BY_THIS_BACKFILL);

  @Test
  void reprocessNoneRunsNewDatesResumesUnfinishedOnesAndSkipsCompletedOnes() {
    assertThat(actions(Reprocess.NONE))
        .containsExactly(
            Action.RUN, Action.RESUME, Action.SKIP, Action.SKIP, Action.SKIP, Action.SKIP);
  }

  @Test
  void reprocessFailedAlsoRerunsDatesThatQuarantinedInputs() {
    assertThat(actions(Reprocess.FAILED))
        .containsExactly(
            Action.RUN, Action.RESUME, Action.SKIP, Action.RERUN, Action.SKIP, Action.SKIP);
  }

  @Test
  void reprocessAllRerunsEveryCompletedDateButNeverWhatThisBackfillAlreadyFinished() {
    assertThat(actions(Reprocess.ALL))
        .containsExactly(
            Action.RUN, Action.RESUME, Action.RERUN, Action.RERUN, Action.SKIP, Action.SKIP);
  }

  @Test
  void eachDecisionNamesTheRunItRestsOn() {
    List<PlannedPartition> plan = plan(Reprocess.NONE);

    assertThat(plan.get(1).why())
        .isEqualTo("run run-killed was left unfinished: it resumes where it stopped");
    assertThat(plan.get(2).runId()).contains("run-clean");
    assertThat(plan.get(4).why()).isEqualTo("done by this backfill");
    assertThat(plan.get(5).why()).isEqualTo("done by this backfill");
    assertThat(plan.get(5).runId()).contains("run-of-this-backfill");
  }

  @Test
  void withoutABackfillACompletedRunOfOneIsJustCompleted() {
    List<PlannedPartition> plan =
        new BackfillPlanner(Reprocess.ALL, Optional.empty())
            .plan(
                List.of(RUN_BY_THIS_BACKFILL),
                Map.of(),
                date ->
                    PartitionState.completed(
                        run("run-of-this-backfill", RunStatus.COMPLETED, Optional.of(BACKFILL))));

    assertThat(plan.get(0).action()).isEqualTo(Action.RERUN);
  }

  private static List<Action> actions(Reprocess reprocess) {
    return plan(reprocess).stream().map(PlannedPartition::action).toList();
  }

  private static List<PlannedPartition> plan(Reprocess reprocess) {
    return new BackfillPlanner(reprocess, Optional.of(BACKFILL))
        .plan(
            DATES,
            Map.of(DONE_BY_THIS_BACKFILL, Optional.of("run-earlier")),
            date -> {
              if (date.equals(NEVER)) {
                return PartitionState.never();
              }
              if (date.equals(KILLED)) {
                return PartitionState.unfinished(Optional.of(run("run-killed", RunStatus.RUNNING)));
              }
              if (date.equals(RUN_BY_THIS_BACKFILL)) {
                return PartitionState.completed(
                    run("run-of-this-backfill", RunStatus.COMPLETED, Optional.of(BACKFILL)));
              }
              if (date.equals(QUARANTINED)) {
                return PartitionState.completed(
                    run("run-bad-audio", RunStatus.COMPLETED_WITH_QUARANTINE));
              }
              return PartitionState.completed(run("run-clean", RunStatus.COMPLETED));
            });
  }

  private static RunRow run(String id, RunStatus status) {
    return run(id, status, Optional.empty());
  }

  private static RunRow run(String id, RunStatus status, Optional<String> backfillId) {
    return new RunRow(
        id,
        Optional.of(1L),
        JobKind.NIGHTLY,
        "calls",
        Optional.of(CLEAN),
        "s3://raw/",
        "s3://out/",
        "builtin",
        "model",
        "1",
        "0".repeat(64),
        "1".repeat(64),
        "{}",
        status,
        Instant.EPOCH,
        Optional.empty(),
        Optional.empty(),
        MlflowSync.DISABLED,
        backfillId,
        Optional.empty());
  }
}
