package io.nightscribe.monitoring;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The pipeline-level gauges of {@link NightMetric}, labelled {@code pipeline} only: last success
 * and failure, schedule interval, MLflow outbox depth. A run's {@link NightMetrics} carries them in
 * every push; the scheduler service registers them on its own registry for {@code
 * /actuator/prometheus}. Each gauge is registered the first time it is set, so nothing exposes a
 * made-up value. Thread-safe.
 */
public final class PipelineMetrics {
  private final MeterRegistry registry;
  private final Tags tags;
  private final Map<NightMetric, GaugeValue> gauges = new ConcurrentHashMap<>();

  private PipelineMetrics(MeterRegistry registry, String pipeline) {
    this.registry = Objects.requireNonNull(registry, "registry");
    if (pipeline == null || pipeline.isBlank()) {
      throw new IllegalArgumentException("Invalid pipeline metrics: the pipeline is blank");
    }
    this.tags = Tags.of(LabelKeys.PIPELINE, pipeline);
  }

  /** The gauges of {@code pipeline} on {@code registry}; none is registered until it is set. */
  public static PipelineMetrics register(MeterRegistry registry, String pipeline) {
    return new PipelineMetrics(registry, pipeline);
  }

  /** When the pipeline last finished a night successfully (exit 0 or 3), from the ledger. */
  public void lastSuccess(Instant finished) {
    gauge(NightMetric.LAST_SUCCESS).set(epochSeconds(finished));
  }

  /** When the pipeline last failed a night (exit 1), from the ledger. */
  public void lastFailure(Instant ended) {
    gauge(NightMetric.LAST_FAILURE).set(epochSeconds(ended));
  }

  /** The pipeline's schedule interval (one day for a nightly CronJob). */
  public void scheduleInterval(Duration interval) {
    if (interval == null || interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException("Invalid schedule interval: " + interval);
    }
    gauge(NightMetric.SCHEDULE_INTERVAL).set(interval.toNanos() / 1e9);
  }

  /** Runs of this pipeline waiting in the MLflow outbox, as the ledger says now. */
  public void mlflowOutboxDepth(int runs) {
    if (runs < 0) {
      throw new IllegalArgumentException("Invalid MLflow outbox depth: " + runs);
    }
    gauge(NightMetric.MLFLOW_OUTBOX_DEPTH).set(runs);
  }

  private GaugeValue gauge(NightMetric metric) {
    return gauges.computeIfAbsent(
        metric,
        unused -> {
          GaugeValue value = new GaugeValue();
          Gauge.builder(metric.meterName(), value, GaugeValue::get)
              .baseUnit(metric.baseUnit())
              .description(metric.description())
              .tags(tags)
              .strongReference(true)
              .register(registry);
          return value;
        });
  }

  private static double epochSeconds(Instant instant) {
    Objects.requireNonNull(instant, "instant");
    return instant.getEpochSecond() + instant.getNano() / 1e9;
  }
}
