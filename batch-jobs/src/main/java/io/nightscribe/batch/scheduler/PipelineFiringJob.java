package io.nightscribe.batch.scheduler;

import io.nightscribe.scheduling.PipelineFirings;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Quartz's job of one pipeline (named after it): fires whatever of the pipeline is due. Never two
 * at once for the same pipeline across the cluster, so its nights run one after another, in order;
 * the ledger, not Quartz, makes each night run once.
 */
@DisallowConcurrentExecution
public class PipelineFiringJob implements Job {
  private static final Logger log = LoggerFactory.getLogger(PipelineFiringJob.class);

  private final PipelineFirings firings;

  public PipelineFiringJob(PipelineFirings firings) {
    this.firings = firings;
  }

  @Override
  public void execute(JobExecutionContext context) {
    String pipeline = context.getJobDetail().getKey().getName();
    try {
      firings.fire(pipeline);
    } catch (RuntimeException e) {
      // the next poll tries again; a night left RUNNING is taken over once it is stale
      log.warn("Cannot fire {}: {}", pipeline, e.getMessage());
    }
  }
}
