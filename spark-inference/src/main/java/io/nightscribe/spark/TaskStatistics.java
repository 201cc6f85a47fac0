package io.nightscribe.spark;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;

/**
 * Counts a run's transcription task attempts on the driver (the small stage that places inputs in
 * their partitions left out): how many ended, failed or were killed, and were speculative copies.
 */
final class TaskStatistics extends SparkListener {
  private static final String TRANSCRIPTION_TASK = "ResultTask";

  private final AtomicInteger ended = new AtomicInteger();
  private final AtomicInteger succeeded = new AtomicInteger();
  private final AtomicInteger failed = new AtomicInteger();
  private final AtomicInteger speculative = new AtomicInteger();

  @Override
  public void onTaskEnd(SparkListenerTaskEnd end) {
    if (!TRANSCRIPTION_TASK.equals(end.taskType())) {
      return;
    }
    ended.incrementAndGet();
    if (end.taskInfo().speculative()) {
      speculative.incrementAndGet();
    }
    if (end.taskInfo().failed() || end.taskInfo().killed()) {
      failed.incrementAndGet();
    } else {
      succeeded.incrementAndGet();
    }
  }

  /**
   * Waits, at most {@code patience}, until the listener has seen {@code partitions} successful
   * attempts: Spark delivers listener events after the job's results, so a count taken at once
   * could miss the last ones.
   */
  void awaitSucceeded(int partitions, Duration patience) {
    long deadline = System.nanoTime() + patience.toNanos();
    while (succeeded.get() < partitions && System.nanoTime() < deadline) {
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /** "7 attempts, 1 failed or killed, 1 speculative". */
  String describe() {
    return ended.get()
        + " attempts, "
        + failed.get()
        + " failed or killed, "
        + speculative.get()
        + " speculative";
  }
}
