package io.nightscribe.runs.metrics;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.nightscribe.asr.pipeline.PipelineObserver;
import io.nightscribe.monitoring.EngineUtilization;
import io.nightscribe.monitoring.NightMetrics;
import io.nightscribe.monitoring.QuarantineReason;
import io.nightscribe.monitoring.RunLabels;
import io.nightscribe.monitoring.Stage;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * The metrics of one night in this process, on a registry of its own (so nights and pipelines never
 * mix): what the run core and the decode/engine path report goes into {@link NightMetrics}, and
 * {@link #scrape} gives the text a push carries. Thread-safe.
 */
public final class NightWatch implements PipelineObserver {
  private final PrometheusMeterRegistry registry;
  private final NightMetrics metrics;
  private final EngineUtilization engines = new EngineUtilization();
  private final long startedNanos;
  private volatile boolean ended;

  /** Starts watching now. */
  public NightWatch(RunLabels labels) {
    this.registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    this.metrics = NightMetrics.register(registry, labels);
    this.startedNanos = System.nanoTime();
  }

  public RunLabels labels() {
    return metrics.labels();
  }

  /** The metrics themselves, for the values this class has no method for. */
  public NightMetrics metrics() {
    return metrics;
  }

  /** One input transcribed, holding {@code audioMillis} of audio. */
  public void transcribed(long audioMillis) {
    metrics.transcribed(audioMillis / 1000.0);
  }

  /** One input quarantined at {@code stage} ("read", "decode", "transcribe", ...). */
  public void quarantined(String stage) {
    metrics.quarantined(QuarantineReason.fromLabel(stage));
  }

  /** Runs {@code work}, timing it as one unit of {@code stage}. */
  public <T> T timed(Stage stage, Supplier<T> work) {
    long started = System.nanoTime();
    try {
      return work.get();
    } finally {
      metrics.stage(stage, Duration.ofNanos(System.nanoTime() - started));
    }
  }

  @Override
  public void read(Duration took) {
    metrics.stage(Stage.READ, took);
  }

  @Override
  public void decoded(Duration took) {
    metrics.stage(Stage.DECODE, took);
  }

  @Override
  public void engineWorkerStarted(long nanoTime) {
    engines.workerStarted(nanoTime);
  }

  @Override
  public void engineCalled(Duration took) {
    engines.called(took.toNanos());
    metrics.stage(Stage.ENGINE, took);
  }

  @Override
  public void engineWorkerStopped(long startedNanoTime, long stoppedNanoTime) {
    engines.workerStopped(startedNanoTime, stoppedNanoTime);
  }

  @Override
  public void queuedChunks(int chunks) {
    metrics.chunkQueueDepth(Math.max(0, chunks));
  }

  /** The engine workers' busy share so far. */
  public double engineBusyRatio() {
    return engines.ratio(System.nanoTime());
  }

  /**
   * The night has ended with these totals (run.json's): from now on its duration is {@code wall}
   * rather than the time since this watch began.
   */
  public void ended(double audioSeconds, Duration wall) {
    metrics.nightEnded(audioSeconds, wall);
    ended = true;
  }

  /**
   * The registry's text (Prometheus text format 0.0.4), with the engine busy ratio and (until the
   * night has ended) its duration brought up to now.
   */
  public String scrape() {
    if (!ended) {
      metrics.nightElapsed(Duration.ofNanos(System.nanoTime() - startedNanos));
    }
    metrics.engineBusyRatio(engineBusyRatio());
    return registry.scrape();
  }
}
