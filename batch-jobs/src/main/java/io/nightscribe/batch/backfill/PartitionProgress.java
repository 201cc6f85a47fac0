package io.nightscribe.batch.backfill;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import java.util.Set;

/**
 * One date of a backfill as the ledger holds it.
 *
 * @param date the partition date
 * @param action what the latest plan does with it
 * @param status PLANNED, RUNNING, COMPLETED, COMPLETED_WITH_QUARANTINE, SKIPPED or FAILED
 * @param runId the run that holds its outputs, once there is one
 * @param message why it was skipped, or why it failed
 * @param updatedAt when it last changed
 */
public record PartitionProgress(
    LocalDate date,
    PlannedPartition.Action action,
    String status,
    Optional<String> runId,
    Optional<String> message,
    Instant updatedAt) {
  public static final String PLANNED = "PLANNED";
  public static final String RUNNING = "RUNNING";
  public static final String SKIPPED = "SKIPPED";
  public static final String FAILED = "FAILED";

  private static final Set<String> RAN_TO_THE_END =
      Set.of("COMPLETED", "COMPLETED_WITH_QUARANTINE");

  /** True when this backfill ran the date to its end: issuing the backfill again skips it. */
  public boolean ranToTheEnd() {
    return RAN_TO_THE_END.contains(status);
  }
}
