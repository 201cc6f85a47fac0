package io.nightscribe.runs.partition;

import io.nightscribe.asr.NightscribeException;

/**
 * Runs partitions to their end: in-process with the Spring Batch job, in-process without it, or on
 * Spark. Every runner records the same run for the same partition, so one runner finds complete
 * what another finished. Implementations are thread-safe.
 */
public interface PartitionRunner {

  /**
   * Runs {@code request} to its end; a completed partition does nothing and says so, a failed or
   * killed one resumes where it stopped.
   *
   * @throws NightscribeException CONFIGURATION for anything the user must fix first (unknown model,
   *     missing bucket, the partition running elsewhere now)
   */
  PartitionResult run(PartitionRequest request);

  /**
   * Where {@code request} stands with the model and settings it resolves to now, without running
   * anything: what a backfill plans from.
   *
   * @throws NightscribeException CONFIGURATION when the model cannot be resolved
   */
  PartitionState state(PartitionRequest request);
}
