package io.nightscribe.runs.backfill;

import io.nightscribe.runs.ledger.RunStatus;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;

/**
 * One date of a backfill as the ledger holds it.
 *
 * @param date the partition date
 * @param action what the latest plan does with it
 * @param status where it stands
 * @param runId the run that holds its outputs, once there is one
 * @param message why it was skipped, or why it failed
 * @param updatedAt when it last changed
 */
public record PartitionProgress(
    LocalDate date,
    PlannedPartition.Action action,
    Status status,
    Optional<String> runId,
    Optional<String> message,
    Instant updatedAt) {
  /**
   * Where one date of a backfill stands. sql/ spells these values once, in the check constraint of
   * {@code ns_backfill_partition.status}.
   */
  public enum Status {
    PLANNED,
    RUNNING,
    COMPLETED,
    COMPLETED_WITH_QUARANTINE,
    SKIPPED,
    FAILED;

    /** The status of a date whose run ended {@code run}. */
    public static Status of(RunStatus run) {
      return switch (run) {
        case COMPLETED -> COMPLETED;
        case COMPLETED_WITH_QUARANTINE -> COMPLETED_WITH_QUARANTINE;
        case RUNNING -> RUNNING;
        default -> FAILED;
      };
    }
  }

  /** True when this backfill ran the date to its end: issuing the backfill again skips it. */
  public boolean ranToTheEnd() {
    return status == Status.COMPLETED || status == Status.COMPLETED_WITH_QUARANTINE;
  }
}
