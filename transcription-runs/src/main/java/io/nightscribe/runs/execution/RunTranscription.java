package io.nightscribe.runs.execution;

import io.nightscribe.runs.ledger.RunRow;
import io.nightscribe.runs.partition.ResolvedPartition;

/**
 * Transcribes the inputs of a planned run that the ledger still has as pending, recording each
 * outcome in the ledger as it is settled: in this process ({@link InputTranscription}) or on a
 * cluster. Everything around it — claiming, planning, finishing — is the same for every runner
 * ({@link LedgerPartitionRunner}), which is what makes a run of one replayable by another.
 */
@FunctionalInterface
public interface RunTranscription {

  /** Transcribes the pending inputs of {@code run}, which plans {@code partition}. */
  void transcribe(RunRow run, ResolvedPartition partition, RunProgress progress);
}
