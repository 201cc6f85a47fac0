package io.nightscribe.batch.job;

import io.nightscribe.batch.ledger.RunRow;

/**
 * How a partition launch ended.
 *
 * @param run the run that holds the partition's outputs
 * @param alreadyDone true when nothing ran because the partition was already complete
 * @param quarantined true when some inputs were quarantined
 */
public record PartitionResult(RunRow run, boolean alreadyDone, boolean quarantined) {

  static PartitionResult alreadyDone(RunRow run) {
    return new PartitionResult(run, true, run.status().equals(FinalizeRunTasklet.QUARANTINED_EXIT));
  }

  static PartitionResult finished(RunRow run) {
    return new PartitionResult(
        run, false, run.status().equals(FinalizeRunTasklet.QUARANTINED_EXIT));
  }
}
