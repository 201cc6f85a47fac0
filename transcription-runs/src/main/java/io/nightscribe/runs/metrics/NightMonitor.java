package io.nightscribe.runs.metrics;

import io.nightscribe.monitoring.Dependency;
import io.nightscribe.monitoring.RunLabels;
import io.nightscribe.monitoring.Runner;
import io.nightscribe.monitoring.drift.DriftKind;
import io.nightscribe.monitoring.drift.DriftLevel;
import io.nightscribe.monitoring.push.Pushgateway;
import io.nightscribe.runs.ledger.JobKind;
import io.nightscribe.runs.ledger.RunRow;
import io.nightscribe.runs.partition.PartitionRequest;
import io.nightscribe.runs.partition.ResolvedPartition;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Watches the nights this process runs and pushes each one's metrics to the Pushgateway, as
 * docs/monitoring.md says: a {@code PUT} of the night's registry to the group {@code job/pipeline}
 * when it begins (before any object is touched), every push interval while it runs, and when it
 * ends (after run.json is written, with its totals, retries and drift; also when it fails). Every
 * push carries the pipeline's last success and failure from the ledger and its MLflow outbox depth,
 * because a PUT replaces the whole group.
 *
 * <p>Backfill runs are watched but never pushed: two of them at once would overwrite each other's
 * group (the contract's open point). Without a Pushgateway nothing is pushed at all. A push that
 * fails, or a ledger query for it that fails, is logged and never fails the night. Thread-safe;
 * {@link #close} stops the periodic pushes.
 */
public final class NightMonitor implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(NightMonitor.class);

  private final Optional<Pushgateway> gateway;
  private final PipelineFacts facts;
  private final Clock clock;
  private final JsonMapper json;
  private final Map<String, Watched> nights = new ConcurrentHashMap<>();
  private final Optional<ScheduledExecutorService> ticker;

  /**
   * @param gateway where nights push, empty when metrics are not pushed
   */
  public NightMonitor(
      Optional<Pushgateway> gateway, PipelineFacts facts, Clock clock, JsonMapper json) {
    this.gateway = gateway;
    this.facts = facts;
    this.clock = clock;
    this.json = json;
    this.ticker =
        gateway.map(
            unused ->
                Executors.newSingleThreadScheduledExecutor(
                    task -> {
                      Thread thread = new Thread(task, "nightscribe-metrics-push");
                      thread.setDaemon(true);
                      return thread;
                    }));
  }

  /** A night and whether, and how often, it pushes. */
  private record Watched(NightWatch watch, boolean pushes, Optional<ScheduledFuture<?>> ticks) {}

  /**
   * Starts watching the night of {@code partition}, run by {@code runner}, and makes its first
   * push.
   */
  public NightWatch begin(ResolvedPartition partition, Runner runner) {
    PartitionRequest request = partition.request();
    NightWatch watch =
        new NightWatch(
            new RunLabels(
                request.pipeline(), partition.model().name(), partition.model().version(), runner));
    boolean pushes = gateway.isPresent() && request.jobKind() != JobKind.BACKFILL;
    Optional<ScheduledFuture<?>> ticks = Optional.empty();
    if (pushes) {
      push(watch, Optional.empty());
      long every = gateway.get().target().pushInterval().toMillis();
      ticks =
          ticker.map(
              t ->
                  t.scheduleAtFixedRate(
                      () -> push(watch, Optional.empty()), every, every, TimeUnit.MILLISECONDS));
    }
    Watched previous = nights.put(partition.key(), new Watched(watch, pushes, ticks));
    if (previous != null) {
      previous.ticks().ifPresent(tick -> tick.cancel(false));
    }
    return watch;
  }

  /**
   * The watch of the night of {@code partition} begun in this process; one nobody pushes when none
   * was begun (a step run on its own).
   */
  public NightWatch watch(ResolvedPartition partition, Runner runner) {
    Watched watched = nights.get(partition.key());
    return watched != null
        ? watched.watch()
        : new NightWatch(
            new RunLabels(
                partition.request().pipeline(),
                partition.model().name(),
                partition.model().version(),
                runner));
  }

  /**
   * The night of {@code partition} ended with {@code finished} (run.json written): its final push
   * carries run.json's audio and wall seconds.
   */
  public void finished(ResolvedPartition partition, RunRow finished) {
    end(partition, Optional.of(finished));
  }

  /** The night of {@code partition} failed: its final push carries this failure. */
  public void failed(ResolvedPartition partition) {
    end(partition, Optional.empty());
  }

  private void end(ResolvedPartition partition, Optional<RunRow> finished) {
    Watched watched = nights.remove(partition.key());
    if (watched == null) {
      return;
    }
    watched.ticks().ifPresent(tick -> tick.cancel(false));
    NightWatch watch = watched.watch();
    Optional<String> record = finished.flatMap(RunRow::runRecord);
    record.ifPresent(text -> endFrom(watch, text));
    if (watched.pushes()) {
      push(watch, record.isPresent() ? Optional.empty() : Optional.of(clock.instant()));
    }
  }

  /**
   * run.json's totals (all attempts of a resumed night) end the night: audio and wall seconds,
   * retries, and each kind of drift that was measured.
   */
  private void endFrom(NightWatch watch, String runJson) {
    try {
      JsonNode record = json.readTree(runJson);
      JsonNode metrics = record.path("metrics");
      watch.ended(
          metrics.path("audioSeconds").asDouble(),
          Duration.ofNanos(Math.round(metrics.path("wallSeconds").asDouble() * 1e9)));
      for (Dependency dependency : Dependency.values()) {
        watch
            .metrics()
            .retried(dependency, record.path("retries").path(dependency.label()).asLong());
      }
      for (DriftKind kind : DriftKind.values()) {
        JsonNode drift = record.path("drift").path(kind.label());
        if (drift.path("score").isNumber()) {
          watch
              .metrics()
              .drift(
                  kind,
                  drift.path("score").asDouble(),
                  DriftLevel.valueOf(drift.path("level").asString().toUpperCase(Locale.ROOT)));
        }
      }
    } catch (RuntimeException e) {
      log.warn("Cannot read the night's totals from run.json for its metrics: {}", e.toString());
    }
  }

  /** Pushes the night's metrics, {@code failedAt} the night's failure if it just failed. */
  private void push(NightWatch watch, Optional<Instant> failedAt) {
    try {
      withLedger(watch, failedAt);
      gateway.get().put(watch.labels().pipeline(), watch.scrape());
    } catch (RuntimeException e) {
      // a periodic push that threw would stop the pushes that follow it
      log.warn("Cannot push pipeline {}'s metrics: {}", watch.labels().pipeline(), e.toString());
    }
  }

  /**
   * Sets the pipeline-level gauges from the ledger; {@code failedAt} is this night's failure, which
   * the ledger may not show yet.
   */
  private void withLedger(NightWatch watch, Optional<Instant> failedAt) {
    String pipeline = watch.labels().pipeline();
    try {
      facts.report(pipeline, watch.metrics().pipeline(), failedAt);
    } catch (RuntimeException e) {
      log.warn(
          "Cannot read pipeline {}'s last success, failure and MLflow outbox from the ledger for"
              + " its metrics: {} (pushing without them)",
          pipeline,
          e.toString());
    }
  }

  @Override
  public void close() {
    ticker.ifPresent(ScheduledExecutorService::shutdownNow);
  }
}
