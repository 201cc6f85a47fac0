package io.nightscribe.batch.spark;

import io.nightscribe.asr.NightscribeException;
import io.nightscribe.monitoring.push.PushTarget;
import io.nightscribe.runs.drift.DriftPolicies;
import io.nightscribe.runs.drift.DriftPolicy;
import io.nightscribe.runs.ledger.RunLedger;
import io.nightscribe.runs.ledger.RunRow;
import io.nightscribe.runs.partition.PartitionRequest;
import io.nightscribe.runs.partition.PartitionRequestJson;
import io.nightscribe.runs.partition.PartitionResult;
import io.nightscribe.runs.partition.PartitionRunner;
import io.nightscribe.runs.partition.PartitionState;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs a partition on a Spark cluster: submits the nightscribe Spark application in client mode
 * (its driver is a child of this process, so the night's exit code and logs are this process's) and
 * waits for it. The driver plans, records and finishes the run through the same run core and ledger
 * as the in-process job, so either finds complete what the other finished and a replay by either
 * says IDENTICAL; it pushes the night's metrics where this process would and judges its drift by
 * the pipeline's policy. Secrets never appear on a command line: the ledger password, MLflow token
 * and Pushgateway credentials go to the driver in its environment, the object store's credentials
 * to the executors in a properties file only this user can read. Thread-safe.
 */
public final class SparkSubmitter implements PartitionRunner {
  private static final Logger log = LoggerFactory.getLogger(SparkSubmitter.class);
  private static final String APPLICATION_MAIN = "io.nightscribe.spark.SparkNight";
  private static final String LEDGER_PASSWORD_ENV = "NIGHTSCRIBE_LEDGER_PASSWORD";
  private static final String MLFLOW_TOKEN_ENV = "NIGHTSCRIBE_MLFLOW_TOKEN";
  private static final String PUSHGATEWAY_PASSWORD_ENV = "NIGHTSCRIBE_PUSHGATEWAY_PASSWORD";
  private static final String PUSHGATEWAY_TOKEN_ENV = "NIGHTSCRIBE_PUSHGATEWAY_TOKEN";
  private static final int TAIL_LINES = 40;

  /** What executors need to reach the object store, passed on when this process has it. */
  private static final List<String> EXECUTOR_ENVIRONMENT =
      List.of(
          "AWS_ACCESS_KEY_ID",
          "AWS_SECRET_ACCESS_KEY",
          "AWS_SESSION_TOKEN",
          "AWS_REGION",
          "AWS_DEFAULT_REGION",
          "AWS_ENDPOINT_URL",
          "AWS_ENDPOINT_URL_S3",
          "AWS_S3_FORCE_PATH_STYLE");

  private final SparkInstallation installation;
  private final SparkResources resources;
  private final DriverSettings driver;
  private final RunLedger ledger;
  private final PartitionRunner states;
  private final Map<String, String> environment;
  private final JsonMapper json;
  private final PrintStream console;

  /**
   * What the driver connects to and how it behaves.
   *
   * @param ledgerUrl the ledger's JDBC URL: one another process can open
   * @param ledgerUser its user, if any
   * @param ledgerPassword its password, if any
   * @param mlflowTrackingUri the tracking server, if MLflow is on
   * @param mlflowToken its token, if any
   * @param modelCache where the driver and executors unpack model packages
   * @param staleRunAfter when a silent run counts as dead
   * @param executorWait how long the driver waits for executors before giving up
   * @param driverMemory the driver's heap, in Spark's notation
   * @param metrics the Pushgateway the driver pushes each night's metrics to, empty when none is
   * @param driftPolicies each pipeline's drift thresholds and baseline, of which the driver gets
   *     its partition's
   */
  public record DriverSettings(
      String ledgerUrl,
      Optional<String> ledgerUser,
      Optional<String> ledgerPassword,
      Optional<String> mlflowTrackingUri,
      Optional<String> mlflowToken,
      Path modelCache,
      Duration staleRunAfter,
      Duration executorWait,
      String driverMemory,
      Optional<PushTarget> metrics,
      DriftPolicies driftPolicies) {
    public DriverSettings {
      Objects.requireNonNull(metrics, "metrics");
      Objects.requireNonNull(driftPolicies, "driftPolicies");
      if (ledgerUrl.startsWith("jdbc:h2:file:") && !ledgerUrl.contains("AUTO_SERVER=TRUE")) {
        throw NightscribeException.configuration(
            "Cannot run on Spark with the embedded H2 ledger: the Spark driver is another process"
                + " and cannot open it (set spring.datasource.url to PostgreSQL, or add"
                + " ;AUTO_SERVER=TRUE to the H2 URL for a trial on one machine)");
      }
    }
  }

