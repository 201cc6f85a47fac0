package io.nightscribe.spark;

import io.nightscribe.asr.model.BuiltinModels;
import io.nightscribe.monitoring.drift.DriftThresholds;
import io.nightscribe.monitoring.push.PushTarget;
import io.nightscribe.runs.drift.DriftPolicy;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The Spark driver's command line, as {@code nightscribe transcribe --runner spark} writes it.
 * Secrets never travel as arguments: the ledger password comes from {@value #LEDGER_PASSWORD_ENV},
 * the MLflow token from {@value #MLFLOW_TOKEN_ENV}, the Pushgateway's password from {@value
 * #PUSHGATEWAY_PASSWORD_ENV} and its token from {@value #PUSHGATEWAY_TOKEN_ENV}.
 *
 * @param partition the file holding the partition request (JSON)
 * @param ledgerUrl the ledger's JDBC URL
 * @param ledgerUser its user, or empty
 * @param mlflowTrackingUri the tracking server, or empty when MLflow is off
 * @param modelCache the driver's model cache
 * @param executorModelCache the executors' model cache
 * @param decodeThreads decoder threads per task
 * @param partitionsPerSlot Spark partitions per task slot: more balance late-finishing work
 * @param executorWait how long to wait for executors before giving up with a clear error
 * @param staleRunAfter a run whose heartbeat is older than this is taken for dead
 * @param summary where to write the outcome (JSON), or empty for standard output
 * @param metrics the Pushgateway the night pushes its metrics to, or empty
 * @param drift the drift policy of the partition's pipeline
 */
record SparkNightOptions(
    Path partition,
    String ledgerUrl,
    Optional<String> ledgerUser,
    Optional<String> mlflowTrackingUri,
    Path modelCache,
    String executorModelCache,
    int decodeThreads,
    int partitionsPerSlot,
    Duration executorWait,
    Duration staleRunAfter,
    Optional<Path> summary,
    Optional<PushTarget> metrics,
    DriftPolicy drift) {
  static final String LEDGER_PASSWORD_ENV = "NIGHTSCRIBE_LEDGER_PASSWORD";
  static final String MLFLOW_TOKEN_ENV = "NIGHTSCRIBE_MLFLOW_TOKEN";
  static final String PUSHGATEWAY_PASSWORD_ENV = "NIGHTSCRIBE_PUSHGATEWAY_PASSWORD";
  static final String PUSHGATEWAY_TOKEN_ENV = "NIGHTSCRIBE_PUSHGATEWAY_TOKEN";

  /** How many executors the submitter asked for: the driver waits for them before it plans. */
  static final String EXECUTORS_CONF = "spark.nightscribe.executors";

  static final String USAGE =
      "usage: SparkNight --partition FILE --ledger-url JDBC_URL [--ledger-user USER] [--mlflow URI]"
          + " [--model-cache DIR] [--executor-model-cache DIR] [--decode-threads N]"
          + " [--partitions-per-slot N] [--executor-wait SECONDS] [--stale-run-after SECONDS]"
          + " [--summary FILE] [--pushgateway URI [--pushgateway-job JOB]"
          + " [--pushgateway-grouping-key LABEL=VALUE]... [--pushgateway-user USER]"
          + " [--push-interval-millis N]] [--drift-warn SCORE] [--drift-alert SCORE]"
          + " [--drift-retrain SCORE] [--drift-baseline-nights N]";

  SparkNightOptions {
    Objects.requireNonNull(partition, "partition");
    Objects.requireNonNull(ledgerUrl, "ledgerUrl");
    Objects.requireNonNull(metrics, "metrics");
    Objects.requireNonNull(drift, "drift");
    if (decodeThreads < 1 || partitionsPerSlot < 1) {
      throw new IllegalArgumentException(
          "Invalid --decode-threads or --partitions-per-slot: at least 1");
    }
  }

  /** How often the driver proves the run is alive: well within the stale limit. */
  Duration heartbeatInterval() {
    Duration quarter = staleRunAfter.dividedBy(4);
    return quarter.compareTo(Duration.ofSeconds(15)) < 0 ? quarter : Duration.ofSeconds(15);
  }

  /**
   * @param environment the driver's environment, for the secrets that never travel as arguments
   * @throws IllegalArgumentException naming the wrong or missing argument
   */
  static SparkNightOptions parse(Map<String, String> environment, String... args) {
    Path partition = null;
    String ledgerUrl = null;
    String ledgerUser = null;
    String mlflow = null;
    Path modelCache = BuiltinModels.defaultCacheRoot();
    String executorModelCache = null;
    int decodeThreads = 1;
    int partitionsPerSlot = 2;
    Duration executorWait = Duration.ofMinutes(2);
    Duration staleRunAfter = Duration.ofMinutes(1);
    Path summary = null;
    URI pushgateway = null;
    String pushJob = PushTarget.DEFAULT_JOB;
    Map<String, String> groupingKey = new LinkedHashMap<>();
    String pushUser = null;
    Duration pushInterval = Duration.ofMinutes(1);
    double warn = DriftThresholds.DEFAULTS.warn();
    double alert = DriftThresholds.DEFAULTS.alert();
    double retrain = DriftThresholds.DEFAULTS.retrain();
    int baselineNights = DriftPolicy.DEFAULT.baselineNights();
    for (int i = 0; i < args.length; i++) {
      String option = args[i];
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException("Missing value of " + option + "; " + USAGE);
      }
      String value = args[++i];
      switch (option) {
        case "--partition" -> partition = Path.of(value);
        case "--ledger-url" -> ledgerUrl = value;
        case "--ledger-user" -> ledgerUser = value;
        case "--mlflow" -> mlflow = value;
        case "--model-cache" -> modelCache = Path.of(value);
        case "--executor-model-cache" -> executorModelCache = value;
        case "--decode-threads" -> decodeThreads = Integer.parseInt(value);
        case "--partitions-per-slot" -> partitionsPerSlot = Integer.parseInt(value);
        case "--executor-wait" -> executorWait = Duration.ofSeconds(Long.parseLong(value));
        case "--stale-run-after" -> staleRunAfter = Duration.ofSeconds(Long.parseLong(value));
        case "--summary" -> summary = Path.of(value);
        case "--pushgateway" -> pushgateway = URI.create(value);
        case "--pushgateway-job" -> pushJob = value;
        case "--pushgateway-grouping-key" -> putLabel(groupingKey, value);
        case "--pushgateway-user" -> pushUser = value;
        case "--push-interval-millis" -> pushInterval = Duration.ofMillis(Long.parseLong(value));
        case "--drift-warn" -> warn = Double.parseDouble(value);
        case "--drift-alert" -> alert = Double.parseDouble(value);
        case "--drift-retrain" -> retrain = Double.parseDouble(value);
        case "--drift-baseline-nights" -> baselineNights = Integer.parseInt(value);
        default -> throw new IllegalArgumentException("Unknown option " + option + "; " + USAGE);
      }
    }
    if (partition == null || ledgerUrl == null) {
      throw new IllegalArgumentException("Missing --partition or --ledger-url; " + USAGE);
    }
    return new SparkNightOptions(
        partition,
        ledgerUrl,
        Optional.ofNullable(ledgerUser),
        Optional.ofNullable(mlflow),
        modelCache,
        executorModelCache != null ? executorModelCache : modelCache.toString(),
        decodeThreads,
        partitionsPerSlot,
        executorWait,
        staleRunAfter,
        Optional.ofNullable(summary),
        pushgateway == null
            ? Optional.empty()
            : Optional.of(
                pushTarget(pushgateway, pushJob, groupingKey, pushUser, pushInterval, environment)),
        new DriftPolicy(new DriftThresholds(warn, alert, retrain), baselineNights));
  }

  private static void putLabel(Map<String, String> groupingKey, String labelIsValue) {
    int equals = labelIsValue.indexOf('=');
    if (equals < 1) {
      throw new IllegalArgumentException(
          "Invalid --pushgateway-grouping-key " + labelIsValue + ": give LABEL=VALUE");
    }
    groupingKey.put(labelIsValue.substring(0, equals), labelIsValue.substring(equals + 1));
  }

  /** As the submitter had it, the password or token from the environment. */
  private static PushTarget pushTarget(
      URI pushgateway,
      String job,
      Map<String, String> groupingKey,
      String user,
      Duration pushInterval,
      Map<String, String> environment) {
    return new PushTarget(
        pushgateway,
        job,
        groupingKey,
        Optional.ofNullable(user)
            .map(
                name ->
                    new PushTarget.BasicAuth(
                        name, environment.getOrDefault(PUSHGATEWAY_PASSWORD_ENV, ""))),
        Optional.ofNullable(environment.get(PUSHGATEWAY_TOKEN_ENV)).filter(t -> !t.isEmpty()),
        pushInterval);
  }
}
