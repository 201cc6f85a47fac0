package io.nightscribe.batch.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nightscribe.asr.ErrorCategory;
import io.nightscribe.asr.NightscribeException;
import io.nightscribe.batch.kubernetes.KubernetesDeployment;
import io.nightscribe.batch.kubernetes.PipelineWorkload;
import io.nightscribe.batch.kubernetes.PodResources;
import io.nightscribe.batch.kubernetes.Scheduling;
import io.nightscribe.batch.kubernetes.Toleration;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** From a configuration file to what is rendered: defaults, overrides, and what is refused. */
class KubernetesDeploymentReaderTest {
  private static final String LEDGER =
      "spring:\n  datasource:\n    url: jdbc:postgresql://db:5432/nightscribe\n";
  private static final String TWI =
      "    twi:\n"
          + "      input: s3://raw/twi/{date:yyyy/MM/dd}/\n"
          + "      output: s3://out/\n"
          + "      time-zone: Africa/Accra\n"
          + "      schedule: \"30 2 * * *\"\n";

  @TempDir Path folder;

  @Test
  void pinsTheDefaults() throws IOException {
    KubernetesDeployment deployment = read("nightscribe:\n  pipelines:\n" + TWI + LEDGER);

    var cluster = deployment.cluster();
    assertThat(cluster.namespace()).isEqualTo("nightscribe");
    assertThat(cluster.image()).isEqualTo("nightscribe:dev");
    assertThat(cluster.imagePullPolicy()).isEqualTo("IfNotPresent");
    assertThat(cluster.scheduling()).isEqualTo(Scheduling.CRONJOBS);
    assertThat(cluster.serviceAccount()).isEqualTo("nightscribe");
    assertThat(cluster.secrets().ledger()).isEqualTo("nightscribe-ledger");
    assertThat(cluster.secrets().mlflow()).isEqualTo("nightscribe-mlflow");
    assertThat(cluster.aws().roleArn()).isEmpty();
    assertThat(cluster.scheduler().replicas()).isEqualTo(2);
    assertThat(cluster.scheduler().managementPort()).isEqualTo(8081);
    PipelineWorkload twi = deployment.pipelines().get(0);
    assertThat(twi.schedule()).contains("30 2 * * *");
    assertThat(twi.timeZone()).isEqualTo("Africa/Accra");
    assertThat(twi.resources()).isEqualTo(new PodResources("2", "2", "4Gi", "4Gi", 0, "20Gi"));
    assertThat(twi.placement().nodeSelector()).isEmpty();
    assertThat(twi.placement().tolerations()).isEmpty();
    assertThat(twi.jobs().startingDeadline()).isEqualTo(Duration.ofHours(1));
    assertThat(twi.jobs().activeDeadline()).isEqualTo(Duration.ofHours(20));
    assertThat(twi.jobs().backoffLimit()).isEqualTo(3);
    assertThat(twi.jobs().ttlAfterFinished()).isEqualTo(Duration.ofDays(7));
    assertThat(twi.jobs().successfulJobsHistory()).isEqualTo(3);
    assertThat(twi.jobs().failedJobsHistory()).isEqualTo(3);
    assertThat(twi.spark()).isEmpty();
    assertThat(deployment.configuration()).isEqualTo("nightscribe:\n  pipelines:\n" + TWI + LEDGER);
  }

