package io.nightscribe.batch.kubernetes;

import java.time.Duration;

/**
 * How long a pipeline's Jobs may take and how they are retried and kept.
 *
 * @param startingDeadline a CronJob start missed by more than this is skipped (and counted in the
 *     CronJob's events); also what keeps Kubernetes' "too many missed start times" count small
 * @param activeDeadline a Job running longer than this is stopped (its run resumes when fired
 *     again)
 * @param backoffLimit failed pods retried before the Job fails; each retry resumes the run
 * @param ttlAfterFinished finished Jobs and their pods (and logs) are deleted after this
 * @param successfulJobsHistory succeeded Jobs a CronJob keeps
 * @param failedJobsHistory failed Jobs a CronJob keeps
 */
public record JobLimits(
    Duration startingDeadline,
    Duration activeDeadline,
    int backoffLimit,
    Duration ttlAfterFinished,
    int successfulJobsHistory,
    int failedJobsHistory) {
  public JobLimits {
    positive("starting-deadline", startingDeadline);
    positive("active-deadline", activeDeadline);
    positive("ttl-after-finished", ttlAfterFinished);
    if (startingDeadline.toSeconds() < 10) {
      // the CronJob controller checks every 10 s: a shorter deadline can miss every start
      throw new IllegalArgumentException(
          "starting-deadline "
              + startingDeadline
              + " is under 10 s, and CronJobs could never start");
    }
    if (backoffLimit < 0 || successfulJobsHistory < 0 || failedJobsHistory < 0) {
      throw new IllegalArgumentException(
          "backoff-limit and the history limits cannot be negative (got "
              + backoffLimit
              + ", "
              + successfulJobsHistory
              + ", "
              + failedJobsHistory
              + ")");
    }
  }

  private static void positive(String name, Duration value) {
    if (value == null || value.isNegative() || value.isZero() || value.toSeconds() == 0) {
      throw new IllegalArgumentException(name + " " + value + " must be at least a second");
    }
  }
}
