package io.nightscribe.runs.backfill;

import java.time.LocalDate;
import java.util.Locale;
import java.util.Optional;

/**
 * What a backfill does with one date, and why.
 *
 * @param date the partition date
 * @param action what it does
 * @param why the reason, for people
 * @param runId the earlier run the decision rests on, if any
 */
public record PlannedPartition(LocalDate date, Action action, String why, Optional<String> runId) {
  public enum Action {
    /** Never ran with this model and settings. */
    RUN,
    /** A run was left failed or killed: restarting it redoes nothing it finished. */
    RESUME,
    /** Completed, and run again as asked: a new run, tagged with the backfill. */
    RERUN,
    /** Completed with this model and settings, or by this backfill. */
    SKIP;

    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }
}