  @Test
  void aPipelineOverridesTheClusterDefaultsKeyByKey() throws IOException {
    KubernetesDeployment deployment =
        read(
            "nightscribe:\n"
                + "  kubernetes:\n"
                + "    namespace: speech\n"
                + "    scheduling: service\n"
                + "    pods:\n"
                + "      cpu: \"3\"\n"
                + "      memory: 6Gi\n"
                + "      memory-limit: 8Gi\n"
                + "      backoff-limit: 5\n"
                + "  pipelines:\n"
                + TWI
                + "      kubernetes:\n"
                + "        cpu: \"8\"\n"
                + "        gpus: 2\n"
                + "        node-selector:\n"
                + "          \"[nvidia.com/gpu.product]\": NVIDIA-L4\n"
                + "        tolerations:\n"
                + "          - key: dedicated\n"
                + "            value: speech\n"
                + "            effect: NoSchedule\n"
                + "        active-deadline: 6h\n"
                + LEDGER);

    assertThat(deployment.cluster().namespace()).isEqualTo("speech");
    assertThat(deployment.cluster().scheduling()).isEqualTo(Scheduling.SERVICE);
    PipelineWorkload twi = deployment.pipelines().get(0);
    // a pipeline that sets its CPU request gets that limit; memory comes from the defaults
    assertThat(twi.resources()).isEqualTo(new PodResources("8", "8", "6Gi", "8Gi", 2, "20Gi"));
    assertThat(twi.placement().nodeSelector())
        .isEqualTo(Map.of("nvidia.com/gpu.product", "NVIDIA-L4"));
    // a configured toleration replaces the default one of GPU pods
    assertThat(twi.placement().tolerations())
        .containsExactly(new Toleration("dedicated", "Equal", "speech", "NoSchedule"));
    assertThat(twi.jobs().activeDeadline()).isEqualTo(Duration.ofHours(6));
    assertThat(twi.jobs().backoffLimit()).isEqualTo(5);
    assertThat(deployment.cluster().scheduler().resources())
        .isEqualTo(new PodResources("3", "3", "6Gi", "8Gi", 0, "20Gi"));
  }

  @Test
  void aSparkPipelineOnKubernetesGetsItsExecutors() throws IOException {
    KubernetesDeployment deployment =
        read(
            "nightscribe:\n  pipelines:\n"
                + TWI
                + "      runner: spark\n"
                + "      spark:\n"
                + "        executors: 3\n"
                + "        gpus-per-executor: 1\n"
                + "        gpus-per-task: 0.25\n"
                + "        conf:\n"
                + "          spark.speculation: \"true\"\n"
                + "    standalone:\n"
                + "      input: s3://raw/sa/{date}/\n"
                + "      output: s3://out/\n"
                + "      runner: spark\n"
                + "      spark:\n"
                + "        master: spark://spark-master:7077\n"
                + LEDGER);

    var spark = deployment.pipelines().get(1).spark().orElseThrow();
    assertThat(deployment.pipelines().get(1).pipeline()).isEqualTo("twi");
    assertThat(spark.resources().executors()).isEqualTo(3);
    assertThat(spark.resources().executorCores()).isEqualTo(2);
    assertThat(spark.resources().executorMemory()).isEqualTo("4g");
    assertThat(spark.resources().gpusPerTask()).isEqualTo(0.25);
    assertThat(spark.placement().tolerations()).containsExactly(Toleration.NVIDIA_GPU);
    assertThat(spark.resources().conf()).containsEntry("spark.speculation", "true");
    // a standalone master outside the cluster needs no pod templates
    assertThat(deployment.pipelines().get(0).spark()).isEmpty();
  }

  @Test
  void theEmbeddedLedgerIsRefused() {
    assertThatThrownBy(() -> read("nightscribe:\n  pipelines:\n" + TWI))
        .satisfies(KubernetesDeploymentReaderTest::isConfigurationError)
        .hasMessageEndingWith(
            " is the embedded H2 file, which each pod would lose when it ends (set"
                + " spring.datasource.url to a PostgreSQL database, jdbc:postgresql://HOST:5432/nightscribe)");
  }

  @Test
  void aPasswordWrittenIntoTheFileIsRefusedAndAPlaceholderIsNot() throws IOException {
    assertThatThrownBy(
            () -> read("nightscribe:\n  pipelines:\n" + TWI + LEDGER + "    password: hunter2\n"))
        .satisfies(KubernetesDeploymentReaderTest::isConfigurationError)
        .hasMessageContaining(
            " holds spring.datasource.password itself, which would be readable in a ConfigMap (remove it:"
                + " the pods read it from the ledger Secret, see nightscribe.kubernetes.secrets)");
    assertThatThrownBy(
            () -> read("nightscribe:\n  mlflow:\n    token: abc\n  pipelines:\n" + TWI + LEDGER))
        .hasMessageContaining("holds nightscribe.mlflow.token itself");

    assertThat(
            read("nightscribe:\n  pipelines:\n"
                    + TWI
                    + LEDGER
                    + "    password: ${LEDGER_PASSWORD}\n")
                .pipelines())
        .hasSize(1);
  }

