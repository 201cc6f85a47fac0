package io.nightscribe.monitoring;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.nightscribe.monitoring.drift.DriftKind;
import io.nightscribe.monitoring.drift.DriftLevel;
import io.nightscribe.monitoring.drift.KindDrift;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The metrics of one run of one pipeline, registered on a Micrometer {@link MeterRegistry} and
 * updated from plain values. The names, labels and meanings are those of {@link NightMetric}.
 *
 * <p>Use one instance per run, on a registry of that run (the one pushed to the Pushgateway under
 * the grouping key {@code pipeline}): its counters then count this run only. Counters and the
 * histogram of every label value are registered at once, at zero, so the run's first push (which
 * should precede any work) carries every series and {@code increase()} misses nothing. Gauges of
 * {@link Presence#WHEN_KNOWN} and {@link Presence#END_OF_NIGHT} metrics are registered the first
 * time they are set, so a push never carries a made-up value.
 *
 * <p>Thread-safe: engine workers, decoder threads and the job thread may call it concurrently.
 */
public final class NightMetrics {
  /**
   * Stage duration histogram bucket bounds: from a ledger transaction (milliseconds) to decoding an
   * hours-long object (tens of minutes).
   */
  public static final Duration[] STAGE_BUCKETS = {
    Duration.ofMillis(5),
    Duration.ofMillis(10),
    Duration.ofMillis(25),
    Duration.ofMillis(50),
    Duration.ofMillis(100),
    Duration.ofMillis(250),
    Duration.ofMillis(500),
    Duration.ofSeconds(1),
    Duration.ofMillis(2500),
    Duration.ofSeconds(5),
    Duration.ofSeconds(10),
    Duration.ofSeconds(30),
    Duration.ofSeconds(60),
    Duration.ofMinutes(5),
    Duration.ofMinutes(30)
  };

  private final MeterRegistry registry;
  private final RunLabels labels;
  private final Tags runTags;
  private final Tags pipelineTags;
  private final Map<Outcome, Counter> objects = new EnumMap<>(Outcome.class);
  private final Counter audioSeconds;
  private final Map<QuarantineReason, Counter> quarantined = new EnumMap<>(QuarantineReason.class);
  private final Map<Stage, Timer> stages = new EnumMap<>(Stage.class);
  private final Map<Dependency, Counter> retries = new EnumMap<>(Dependency.class);
  private final GaugeValue chunkQueueDepth = new GaugeValue();
  private final GaugeValue engineBusy = new GaugeValue();
  private final GaugeValue nightDuration = new GaugeValue();
  private final Map<String, GaugeValue> lateGauges = new ConcurrentHashMap<>();
  private final PipelineMetrics pipelineMetrics;

  private NightMetrics(MeterRegistry registry, RunLabels labels) {
    this.registry = registry;
    this.labels = labels;
    this.pipelineTags = Tags.of(LabelKeys.PIPELINE, labels.pipeline());
    this.pipelineMetrics = PipelineMetrics.register(registry, labels.pipeline());
    this.runTags =
        pipelineTags.and(
            LabelKeys.MODEL, labels.model(),
            LabelKeys.MODEL_VERSION, labels.modelVersion(),
            LabelKeys.RUNNER, labels.runner().label());
    for (Outcome outcome : Outcome.values()) {
      objects.put(outcome, counter(NightMetric.OBJECTS, LabelKeys.OUTCOME, outcome));
    }
    audioSeconds = counter(NightMetric.AUDIO, null, null);
    for (QuarantineReason reason : QuarantineReason.values()) {
      quarantined.put(reason, counter(NightMetric.QUARANTINED, LabelKeys.REASON, reason));
    }
    for (Stage stage : Stage.values()) {
      stages.put(stage, timer(stage));
    }
    for (Dependency dependency : Dependency.values()) {
      retries.put(dependency, counter(NightMetric.RETRIES, LabelKeys.DEPENDENCY, dependency));
    }
    gauge(NightMetric.CHUNK_QUEUE_DEPTH, runTags, chunkQueueDepth);
    gauge(NightMetric.ENGINE_BUSY, runTags, engineBusy);
    gauge(NightMetric.NIGHT_DURATION, runTags, nightDuration);
  }

  /**
   * Registers the metrics of a run on {@code registry}.
   *
   * @throws IllegalArgumentException if the registry already holds a meter of the same name with
   *     other tag keys (Micrometer's Prometheus registry refuses that)
   */
  public static NightMetrics register(MeterRegistry registry, RunLabels labels) {
    return new NightMetrics(
        Objects.requireNonNull(registry, "registry"), Objects.requireNonNull(labels, "labels"));
  }

  /** The gauges of this run's pipeline (last success and failure, interval, outbox depth). */
  public PipelineMetrics pipeline() {
    return pipelineMetrics;
  }

  /** The labels of this run. */
  public RunLabels labels() {
    return labels;
  }

  /** One object transcribed, holding {@code audioSeconds} of audio. */
  public void transcribed(double audioSeconds) {
    requireNonNegative(audioSeconds, "audio seconds");
    objects.get(Outcome.TRANSCRIBED).increment();
    this.audioSeconds.increment(audioSeconds);
  }

  /** One object quarantined, for {@code reason}. */
  public void quarantined(QuarantineReason reason) {
    objects.get(Outcome.QUARANTINED).increment();
    quarantined.get(Objects.requireNonNull(reason, "reason")).increment();
  }

  /**
   * One unit of work (page, object, batch, transaction) spent {@code duration} in {@code stage}.
   */
  public void stage(Stage stage, Duration duration) {
    requireNonNegative(duration, "stage duration");
    stages.get(Objects.requireNonNull(stage, "stage")).record(duration);
  }

  /** Decoded chunks waiting for an engine worker now. */
  public void chunkQueueDepth(int chunks) {
    if (chunks < 0) {
      throw new IllegalArgumentException("Invalid chunk queue depth: " + chunks);
    }
    chunkQueueDepth.set(chunks);
  }

  /**
   * The engine workers' busy share since they started: their summed time in engine calls over
   * (workers x wall time since the first of them started).
   */
  public void engineBusyRatio(double ratio) {
    if (!(ratio >= 0 && ratio <= 1)) {
      throw new IllegalArgumentException(
          "Invalid engine busy ratio: " + ratio + " (not in [0, 1])");
    }
    engineBusy.set(ratio);
  }

  /** Calls to {@code dependency} retried {@code times} more. */
  public void retried(Dependency dependency, long times) {
    if (times < 0) {
      throw new IllegalArgumentException("Invalid retry count: " + times + " (negative)");
    }
    retries.get(Objects.requireNonNull(dependency, "dependency")).increment(times);
  }

  /** The model took {@code took} to load; the gauge keeps the longest load of the run. */
  public void modelLoaded(Duration took) {
    requireNonNegative(took, "model load time");
    late(NightMetric.MODEL_LOAD, runTags).max(seconds(took));
  }

  /** Runs of this pipeline waiting in the MLflow outbox, as the ledger says now. */
  public void mlflowOutboxDepth(int runs) {
    pipelineMetrics.mlflowOutboxDepth(runs);
  }

  /** Wall time of the night so far; call before each push. */
  public void nightElapsed(Duration wall) {
    requireNonNegative(wall, "night duration");
    nightDuration.set(seconds(wall));
  }

  /**
   * The night has ended: its totals as the ledger records them (run.json's audioSeconds and
   * wallSeconds, so a resumed night counts all its attempts). Sets the night's duration and its
   * real-time speed, audio seconds per wall second.
   */
  public void nightEnded(double audioSeconds, Duration wall) {
    requireNonNegative(audioSeconds, "audio seconds");
    requireNonNegative(wall, "night duration");
    nightDuration.set(seconds(wall));
    double wallSeconds = seconds(wall);
    late(NightMetric.NIGHT_REALTIME_SPEED, runTags)
        .set(wallSeconds > 0 ? audioSeconds / wallSeconds : 0);
  }

  /** When the pipeline last finished a night successfully (exit 0 or 3), from the ledger. */
  public void lastSuccess(Instant finished) {
    pipelineMetrics.lastSuccess(finished);
  }

  /** When the pipeline last failed a night (exit 1), from the ledger. */
  public void lastFailure(Instant ended) {
    pipelineMetrics.lastFailure(ended);
  }

  /** The pipeline's schedule interval (one day for a nightly CronJob). */
  public void scheduleInterval(Duration interval) {
    pipelineMetrics.scheduleInterval(interval);
  }

  /**
   * The night's drift of one kind as {@link io.nightscribe.monitoring.drift.DriftDetector} found
   * it. Leave a kind with no compared feature out: a zero would claim a comparison that was not
   * made.
   */
  public void drift(KindDrift drift) {
    drift(drift.kind(), drift.score(), drift.level());
  }

  /** The night's drift of {@code kind} against the model's reference profile. */
  public void drift(DriftKind kind, double score, DriftLevel level) {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(level, "level");
    if (!(score >= 0 && score <= 1)) {
      throw new IllegalArgumentException("Invalid drift score: " + score + " (not in [0, 1])");
    }
    Tags tags =
        pipelineTags.and(
            LabelKeys.MODEL, labels.model(),
            LabelKeys.MODEL_VERSION, labels.modelVersion(),
            LabelKeys.KIND, kind.label());
    late(NightMetric.DRIFT_SCORE, tags).set(score);
    late(NightMetric.DRIFT_LEVEL, tags).set(level.code());
  }

  private Counter counter(NightMetric metric, String key, LabelValue value) {
    Tags tags = key == null ? runTags : runTags.and(key, value.label());
    return Counter.builder(metric.meterName())
        .baseUnit(metric.baseUnit())
        .description(metric.description())
        .tags(tags)
        .register(registry);
  }

  private Timer timer(Stage stage) {
    NightMetric metric = NightMetric.STAGE_DURATION;
    return Timer.builder(metric.meterName())
        .description(metric.description())
        .tags(runTags.and(LabelKeys.STAGE, stage.label()))
        .serviceLevelObjectives(STAGE_BUCKETS)
        .register(registry);
  }

  private GaugeValue late(NightMetric metric, Tags tags) {
    return lateGauges.computeIfAbsent(
        metric.name() + tags,
        unused -> {
          GaugeValue value = new GaugeValue();
          gauge(metric, tags, value);
          return value;
        });
  }

  private void gauge(NightMetric metric, Tags tags, GaugeValue value) {
    Gauge.builder(metric.meterName(), value, GaugeValue::get)
        .baseUnit(metric.baseUnit())
        .description(metric.description())
        .tags(tags)
        .strongReference(true)
        .register(registry);
  }

  private static double seconds(Duration duration) {
    return duration.toNanos() / 1e9;
  }

  private static void requireNonNegative(double value, String what) {
    if (!(value >= 0) || Double.isInfinite(value)) {
      throw new IllegalArgumentException("Invalid " + what + ": " + value);
    }
  }

  private static void requireNonNegative(Duration duration, String what) {
    if (duration == null || duration.isNegative()) {
      throw new IllegalArgumentException("Invalid " + what + ": " + duration);
    }
  }
}
