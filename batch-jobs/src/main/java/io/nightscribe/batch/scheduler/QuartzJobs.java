package io.nightscribe.batch.scheduler;

import io.nightscribe.batch.config.NightscribeProperties;
import io.nightscribe.batch.config.PipelineCatalog;
import io.nightscribe.runs.partition.PipelineDefinition;
import io.nightscribe.scheduling.DueNights;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.quartz.Job;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.SimpleTrigger;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;
import org.quartz.impl.matchers.GroupMatcher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;

/**
 * Makes Quartz's job store match the configuration when an instance starts: a job per scheduled
 * pipeline and per backfill slot, each polled at the configured interval; jobs of pipelines no
 * longer scheduled are removed. Jobs and triggers live in the ledger database, shared by every
 * instance; what is already stored is kept (overwriting it would lose nothing here, as catch-up
 * rests on the ledger, but two instances starting at once must not fight), and a trigger whose
 * interval changed is replaced.
 */
class QuartzJobs implements ApplicationRunner {
  static final String PIPELINES = "pipelines";
  static final String BACKFILLS = "backfills";
  private static final Logger log = LoggerFactory.getLogger(QuartzJobs.class);

  private final Scheduler scheduler;
  private final PipelineCatalog pipelines;
  private final NightscribeProperties.SchedulerProperties settings;

  QuartzJobs(
      Scheduler scheduler,
      PipelineCatalog pipelines,
      NightscribeProperties.SchedulerProperties settings) {
    this.scheduler = scheduler;
    this.pipelines = pipelines;
    this.settings = settings;
  }

  @Override
  public void run(ApplicationArguments args) throws SchedulerException {
    Set<JobKey> wanted = new HashSet<>();
    for (String name : pipelines.names()) {
      PipelineDefinition pipeline = pipelines.pipeline(name);
      if (pipeline.schedule().isPresent()) {
        // an invalid schedule stops the service at start, with the key to fix
        DueNights.of(pipeline);
        wanted.add(ensure(PIPELINES, name, PipelineFiringJob.class));
      }
    }
    for (int slot = 1; slot <= settings.concurrentBackfills(); slot++) {
      wanted.add(ensure(BACKFILLS, "slot-" + slot, BackfillIntakeJob.class));
    }
    for (String group : List.of(PIPELINES, BACKFILLS)) {
      for (JobKey stored : scheduler.getJobKeys(GroupMatcher.jobGroupEquals(group))) {
        if (!wanted.contains(stored)) {
          log.info("Removing Quartz job {}: no longer configured", stored);
          scheduler.deleteJob(stored);
        }
      }
    }
    log.info(
        "Scheduler ready: {} pipelines scheduled, {} backfill slots, polled every {}",
        wanted.size() - settings.concurrentBackfills(),
        settings.concurrentBackfills(),
        settings.pollInterval());
  }

  private JobKey ensure(String group, String name, Class<? extends Job> type)
      throws SchedulerException {
    JobKey key = JobKey.jobKey(name, group);
    JobDetail job =
        JobBuilder.newJob(type)
            .withIdentity(key)
            .storeDurably()
            // a job running on an instance that dies is fired again on another
            .requestRecovery()
            .build();
    try {
      scheduler.addJob(job, true);
    } catch (SchedulerException e) {
      // an instance starting at the same time stored it first
      if (!scheduler.checkExists(key)) {
        throw e;
      }
    }
    Trigger trigger = trigger(key, settings.pollInterval());
    Trigger stored = scheduler.getTrigger(trigger.getKey());
    if (stored == null) {
      try {
        scheduler.scheduleJob(trigger);
      } catch (SchedulerException e) {
        // an instance starting at the same time stored it first
        if (scheduler.getTrigger(trigger.getKey()) == null) {
          throw e;
        }
        log.debug("Trigger {} was stored by another instance", trigger.getKey());
      }
    } else if (!(stored instanceof SimpleTrigger simple)
        || simple.getRepeatInterval() != settings.pollInterval().toMillis()) {
      scheduler.rescheduleJob(trigger.getKey(), trigger);
    }
    return key;
  }

  private static Trigger trigger(JobKey job, Duration interval) {
    return TriggerBuilder.newTrigger()
        .withIdentity(TriggerKey.triggerKey(job.getName(), job.getGroup()))
        .forJob(job)
        .startNow()
        .withSchedule(
            SimpleScheduleBuilder.simpleSchedule()
                .withIntervalInMilliseconds(interval.toMillis())
                .repeatForever()
                // polls missed while the cluster was down are not made up: the ledger's cursor
                // says which nights are due
                .withMisfireHandlingInstructionNextWithRemainingCount())
        .build();
  }
}
