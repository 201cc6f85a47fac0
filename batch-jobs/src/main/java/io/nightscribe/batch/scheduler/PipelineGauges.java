package io.nightscribe.batch.scheduler;

import io.micrometer.core.instrument.MeterRegistry;
import io.nightscribe.monitoring.PipelineMetrics;
import io.nightscribe.runs.metrics.PipelineFacts;
import io.nightscribe.runs.partition.PipelineDefinition;
import io.nightscribe.scheduling.CronTimes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scheduler service's pipeline-level gauges on its {@code /actuator/prometheus}: each scheduled
 * pipeline's last success and failure and MLflow outbox depth, read from the ledger at every
 * refresh, and its schedule interval. The nights it fires push their own per-run registries; these
 * gauges only say what the ledger says at any time, so a missed night is seen even when no run
 * pushed. A refresh that fails (the ledger away for a moment) is logged and tried again. Closed
 * with the service.
 */
final class PipelineGauges implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(PipelineGauges.class);

  private final PipelineFacts facts;
  private final Map<String, PipelineMetrics> pipelines = new TreeMap<>();
  private final ScheduledExecutorService ticker;

  /**
   * @param scheduled the pipelines with a schedule
   * @param refreshEvery how often the ledger is read again
   */
  PipelineGauges(
      MeterRegistry registry,
      List<PipelineDefinition> scheduled,
      PipelineFacts facts,
      Clock clock,
      Duration refreshEvery) {
    this.facts = facts;
    for (PipelineDefinition pipeline : scheduled) {
      PipelineMetrics metrics = PipelineMetrics.register(registry, pipeline.name());
      interval(pipeline, clock.instant()).ifPresent(metrics::scheduleInterval);
      pipelines.put(pipeline.name(), metrics);
    }
    this.ticker =
        Executors.newSingleThreadScheduledExecutor(
            task -> {
              Thread thread = new Thread(task, "nightscribe-pipeline-gauges");
              thread.setDaemon(true);
              return thread;
            });
    ticker.scheduleWithFixedDelay(this::refresh, 0, refreshEvery.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** The time between the schedule's next two firings: a day for a nightly cron. */
  static Optional<Duration> interval(PipelineDefinition pipeline, Instant now) {
    try {
      return pipeline
          .schedule()
          .map(schedule -> CronTimes.of(schedule, pipeline.zone()))
          .flatMap(
              times ->
                  times
                      .next(now)
                      .flatMap(
                          first ->
                              times.next(first).map(second -> Duration.between(first, second))));
    } catch (IllegalArgumentException e) {
      // the service's own start-up names an invalid schedule; the gauge just stays away
      return Optional.empty();
    }
  }

  private void refresh() {
    pipelines.forEach(
        (name, metrics) -> {
          try {
            facts.report(name, metrics, Optional.empty());
          } catch (RuntimeException e) {
            log.warn(
                "Cannot read pipeline {}'s state from the ledger for its gauges: {}",
                name,
                e.toString());
          }
        });
  }

  @Override
  public void close() {
    ticker.shutdownNow();
  }
}
