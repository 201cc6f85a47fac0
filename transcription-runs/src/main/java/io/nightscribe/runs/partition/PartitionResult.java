package io.nightscribe.runs.partition;

import io.nightscribe.runs.ledger.RunRow;
import io.nightscribe.runs.ledger.RunStatus;

/**
 * How a partition launch ended.
 *
 * @param run the run that holds the partition's outputs
 * @param alreadyDone true when nothing ran because the partition was already complete
 * @param quarantined true when some inputs were quarantined
 */
public record PartitionResult(RunRow run, boolean alreadyDone, boolean quarantined) {

  /** Nothing ran: {@code run} had completed the partition already. */
  public static PartitionResult alreadyDone(RunRow run) {
    return new PartitionResult(run, true, run.status() == RunStatus.COMPLETED_WITH_QUARANTINE);
  }

  /** {@code run} finished the partition now. */
  public static PartitionResult finished(RunRow run) {
    return new PartitionResult(run, false, run.status() == RunStatus.COMPLETED_WITH_QUARANTINE);
  }
}