  @Test
  void aKeyWithASlashOutsideBracketsIsRefused() {
    assertThatThrownBy(
            () ->
                read(
                    "nightscribe:\n  pipelines:\n"
                        + TWI
                        + "      kubernetes:\n        node-selector:\n          nvidia.com/gpu.present: \"true\"\n"
                        + LEDGER))
        .satisfies(KubernetesDeploymentReaderTest::isConfigurationError)
        .hasMessageEndingWith(
            ": the key 'nightscribe.pipelines.twi.kubernetes.node-selector.nvidia.com/gpu.present' has a '/',"
                + " which Spring drops from keys (write such a key in quotes and brackets, e.g."
                + " \"[nvidia.com/gpu.present]\": \"true\")");
  }

  @Test
  void badValuesNameTheirKey() {
    assertThatThrownBy(
            () ->
                read(
                    "nightscribe:\n  pipelines:\n"
                        + TWI.replace("Africa/Accra", "+01:00")
                        + LEDGER))
        .hasMessage(
            "Invalid nightscribe.pipelines.twi.time-zone '+01:00': Kubernetes takes time zone names such as"
                + " Africa/Accra or UTC, not offsets (fix nightscribe.pipelines.twi.time-zone)");
    assertThatThrownBy(
            () ->
                read(
                    "nightscribe:\n  pipelines:\n"
                        + TWI
                        + "      kubernetes:\n        memory: 4 GB\n"
                        + LEDGER))
        .satisfies(KubernetesDeploymentReaderTest::isConfigurationError)
        .hasMessage(
            "Invalid nightscribe.pipelines.twi.kubernetes: memory '4 GB' is not a Kubernetes quantity (e.g. 500m"
                + " or 2 for CPU, 4Gi for memory) (fix nightscribe.pipelines.twi.kubernetes)");
    assertThatThrownBy(
            () ->
                read(
                    "nightscribe:\n  kubernetes:\n    namespace: Speech\n  pipelines:\n"
                        + TWI
                        + LEDGER))
        .hasMessageStartingWith(
            "Invalid nightscribe.kubernetes: namespace 'Speech' is not a DNS label");
    assertThatThrownBy(() -> read("nightscribe:\n  pipelines: {}\n" + LEDGER))
        .hasMessageEndingWith(" declares no pipelines (declare them under nightscribe.pipelines)");
    assertThatThrownBy(() -> read("nightscribe:\n  pipelines:\n    twi:\n      input: [\n"))
        .satisfies(KubernetesDeploymentReaderTest::isConfigurationError)
        .hasMessageEndingWith(
            ": expected the node content, but found '<stream end>' at line 5, column 1 (fix the YAML)");
  }

  @Test
  void theCheckedInExampleReads() {
    KubernetesDeployment example =
        KubernetesDeploymentReader.read(Path.of("..", "k8s-cronjobs", "nightscribe.yml"));

    assertThat(example.pipelines().stream().map(PipelineWorkload::pipeline))
        .containsExactly("archive-en", "calls-ctc", "fr-interviews", "twi");
  }

  private KubernetesDeployment read(String yaml) throws IOException {
    Path file = folder.resolve("nightscribe.yml");
    Files.writeString(file, yaml);
    return KubernetesDeploymentReader.read(file);
  }

  private static void isConfigurationError(Throwable e) {
    assertThat(e).isInstanceOf(NightscribeException.class);
    assertThat(((NightscribeException) e).category()).isEqualTo(ErrorCategory.CONFIGURATION);
    assertThat(e.getMessage()).doesNotContain("\n");
  }
}
