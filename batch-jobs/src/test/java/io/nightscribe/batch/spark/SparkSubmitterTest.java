package io.nightscribe.batch.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nightscribe.asr.engine.DecodingSettings;
import io.nightscribe.asr.storage.StorageUri;
import io.nightscribe.monitoring.drift.DriftThresholds;
import io.nightscribe.monitoring.push.PushTarget;
import io.nightscribe.runs.drift.DriftPolicies;
import io.nightscribe.runs.drift.DriftPolicy;
import io.nightscribe.runs.ledger.JobKind;
import io.nightscribe.runs.partition.PartitionRequest;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class SparkSubmitterTest {
  private static final SparkInstallation WITHOUT_DISTRIBUTION =
      new SparkInstallation(
          Optional.empty(),
          Path.of("/app/spark-inference.jar"),
          List.of(Path.of("/app/lib/runs.jar"), Path.of("/app/lib/vosk.jar")),
          List.of(Path.of("/spark/spark-core.jar")),
          Path.of("/jdk/bin/java"));
  private static final SparkResources GPUS =
      new SparkResources(
          "spark://gpu-master:7077",
          4,
          2,
          "8g",
          2,
          0.5,
          Map.of("spark.speculation", "true", "spark.executor.memory", "10g"));
  private static final SparkSubmitter.DriverSettings DRIVER =
      new SparkSubmitter.DriverSettings(
          "jdbc:postgresql://db:5432/nightscribe",
          Optional.of("nightscribe"),
          Optional.of("ledger-secret"),
          Optional.of("http://mlflow:5000"),
          Optional.of("mlflow-secret"),
          Path.of("/cache/models"),
          Duration.ofMinutes(1),
          Duration.ofMinutes(2),
          "2g",
          Optional.empty(),
          DriftPolicies.DEFAULTS);
  private static final PartitionRequest ADHOC =
      PartitionRequest.adhoc(
          StorageUri.parse("s3://raw/in/"),
          StorageUri.parse("s3://out/"),
          "builtin:vosk-model-small-en-us",
          DecodingSettings.DEFAULTS);
  private static final PartitionRequest CALLS_NIGHT =
      new PartitionRequest(
          JobKind.NIGHTLY,
          "calls",
          Optional.of(LocalDate.parse("2026-11-21")),
          StorageUri.parse("s3://raw/calls/2026/11/21/"),
          StorageUri.parse("s3://out/calls/date=2026-11-21/"),
          StorageUri.parse("s3://out/"),
          "builtin:vosk-model-small-en-us",
          DecodingSettings.DEFAULTS,
          Optional.empty(),
          false);
  private static final Path PARTITION = Path.of("/w/partition.json");
  private static final Path PROPERTIES = Path.of("/w/spark.properties");
  private static final Path SUMMARY = Path.of("/w/summary.json");

  private final SparkSubmitter submitter = submitter(DRIVER);

  @Test
  void withoutADistributionSparkSubmitRunsOnTheBuildsSparkJarsWithSparksJvmOptions() {
    List<String> command = submitter.command(ADHOC, PARTITION, PROPERTIES, SUMMARY);

    assertThat(command.get(0)).isEqualTo("/jdk/bin/java");
    assertThat(command).contains("--add-opens=java.base/sun.nio.ch=ALL-UNNAMED", "-Xmx2g");
    assertThat(command)
        .containsSubsequence(
            "-cp",
            "/spark/spark-core.jar:/app/spark-inference.jar:/app/lib/runs.jar:/app/lib/vosk.jar",
            "org.apache.spark.deploy.SparkSubmit",
            "--master",
            "spark://gpu-master:7077",
            "--deploy-mode",
            "client",
            "--extra-properties-file",
            "/w/spark.properties",
            "--class",
            "io.nightscribe.spark.SparkNight",
            "/app/spark-inference.jar",
            "--partition",
            "/w/partition.json",
            "--ledger-url",
            "jdbc:postgresql://db:5432/nightscribe");
    assertThat(command).containsSubsequence("--ledger-user", "nightscribe");
    assertThat(command).containsSubsequence("--mlflow", "http://mlflow:5000");
    assertThat(String.join(" ", command))
        .doesNotContain("ledger-secret")
        .doesNotContain("mlflow-secret")
        .doesNotContain("aws-secret");
    assertThat(command).doesNotContain("--pushgateway");
  }

  @Test
  void thePushgatewayAndThePipelinesDriftPolicyTravelAsOptionsTheirSecretsInTheEnvironment() {
    PushTarget gateway =
        new PushTarget(
            URI.create("https://pushgateway.monitoring:9091"),
            "nightscribe-eu",
            Map.of("cluster", "eu-1", "tier", "gpu"),
            Optional.of(new PushTarget.BasicAuth("pusher", "push-secret")),
            Optional.empty(),
            Duration.ofMillis(1500));
    DriftPolicy calls = new DriftPolicy(new DriftThresholds(0.05, 0.3, 0.9), 3);
    SparkSubmitter pushing =
        submitter(
            withMetrics(
                Optional.of(gateway),
                pipeline -> pipeline.equals("calls") ? calls : DriftPolicy.DEFAULT));

    List<String> command = pushing.command(CALLS_NIGHT, PARTITION, PROPERTIES, SUMMARY);

    assertThat(command)
        .containsSubsequence(
            "--pushgateway",
            "https://pushgateway.monitoring:9091",
            "--pushgateway-job",
            "nightscribe-eu",
            "--push-interval-millis",
            "1500");
    assertThat(command).containsSubsequence("--pushgateway-grouping-key", "cluster=eu-1");
    assertThat(command).containsSubsequence("--pushgateway-grouping-key", "tier=gpu");
    assertThat(command).containsSubsequence("--pushgateway-user", "pusher");
    assertThat(command)
        .containsSubsequence(
            "--drift-warn",
            "0.05",
            "--drift-alert",
            "0.3",
            "--drift-retrain",
            "0.9",
            "--drift-baseline-nights",
            "3");
    assertThat(String.join(" ", command)).doesNotContain("push-secret");
    // an ad-hoc run is no declared pipeline: the default policy
    assertThat(pushing.command(ADHOC, PARTITION, PROPERTIES, SUMMARY))
        .containsSubsequence(
            "--drift-warn",
            "0.1",
            "--drift-alert",
            "0.25",
            "--drift-retrain",
            "0.5",
            "--drift-baseline-nights",
            "7");

    // a token left in this process's environment must not reach a driver that has a password
    Map<String, String> environment = new HashMap<>();
    environment.put("NIGHTSCRIBE_PUSHGATEWAY_TOKEN", "stray-token");
    pushing.putSecrets(environment);
    assertThat(environment)
        .containsEntry("NIGHTSCRIBE_PUSHGATEWAY_PASSWORD", "push-secret")
        .containsEntry("NIGHTSCRIBE_LEDGER_PASSWORD", "ledger-secret")
        .containsEntry("NIGHTSCRIBE_MLFLOW_TOKEN", "mlflow-secret")
        .doesNotContainKey("NIGHTSCRIBE_PUSHGATEWAY_TOKEN");
  }

  @Test
  void aPushgatewayTokenTravelsInTheEnvironmentOnly() {
    PushTarget gateway =
        new PushTarget(
            URI.create("http://127.0.0.1:9091"),
            PushTarget.DEFAULT_JOB,
            Map.of(),
            Optional.empty(),
            Optional.of("push-token"),
            Duration.ofMinutes(1));
    SparkSubmitter pushing = submitter(withMetrics(Optional.of(gateway), DriftPolicies.DEFAULTS));

    List<String> command = pushing.command(CALLS_NIGHT, PARTITION, PROPERTIES, SUMMARY);
    Map<String, String> environment = new HashMap<>();
    pushing.putSecrets(environment);

    assertThat(command)
        .containsSubsequence("--pushgateway", "http://127.0.0.1:9091")
        .doesNotContain("--pushgateway-user", "--pushgateway-grouping-key");
    assertThat(String.join(" ", command)).doesNotContain("push-token");
    assertThat(environment)
        .containsEntry("NIGHTSCRIBE_PUSHGATEWAY_TOKEN", "push-token")
        .doesNotContainKey("NIGHTSCRIBE_PUSHGATEWAY_PASSWORD");
  }

  @Test
  void aDistributionsSparkSubmitGetsTheApplicationsClassPath() {
    SparkInstallation distribution =
        new SparkInstallation(
            Optional.of(Path.of("/opt/spark")),
            WITHOUT_DISTRIBUTION.application(),
            WITHOUT_DISTRIBUTION.applicationClasspath(),
            List.of(),
            WITHOUT_DISTRIBUTION.java());

    assertThat(distribution.submitCommand("1g"))
        .containsExactly(
            "/opt/spark/bin/spark-submit",
            "--driver-class-path",
            "/app/lib/runs.jar:/app/lib/vosk.jar");
    assertThat(distribution.environment()).containsEntry("SPARK_HOME", "/opt/spark");
  }

  @Test
  void executorsGetTheApplicationTheirResourcesAndTheObjectStoreAndThePipelinesConfWins() {
    Map<String, String> settings = submitter.settings(ADHOC);

    assertThat(settings)
        .containsEntry(
            "spark.executor.extraClassPath",
            "/app/spark-inference.jar:/app/lib/runs.jar:/app/lib/vosk.jar")
        .containsEntry("spark.executor.instances", "4")
        .containsEntry("spark.executor.cores", "2")
        .containsEntry("spark.cores.max", "8")
        .containsEntry("spark.executor.resource.gpu.amount", "2")
        .containsEntry("spark.task.resource.gpu.amount", "0.5")
        .containsEntry("spark.nightscribe.executors", "4")
        .containsEntry("spark.executorEnv.AWS_SECRET_ACCESS_KEY", "aws-secret")
        .containsEntry("spark.executorEnv.AWS_ENDPOINT_URL_S3", "http://127.0.0.1:9000")
        .containsEntry("spark.speculation", "true")
        .containsEntry("spark.executor.memory", "10g")
        .doesNotContainKey("spark.executorEnv.HOME");
  }

  @Test
  void theEmbeddedH2LedgerIsRefusedWithTheFix() {
    assertThatThrownBy(
            () ->
                new SparkSubmitter.DriverSettings(
                    "jdbc:h2:file:/home/me/.nightscribe/ledger/nightscribe;MODE=PostgreSQL",
                    Optional.of("sa"),
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty(),
                    Path.of("/cache"),
                    Duration.ofMinutes(1),
                    Duration.ofMinutes(2),
                    "1g",
                    Optional.empty(),
                    DriftPolicies.DEFAULTS))
        .hasMessageContaining("embedded H2 ledger")
        .hasMessageContaining("set spring.datasource.url to PostgreSQL");
  }

  @Test
  void resourcesNoClusterCanGrantAreRefusedByName() {
    assertThatThrownBy(() -> new SparkResources("", 0, 1, "4g", 0, 1, Map.of()))
        .hasMessageContaining("at least one executor");
    assertThatThrownBy(() -> new SparkResources("", 1, 1, "4 GB", 0, 1, Map.of()))
        .hasMessageContaining("not in Spark's notation");
    assertThatThrownBy(() -> new SparkResources("", 1, 1, "4g", 1, 2, Map.of()))
        .hasMessageContaining("gpus per task 2.0 must be above 0 and at most the 1 GPUs");
    assertThat(new SparkResources("", 1, 1, "4g", 0, 1, Map.of()).executorSettings())
        .doesNotContainKey("spark.task.resource.gpu.amount");
  }

  private static SparkSubmitter.DriverSettings withMetrics(
      Optional<PushTarget> metrics, DriftPolicies driftPolicies) {
    return new SparkSubmitter.DriverSettings(
        DRIVER.ledgerUrl(),
        DRIVER.ledgerUser(),
        DRIVER.ledgerPassword(),
        DRIVER.mlflowTrackingUri(),
        DRIVER.mlflowToken(),
        DRIVER.modelCache(),
        DRIVER.staleRunAfter(),
        DRIVER.executorWait(),
        DRIVER.driverMemory(),
        metrics,
        driftPolicies);
  }

  private static SparkSubmitter submitter(SparkSubmitter.DriverSettings driver) {
    return new SparkSubmitter(
        WITHOUT_DISTRIBUTION,
        GPUS,
        driver,
        null,
        null,
        Map.of(
            "AWS_ACCESS_KEY_ID", "key",
            "AWS_SECRET_ACCESS_KEY", "aws-secret",
            "AWS_ENDPOINT_URL_S3", "http://127.0.0.1:9000",
            "HOME", "/root"),
        JsonMapper.builder().build(),
        System.err);
  }
}