  /**
   * @param states what answers {@link #state}: the ledger's view, the same for every runner
   * @param environment this process's environment, from which executors get the object store's
   *     settings
   * @param console where the driver's log lines go (standard error)
   */
  public SparkSubmitter(
      SparkInstallation installation,
      SparkResources resources,
      DriverSettings driver,
      RunLedger ledger,
      PartitionRunner states,
      Map<String, String> environment,
      JsonMapper json,
      PrintStream console) {
    this.installation = installation;
    this.resources = resources;
    this.driver = driver;
    this.ledger = ledger;
    this.states = states;
    this.environment = Map.copyOf(environment);
    this.json = json;
    this.console = console;
  }

  @Override
  public PartitionResult run(PartitionRequest request) {
    Path work = createWorkDir();
    try {
      Path partition = work.resolve("partition.json");
      Path summary = work.resolve("summary.json");
      Files.writeString(partition, new PartitionRequestJson(json).write(request));
      Path properties = writeProperties(work.resolve("spark.properties"), request);
      List<String> command = command(request, partition, properties, summary);
      log.info(
          "Submitting {} to Spark {} ({} executors x {} cores, {} GPUs each)",
          request.displayName(),
          resources.master().isEmpty() ? "(spark-defaults.conf)" : resources.master(),
          resources.executors(),
          resources.executorCores(),
          resources.gpusPerExecutor());
      return result(request, submit(command, request), summary);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot prepare the Spark submission in " + work, e);
    } finally {
      deleteQuietly(work);
    }
  }

  @Override
  public PartitionState state(PartitionRequest request) {
    return states.state(request);
  }

  /** The whole command line for {@code request}: nothing secret in it. */
  List<String> command(PartitionRequest request, Path partition, Path properties, Path summary) {
    List<String> command = new ArrayList<>(installation.submitCommand(driver.driverMemory()));
    if (!resources.master().isEmpty()) {
      command.addAll(List.of("--master", resources.master()));
    }
    command.addAll(
        List.of(
            "--deploy-mode",
            "client",
            "--extra-properties-file",
            properties.toString(),
            "--class",
            APPLICATION_MAIN,
            installation.application().toString(),
            "--partition",
            partition.toString(),
            "--ledger-url",
            driver.ledgerUrl(),
            "--model-cache",
            driver.modelCache().toString(),
            "--stale-run-after",
            Long.toString(driver.staleRunAfter().toSeconds()),
            "--executor-wait",
            Long.toString(driver.executorWait().toSeconds()),
            "--summary",
            summary.toString()));
    driver.ledgerUser().ifPresent(user -> command.addAll(List.of("--ledger-user", user)));
    driver.mlflowTrackingUri().ifPresent(uri -> command.addAll(List.of("--mlflow", uri)));
    driver.metrics().ifPresent(target -> command.addAll(pushArguments(target)));
    command.addAll(driftArguments(driver.driftPolicies().of(request.pipeline())));
    return command;
  }

  /** Where and how the driver pushes; the password or token go in its environment instead. */
  private static List<String> pushArguments(PushTarget target) {
    List<String> arguments =
        new ArrayList<>(
            List.of(
                "--pushgateway",
                target.baseUri().toString(),
                "--pushgateway-job",
                target.job(),
                "--push-interval-millis",
                Long.toString(target.pushInterval().toMillis())));
    target
        .groupingKey()
        .forEach(
            (label, value) ->
                arguments.addAll(List.of("--pushgateway-grouping-key", label + "=" + value)));
    target
        .basicAuth()
        .ifPresent(auth -> arguments.addAll(List.of("--pushgateway-user", auth.username())));
    return arguments;
  }

  /** Doubles in their shortest exact form, so the driver judges with the very same thresholds. */
  private static List<String> driftArguments(DriftPolicy policy) {
    return List.of(
        "--drift-warn",
        Double.toString(policy.thresholds().warn()),
        "--drift-alert",
        Double.toString(policy.thresholds().alert()),
        "--drift-retrain",
        Double.toString(policy.thresholds().retrain()),
        "--drift-baseline-nights",
        Integer.toString(policy.baselineNights()));
  }

  /** The application's Spark settings; the pipeline's own {@code conf} last, so it wins. */
  Map<String, String> settings(PartitionRequest request) {
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("spark.app.name", "nightscribe " + request.displayName());
    settings.put("spark.ui.showConsoleProgress", "false");
    settings.put("spark.executor.extraClassPath", installation.executorClasspath());
    settings.put("spark.driver.memory", driver.driverMemory());
    settings.putAll(resources.executorSettings());
    settings.put("spark.nightscribe.executors", String.valueOf(resources.executors()));
    for (String name : EXECUTOR_ENVIRONMENT) {
      String value = environment.get(name);
      if (value != null && !value.isBlank()) {
        settings.put("spark.executorEnv." + name, value);
      }
    }
    settings.putAll(resources.conf());
    return settings;
  }

