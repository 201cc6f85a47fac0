package io.nightscribe.batch.config;

import io.nightscribe.asr.NightscribeException;
import io.nightscribe.asr.audio.DecodeBudget;
import io.nightscribe.asr.storage.S3ClientSettings;
import io.nightscribe.registry.mlflow.MlflowClient;
import io.nightscribe.runs.TranscriptionRuns;
import io.nightscribe.scheduling.PipelineFirings;
import io.nightscribe.scheduling.ScaledClock;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Everything under {@code nightscribe.*}.
 *
 * @param home where the embedded ledger and caches live (default ~/.nightscribe)
 * @param workers engine workers per run (default: the number of cores)
 * @param modelCache where model packages are unpacked (default ~/.cache/nightscribe/models)
 * @param staleRunAfter a run on another host whose heartbeat is older than this is taken for dead
 *     and recovered by the next launch (on the same host a dead process is recognised at once)
 * @param mlflow the MLflow tracking server, if any
 * @param s3 how the S3 client retries and times out
 * @param gate what a challenger model must prove to replace the champion
 * @param scheduler how the scheduler service fires pipelines and takes backfills
 * @param health how the health checks run
 * @param spark how pipelines with {@code runner: spark} are submitted
 * @param decodeBudget what decoding one input may cost before it is quarantined
 * @param pipelines the declared pipelines by name
 */
