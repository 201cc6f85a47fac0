package io.nightscribe.spark;

import java.io.Serializable;
import org.apache.spark.SparkConf;
import org.apache.spark.TaskContext;

/**
 * Faults a rehearsal injects into the tasks of a run, to see that retries and speculative copies
 * neither lose nor duplicate an output: every first attempt failing after it wrote its transcripts
 * (Spark retries each), and the first attempt of partition 0 held back after writing (a speculative
 * copy elsewhere overtakes it). Off unless set; never set them in production.
 *
 * @param failFirstAttempts {@value #FAIL_FIRST_ATTEMPTS}
 * @param holdFirstAttemptOfPartitionZeroMillis {@value #HOLD_PARTITION_ZERO}
 */
record InjectedFaults(boolean failFirstAttempts, long holdFirstAttemptOfPartitionZeroMillis)
    implements Serializable {
  static final String FAIL_FIRST_ATTEMPTS = "spark.nightscribe.faults.failFirstAttempts";
  static final String HOLD_PARTITION_ZERO =
      "spark.nightscribe.faults.holdFirstAttemptOfPartitionZeroMillis";

  static InjectedFaults of(SparkConf conf) {
    return new InjectedFaults(
        conf.getBoolean(FAIL_FIRST_ATTEMPTS, false), conf.getLong(HOLD_PARTITION_ZERO, 0));
  }

  /** Called when a task has written its transcripts and is about to report them. */
  void afterWriting(TaskContext task) {
    if (task.attemptNumber() > 0) {
      return;
    }
    if (holdFirstAttemptOfPartitionZeroMillis > 0 && task.partitionId() == 0) {
      try {
        Thread.sleep(holdFirstAttemptOfPartitionZeroMillis);
      } catch (InterruptedException killedBySpark) {
        Thread.currentThread().interrupt();
        return;
      }
    }
    if (failFirstAttempts) {
      throw new IllegalStateException(
          "Injected fault ("
              + FAIL_FIRST_ATTEMPTS
              + "): the first attempt of partition "
              + task.partitionId()
              + " fails after writing its transcripts");
    }
  }
}