  private Path writeProperties(Path file, PartitionRequest request) throws IOException {
    Properties properties = new Properties();
    properties.putAll(settings(request));
    Files.createFile(
        file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    try (var out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      properties.store(out, "nightscribe " + request.displayName());
    }
    return file;
  }

  /** How the driver ended: its exit code and the line that says why. */
  private record DriverExit(int code, String lastLine) {}

  private DriverExit submit(List<String> command, PartitionRequest request) throws IOException {
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    Map<String, String> childEnvironment = builder.environment();
    childEnvironment.putAll(installation.environment());
    putSecrets(childEnvironment);
    Process process = builder.start();
    // a nightscribe stopped by a signal stops its driver, which leaves the run to be resumed
    Thread stopDriver = new Thread(process::destroy, "nightscribe-stop-spark-driver");
    Runtime.getRuntime().addShutdownHook(stopDriver);
    Deque<String> tail = new ArrayDeque<>();
    try (BufferedReader output =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = output.readLine(); line != null; line = output.readLine()) {
        console.println(line);
        tail.addLast(line);
        if (tail.size() > TAIL_LINES) {
          tail.removeFirst();
        }
      }
      return new DriverExit(process.waitFor(), lastLine(tail));
    } catch (InterruptedException e) {
      process.destroy();
      Thread.currentThread().interrupt();
      throw NightscribeException.internal(
          "Interrupted waiting for the Spark driver of " + request.displayName(), e);
    } finally {
      try {
        Runtime.getRuntime().removeShutdownHook(stopDriver);
      } catch (IllegalStateException shuttingDown) {
        // the hook is running: it stops the driver
      }
    }
  }

  /**
   * The driver's secrets, as the environment variables it reads; those of the Pushgateway only as
   * configured here, never inherited (a stray token beside a password would make the driver refuse
   * both).
   */
  void putSecrets(Map<String, String> childEnvironment) {
    driver
        .ledgerPassword()
        .ifPresent(password -> childEnvironment.put(LEDGER_PASSWORD_ENV, password));
    driver.mlflowToken().ifPresent(token -> childEnvironment.put(MLFLOW_TOKEN_ENV, token));
    childEnvironment.remove(PUSHGATEWAY_PASSWORD_ENV);
    childEnvironment.remove(PUSHGATEWAY_TOKEN_ENV);
    driver
        .metrics()
        .ifPresent(
            target -> {
              target
                  .basicAuth()
                  .ifPresent(
                      auth -> childEnvironment.put(PUSHGATEWAY_PASSWORD_ENV, auth.password()));
              target
                  .bearerToken()
                  .ifPresent(token -> childEnvironment.put(PUSHGATEWAY_TOKEN_ENV, token));
            });
  }

  private PartitionResult result(PartitionRequest request, DriverExit exit, Path summary)
      throws IOException {
    if (exit.code() == 0 || exit.code() == 3) {
      JsonNode outcome = json.readTree(Files.readString(summary));
      String runId = outcome.get("runId").asString();
      RunRow run =
          ledger
              .run(runId)
              .orElseThrow(
                  () ->
                      NightscribeException.internal(
                          "The Spark driver reported run " + runId + ", which the ledger lacks",
                          null));
      return outcome.get("alreadyDone").asBoolean()
          ? PartitionResult.alreadyDone(run)
          : PartitionResult.finished(run);
    }
    String reason = exit.lastLine().replaceFirst("^nightscribe spark: ", "");
    String message =
        "Spark run of "
            + request.displayName()
            + " failed (driver exit "
            + exit.code()
            + "): "
            + (reason.isBlank() ? "see the driver's log above" : reason);
    throw exit.code() == 2
        ? NightscribeException.configuration(reason.isBlank() ? message : reason)
        : NightscribeException.transientFailure(message, null);
  }

  private static String lastLine(Deque<String> tail) {
    return tail.stream()
        .filter(line -> line.startsWith("nightscribe spark: "))
        .reduce((first, second) -> second)
        .orElse(tail.isEmpty() ? "" : tail.getLast());
  }

  private static Path createWorkDir() {
    try {
      return Files.createTempDirectory(
          "nightscribe-spark-",
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create a temp dir for the Spark submission", e);
    }
  }

  private static void deleteQuietly(Path dir) {
    try (var files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      log.debug("Cannot delete {}", dir, e);
    }
  }
}
