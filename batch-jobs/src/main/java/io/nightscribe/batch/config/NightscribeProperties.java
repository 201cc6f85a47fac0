package io.nightscribe.batch.config;

import io.nightscribe.registry.mlflow.MlflowClient;
import io.nightscribe.runs.TranscriptionRuns;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
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
 * @param gate what a challenger model must prove to replace the champion
 * @param pipelines the declared pipelines by name
 */
@ConfigurationProperties("nightscribe")
public record NightscribeProperties(
    Path home,
    @DefaultValue("0") int workers,
    Path modelCache,
    @DefaultValue("1m") Duration staleRunAfter,
    @DefaultValue MlflowProperties mlflow,
    @DefaultValue GateProperties gate,
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
}