@ConfigurationProperties("nightscribe")
public record NightscribeProperties(
    Path home,
    @DefaultValue("0") int workers,
    Path modelCache,
    @DefaultValue("1m") Duration staleRunAfter,
    @DefaultValue MlflowProperties mlflow,
    @DefaultValue S3Properties s3,
    @DefaultValue GateProperties gate,
    @DefaultValue SchedulerProperties scheduler,
    @DefaultValue HealthProperties health,
    @DefaultValue SparkSubmitProperties spark,
    @DefaultValue DecodeBudgetProperties decodeBudget,
    Map<String, PipelineProperties> pipelines) {

  private static final Duration MAX_HEARTBEAT_INTERVAL = Duration.ofSeconds(15);

  public NightscribeProperties {
    Path userHome = Path.of(System.getProperty("user.home"));
    home = home == null ? userHome.resolve(".nightscribe") : home;
    modelCache = modelCache == null ? userHome.resolve(".cache/nightscribe/models") : modelCache;
    pipelines = pipelines == null ? Map.of() : new TreeMap<>(pipelines);
  }

  /** How often a running job proves it is alive: well within {@link #staleRunAfter}. */
  public Duration heartbeatInterval() {
    Duration quarter = staleRunAfter.dividedBy(4);
    return quarter.compareTo(MAX_HEARTBEAT_INTERVAL) < 0 ? quarter : MAX_HEARTBEAT_INTERVAL;
  }

  /** How runs behave: when a silent run counts as dead, how often a live one says so. */
  public TranscriptionRuns.Settings runSettings() {
    return new TranscriptionRuns.Settings(staleRunAfter, heartbeatInterval());
  }

  /** Engine workers to use: the configured number, or one per core. */
  public int effectiveWorkers() {
    return workers > 0 ? workers : Runtime.getRuntime().availableProcessors();
  }

  /**
   * What decoding one input may cost (every pipeline of this process): past it the input is
   * quarantined with stage {@code too_large} or {@code timeout}.
   *
   * @param maxAudio the longest audio one input may hold, declared or decoded
   * @param timeFloor decoding time every input may take
   * @param timePerAudioMinute decoding time added per minute of audio
   */
  public record DecodeBudgetProperties(
      @DefaultValue("12h") Duration maxAudio,
      @DefaultValue("1m") Duration timeFloor,
      @DefaultValue("2s") Duration timePerAudioMinute) {

    public DecodeBudget budget() {
      return new DecodeBudget(maxAudio, timeFloor, timePerAudioMinute);
    }
  }

  /**
   * @param trackingUri the tracking server (http://host:port); empty turns MLflow off
   * @param token a bearer token, if the server wants one
   * @param timeout per request
   */
  public record MlflowProperties(
      @DefaultValue("") String trackingUri,
      @DefaultValue("") String token,
      @DefaultValue("10s") Duration timeout) {
    public boolean enabled() {
      return !trackingUri.isBlank();
    }

    /** A client of the configured tracking server, or empty when MLflow is off. */
    public Optional<MlflowClient> client() {
      return enabled()
          ? Optional.of(
              new MlflowClient(
                  URI.create(trackingUri), token.isBlank() ? null : token, timeout, timeout))
          : Optional.empty();
    }
  }

  /**
   * The S3 client's standard retry strategy and timeouts (environment: {@code
   * NIGHTSCRIBE_S3_MAX_ATTEMPTS}, ...).
   *
   * @param maxAttempts attempts per S3 call, the first included
   * @param baseDelay backoff before the first retry, doubled (with jitter) for each next one
   * @param maxBackoff the longest backoff
   * @param attemptTimeout the longest one attempt (or a silent socket) may take before it is
   *     retried
   */
  public record S3Properties(
      @DefaultValue("5") int maxAttempts,
      @DefaultValue("100ms") Duration baseDelay,
      @DefaultValue("20s") Duration maxBackoff,
      @DefaultValue("60s") Duration attemptTimeout) {

    /** The core's settings; invalid values are a configuration error naming the key. */
    public S3ClientSettings clientSettings() {
      try {
        return new S3ClientSettings(maxAttempts, baseDelay, maxBackoff, attemptTimeout);
      } catch (IllegalArgumentException e) {
        throw NightscribeException.configuration(
            e.getMessage() + " (fix nightscribe.s3.* in the configuration)", e);
      }
    }
  }

  /**
   * @param minImprovement how much lower (absolute) the challenger's WER must be: 0.005 is half a
   *     point
   * @param maxSliceRegression how much worse (absolute) any one slice may get
   * @param bootstrapSamples resamples behind the 95% interval of the WER difference
   * @param seed the resampling seed, recorded with every evaluation
   */
  public record GateProperties(
      @DefaultValue("0.005") double minImprovement,
      @DefaultValue("0.01") double maxSliceRegression,
      @DefaultValue("2000") int bootstrapSamples,
      @DefaultValue("20261126") long seed) {}

  /**
   * @param pollInterval how often each scheduled pipeline is looked at (wall clock): a night starts
   *     at most this long after its fire time, and queued backfills are taken as often
   * @param catchUpWindow fire times missed longer ago than this are not caught up after downtime (a
   *     backfill runs them)
   * @param threads Quartz worker threads per instance: nights of different pipelines and backfills
   *     run at once up to this many
   * @param concurrentBackfills backfills the whole cluster runs at once
   * @param rehearsal a faster schedule clock, to rehearse days of schedule in minutes
   */
  public record SchedulerProperties(
      @DefaultValue("30s") Duration pollInterval,
      @DefaultValue("7d") Duration catchUpWindow,
      @DefaultValue("4") int threads,
      @DefaultValue("1") int concurrentBackfills,
      @DefaultValue RehearsalProperties rehearsal) {
    public SchedulerProperties {
      if (threads < concurrentBackfills + 1) {
        throw new IllegalArgumentException(
            "nightscribe.scheduler.threads ("
                + threads
                + ") must exceed concurrent-backfills ("
                + concurrentBackfills
                + "), or no night could run while backfills do");
      }
      if (concurrentBackfills < 0) {
        throw new IllegalArgumentException(
            "nightscribe.scheduler.concurrent-backfills must be 0 or more");
      }
    }

    /**
     * How the scheduler fires, with the run settings it rests on.
     *
     * @param runs when a silent run counts as dead
     */
    public PipelineFirings.Settings firingSettings(TranscriptionRuns.Settings runs) {
      // a night is taken over only once the run it runs is surely stale too
      return new PipelineFirings.Settings(
          catchUpWindow, runs.staleRunAfter().plus(runs.heartbeatInterval().multipliedBy(2)));
    }
  }

  /**
   * Schedule time for rehearsals: at wall time {@code origin} the scheduler reads {@code startsAt},
   * and its time runs {@code speed} times faster. Every instance and command of one rehearsal needs
   * the same three values. Leave unset in production.
   *
   * @param speed schedule seconds per wall second (1: the wall clock)
   * @param origin the wall time the rehearsal starts at
   * @param startsAt the schedule time it starts at
   */
  public record RehearsalProperties(
      @DefaultValue("1") long speed, Instant origin, Instant startsAt) {

    /** The scheduler's clock: the wall clock unless a rehearsal is configured. */
    public Clock scheduleClock(Clock wall) {
      if (speed == 1 && origin == null && startsAt == null) {
        return wall;
      }
      if (origin == null || startsAt == null || speed < 1) {
        throw NightscribeException.configuration(
            "Invalid rehearsal clock: set nightscribe.scheduler.rehearsal.origin and starts-at"
                + " (instants) and a speed of 1 or more, or none of them");
      }
      return new ScaledClock(wall, origin, startsAt, speed);
    }
  }

  /**
   * @param deadline how long each health check may take before its dependency counts as down
   * @param refreshAfter how long the service reuses a full report (a model load per pipeline is too
   *     heavy for every probe); the ledger, which readiness rests on, is checked every time
   */
  public record HealthProperties(
      @DefaultValue("10s") Duration deadline, @DefaultValue("1m") Duration refreshAfter) {}
}
