package io.nightscribe.batch.scheduler;

import io.nightscribe.scheduling.BackfillIntake;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Quartz's job of one backfill slot: takes the oldest waiting backfill and runs it to its end. One
 * job per slot ({@code nightscribe.scheduler.concurrent-backfills}), each never running twice at
 * once across the cluster: that many backfills run at a time, and nights keep the other threads.
 */
@DisallowConcurrentExecution
public class BackfillIntakeJob implements Job {
  private static final Logger log = LoggerFactory.getLogger(BackfillIntakeJob.class);

  private final BackfillIntake intake;

  public BackfillIntakeJob(BackfillIntake intake) {
    this.intake = intake;
  }

  @Override
  public void execute(JobExecutionContext context) {
    try {
      intake
          .takeNext()
          .ifPresent(
              status ->
                  log.info(
                      "Backfill {} ended {}", status.backfill().id(), status.backfill().status()));
    } catch (RuntimeException e) {
      log.warn("Cannot take a backfill: {}", e.getMessage());
    }
  }
}
