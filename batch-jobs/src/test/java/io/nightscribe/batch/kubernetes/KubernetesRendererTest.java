package io.nightscribe.batch.kubernetes;

import static io.nightscribe.batch.kubernetes.TestDeployments.deployment;
import static io.nightscribe.batch.kubernetes.TestDeployments.manyScheduled;
import static io.nightscribe.batch.kubernetes.TestDeployments.onGpus;
import static io.nightscribe.batch.kubernetes.TestDeployments.onSpark;
import static io.nightscribe.batch.kubernetes.TestDeployments.scheduled;
import static io.nightscribe.batch.kubernetes.TestDeployments.unscheduled;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** The shape of what {@code nightscribe k8s render} writes, read back as YAML. */
class KubernetesRendererTest {
  private static final YAMLMapper YAML = new YAMLMapper();
  private static final Set<Overlay> BOTH = EnumSet.allOf(Overlay.class);

  private final KubernetesRenderer renderer = new KubernetesRenderer();

  @Test
  void aScheduledPipelineGetsACronJobThatFiresOneNightAtATime() {
    RenderedFiles files =
        renderer.render(deployment(Scheduling.CRONJOBS, List.of(scheduled("twi"))), BOTH);

    JsonNode cronJob = read(files, "components/cronjobs/cronjob-twi.yaml");
    assertThat(cronJob.path("kind").asString()).isEqualTo("CronJob");
    assertThat(cronJob.at("/metadata/name").asString()).isEqualTo("nightscribe-twi");
    assertThat(cronJob.at("/metadata/namespace").asString()).isEqualTo("speech");
    JsonNode spec = cronJob.path("spec");
    assertThat(spec.path("schedule").asString()).isEqualTo("30 2 * * *");
    assertThat(spec.path("timeZone").asString()).isEqualTo("Africa/Accra");
    assertThat(spec.path("concurrencyPolicy").asString()).isEqualTo("Forbid");
    assertThat(spec.path("startingDeadlineSeconds").asLong()).isEqualTo(3600);
    assertThat(spec.path("successfulJobsHistoryLimit").asInt()).isEqualTo(3);
    assertThat(spec.path("failedJobsHistoryLimit").asInt()).isEqualTo(3);
    JsonNode job = spec.at("/jobTemplate/spec");
    assertThat(job.path("backoffLimit").asInt()).isEqualTo(3);
    assertThat(job.path("activeDeadlineSeconds").asLong()).isEqualTo(20 * 3600);
    assertThat(job.path("ttlSecondsAfterFinished").asLong()).isEqualTo(7 * 24 * 3600);
    JsonNode pod = job.at("/template/spec");
    assertThat(pod.path("restartPolicy").asString()).isEqualTo("Never");
    assertThat(strings(pod.at("/containers/0/args")))
        .containsExactly("transcribe", "--pipeline", "twi");
    assertThat(strings(pod.at("/initContainers/0/args")))
        .containsExactly("health", "--pipeline", "twi");
    assertThat(pod.at("/containers/0/image").asString())
        .isEqualTo("registry.example.com/nightscribe:0.1.0");
    assertThat(read(files, "components/cronjobs/kustomization.yaml").path("resources").toString())
        .isEqualTo("[\"cronjob-twi.yaml\"]");
  }

  @Test
  void aConfigurationErrorEndsTheJobAndQuarantinedInputsCountAsDone() {
    RenderedFiles files =
        renderer.render(deployment(Scheduling.CRONJOBS, List.of(scheduled("twi"))), BOTH);

    JsonNode rules =
        read(files, "components/cronjobs/cronjob-twi.yaml")
            .at("/spec/jobTemplate/spec/podFailurePolicy/rules");
    assertThat(rules.size()).isEqualTo(3);
    assertThat(rules.at("/0/action").asString()).isEqualTo("FailJob");
    assertThat(rules.at("/0/onExitCodes/containerName").isMissingNode()).isTrue();
    assertThat(rules.at("/0/onExitCodes/values").toString()).isEqualTo("[2]");
    assertThat(rules.at("/1/action").asString()).isEqualTo("Ignore");
    assertThat(rules.at("/1/onExitCodes/containerName").asString()).isEqualTo("transcribe");
    assertThat(rules.at("/1/onExitCodes/values").toString()).isEqualTo("[3]");
    assertThat(rules.at("/2/action").asString()).isEqualTo("Ignore");
    assertThat(rules.at("/2/onPodConditions/0/type").asString()).isEqualTo("DisruptionTarget");
  }

  @Test
  void credentialsAreReferencedFromSecretsAndTheConfigurationIsMounted() {
    RenderedFiles files =
        renderer.render(deployment(Scheduling.CRONJOBS, List.of(scheduled("twi"))), BOTH);

    JsonNode pod =
        read(files, "components/cronjobs/cronjob-twi.yaml")
            .at("/spec/jobTemplate/spec/template/spec");
    JsonNode env = pod.at("/containers/0/env");
    assertThat(variable(env, "NIGHTSCRIBE_CONFIG").path("value").asString())
        .isEqualTo("/etc/nightscribe/config/nightscribe.yml");
    assertThat(variable(env, "SPRING_DATASOURCE_PASSWORD").at("/valueFrom/secretKeyRef").toString())
        .isEqualTo("{\"name\":\"nightscribe-ledger\",\"key\":\"password\"}");
    assertThat(variable(env, "NIGHTSCRIBE_MLFLOW_TOKEN").at("/valueFrom/secretKeyRef").toString())
        .isEqualTo("{\"name\":\"nightscribe-mlflow\",\"key\":\"token\",\"optional\":true}");
    assertThat(variable(env, "AWS_REGION").path("value").asString()).isEqualTo("eu-west-1");
    assertThat(names(env)).doesNotContain("AWS_ACCESS_KEY_ID", "PYTORCH_FLAVOR");
    assertThat(pod.at("/volumes/0/configMap/name").asString()).isEqualTo("nightscribe-config");
    assertThat(pod.path("automountServiceAccountToken").asBoolean()).isFalse();
    assertThat(pod.at("/securityContext/runAsUser").asLong()).isEqualTo(10001);
    assertThat(pod.at("/containers/0/securityContext/readOnlyRootFilesystem").asBoolean()).isTrue();
    assertThat(files.files().values()).noneMatch(content -> content.contains("kind: Secret"));

    JsonNode account = read(files, "base/serviceaccount.yaml");
    assertThat(account.at("/metadata/annotations").toString())
        .isEqualTo(
            "{\"eks.amazonaws.com/role-arn\":\"arn:aws:iam::123456789012:role/transcripts\"}");
    assertThat(read(files, "base/configmap.yaml").at("/data/nightscribe.yml").asString())
        .isEqualTo(TestDeployments.CONFIGURATION);
  }

  @Test
  void aGpuPipelineAsksForGpusAndToleratesGpuNodes() {
    RenderedFiles files =
        renderer.render(deployment(Scheduling.CRONJOBS, List.of(onGpus("calls"))), BOTH);

    JsonNode pod =
        read(files, "components/cronjobs/cronjob-calls.yaml")
            .at("/spec/jobTemplate/spec/template/spec");
    assertThat(pod.at("/containers/0/resources").toString())
        .isEqualTo(
            "{\"requests\":{\"cpu\":\"4\",\"memory\":\"16Gi\"},"
                + "\"limits\":{\"cpu\":\"4\",\"memory\":\"16Gi\",\"nvidia.com/gpu\":1}}");
    // the health check sees the GPU too; init containers' resources are reused, not added
    assertThat(pod.at("/initContainers/0/resources")).isEqualTo(pod.at("/containers/0/resources"));
    assertThat(pod.path("nodeSelector").toString())
        .isEqualTo("{\"nvidia.com/gpu.present\":\"true\"}");
    assertThat(pod.path("tolerations").toString())
        .isEqualTo(
            "[{\"key\":\"nvidia.com/gpu\",\"operator\":\"Exists\",\"effect\":\"NoSchedule\"}]");
    assertThat(variable(pod.at("/containers/0/env"), "PYTORCH_FLAVOR").path("value").asString())
        .isEqualTo("cu126");
  }

  @Test
  void aSparkPipelineCarriesItsSettingsAndPodTemplates() {
    RenderedFiles files =
        renderer.render(deployment(Scheduling.CRONJOBS, List.of(onSpark("archive"))), BOTH);

    JsonNode configMap = read(files, "base/spark-archive.yaml");
    assertThat(configMap.at("/metadata/name").asString()).isEqualTo("nightscribe-spark-archive");
    String defaults = configMap.at("/data/spark-defaults.conf").asString();
    assertThat(defaults.lines())
        .contains(
            "spark.master k8s://https://kubernetes.default.svc",
            "spark.submit.deployMode client",
            "spark.driver.host ${env:POD_IP}",
            "spark.kubernetes.namespace speech",
            "spark.kubernetes.container.image registry.example.com/nightscribe:0.1.0",
            "spark.kubernetes.executor.podTemplateFile /etc/nightscribe/spark/executor-pod-template.yaml",
            "spark.executor.instances 4",
            "spark.executor.resource.gpu.amount 1",
            "spark.executor.resource.gpu.vendor nvidia.com",
            "spark.executor.resource.gpu.discoveryScript /opt/nightscribe/spark/discover-gpus.sh",
            "spark.task.resource.gpu.amount 0.5",
            "spark.speculation true");
    JsonNode executor = YAML.readTree(configMap.at("/data/executor-pod-template.yaml").asString());
    assertThat(executor.path("kind").asString()).isEqualTo("Pod");
    assertThat(executor.at("/spec/containers/0/name").asString()).isEqualTo("executor");
    assertThat(executor.at("/spec/tolerations/0/key").asString()).isEqualTo("nvidia.com/gpu");
    assertThat(executor.at("/spec/nodeSelector").toString())
        .isEqualTo("{\"nvidia.com/gpu.present\":\"true\"}");
    JsonNode driver = YAML.readTree(configMap.at("/data/driver-pod-template.yaml").asString());
    assertThat(driver.at("/spec/containers/0/name").asString()).isEqualTo("driver");

    JsonNode pod =
        read(files, "components/cronjobs/cronjob-archive.yaml")
            .at("/spec/jobTemplate/spec/template/spec");
    assertThat(pod.path("automountServiceAccountToken").asBoolean()).isTrue();
    assertThat(variable(pod.at("/containers/0/env"), "SPARK_CONF_DIR").path("value").asString())
        .isEqualTo("/etc/nightscribe/spark");
    assertThat(
            variable(pod.at("/containers/0/env"), "POD_IP")
                .at("/valueFrom/fieldRef/fieldPath")
                .asString())
        .isEqualTo("status.podIP");
    assertThat(pod.at("/volumes/2/configMap/name").asString())
        .isEqualTo("nightscribe-spark-archive");
    assertThat(files.files()).containsKey("base/spark-driver-rbac.yaml");
  }

  @Test
  void everyPipelineGetsBackfillAndReplayTemplatesButOnlyScheduledOnesACronJob() {
    RenderedFiles files =
        renderer.render(
            deployment(Scheduling.CRONJOBS, List.of(scheduled("twi"), unscheduled("fr"))), BOTH);

    assertThat(files.files().keySet())
        .contains("jobs/backfill-fr.yaml", "jobs/replay-fr.yaml", "jobs/backfill-twi.yaml")
        .doesNotContain("components/cronjobs/cronjob-fr.yaml");
    JsonNode backfill = read(files, "jobs/backfill-fr.yaml");
    assertThat(backfill.at("/metadata/generateName").asString())
        .isEqualTo("nightscribe-backfill-fr-");
    assertThat(strings(backfill.at("/spec/template/spec/containers/0/args")))
        .containsExactly(
            "backfill",
            "--pipeline",
            "fr",
            "--from",
            "$(FROM)",
            "--to",
            "$(TO)",
            "--reprocess",
            "$(REPROCESS)");
    assertThat(backfill.at("/spec/activeDeadlineSeconds").isMissingNode()).isTrue();
    JsonNode replay = read(files, "jobs/replay-fr.yaml");
    assertThat(strings(replay.at("/spec/template/spec/containers/0/args")))
        .containsExactly("replay", "$(RUN_ID)");
    assertThat(replay.at("/spec/podFailurePolicy/rules/0/onExitCodes/values").toString())
        .isEqualTo("[2,4,5,6]");
    assertThat(replay.at("/spec/podFailurePolicy/rules/1/onPodConditions").isArray()).isTrue();
  }

  @Test
  void theSchedulerServiceReplacesTheCronJobs() {
    RenderedFiles files =
        renderer.render(deployment(Scheduling.SERVICE, List.of(scheduled("twi"))), BOTH);

    assertThat(files.files().keySet()).noneMatch(path -> path.startsWith("components/cronjobs/"));
    JsonNode deployment = read(files, "components/scheduler/deployment.yaml");
    assertThat(deployment.at("/spec/replicas").asInt()).isEqualTo(2);
    JsonNode container = deployment.at("/spec/template/spec/containers/0");
    assertThat(strings(container.path("args"))).containsExactly("scheduler");
    assertThat(container.at("/livenessProbe/httpGet/path").asString())
        .isEqualTo("/actuator/health/liveness");
    assertThat(container.at("/readinessProbe/httpGet/path").asString())
        .isEqualTo("/actuator/health/readiness");
    assertThat(container.at("/ports/0/containerPort").asInt()).isEqualTo(8081);
    assertThat(variable(container.path("env"), "MANAGEMENT_SERVER_PORT").path("value").asString())
        .isEqualTo("8081");
    assertThat(deployment.at("/spec/template/spec/restartPolicy").asString()).isEqualTo("Always");
    assertThat(
            read(files, "components/scheduler/service.yaml")
                .at("/spec/ports/0/targetPort")
                .asString())
        .isEqualTo("management");
    assertThat(
            read(files, "components/scheduler/disruption-budget.yaml")
                .at("/spec/maxUnavailable")
                .asInt())
        .isEqualTo(1);
    assertThat(read(files, "overlays/prod/kustomization.yaml").path("components").toString())
        .isEqualTo("[\"../../components/scheduler\"]");
  }

  @Test
  void theSchedulerRestartsWhenTheConfigurationChanges() {
    var before = deployment(Scheduling.SERVICE, List.of(scheduled("twi")));
    var after =
        new KubernetesDeployment(
            before.cluster(), before.pipelines(), before.configuration() + "# changed\n");

    String annotation = "/spec/template/metadata/annotations/nightscribe.io~1config-sha256";
    assertThat(
            read(renderer.render(before, BOTH), "components/scheduler/deployment.yaml")
                .at(annotation)
                .asString())
        .hasSize(64)
        .isNotEqualTo(
            read(renderer.render(after, BOTH), "components/scheduler/deployment.yaml")
                .at(annotation)
                .asString());
  }

  @Test
  void devSuspendsTheCronJobsAndProdTakesThemAsRendered() {
    RenderedFiles files =
        renderer.render(deployment(Scheduling.CRONJOBS, List.of(scheduled("twi"))), BOTH);

    JsonNode dev = read(files, "overlays/dev/kustomization.yaml");
    assertThat(strings(dev.path("resources"))).containsExactly("../../base");
    assertThat(dev.at("/patches/0/target/kind").asString()).isEqualTo("CronJob");
    assertThat(YAML.readTree(dev.at("/patches/0/patch").asString()).toString())
        .isEqualTo(
            "[{\"op\":\"add\",\"path\":\"/spec/suspend\",\"value\":true},"
                + "{\"op\":\"add\",\"path\":\"/spec/jobTemplate/spec/ttlSecondsAfterFinished\",\"value\":3600}]");
    assertThat(read(files, "overlays/prod/kustomization.yaml").has("patches")).isFalse();
    assertThat(
            renderer
                .render(
                    deployment(Scheduling.CRONJOBS, List.of(scheduled("twi"))),
                    EnumSet.of(Overlay.PROD))
                .files()
                .keySet())
        .contains("overlays/prod/kustomization.yaml")
        .doesNotContain("overlays/dev/kustomization.yaml");
  }

  @Test
  void theAlertRulesShipAsAPrometheusRuleWhoseGroupsAreTheRuleFiles() throws IOException {
    // given the rule file promtool checks, as committed
    JsonNode ruleFile =
        YAML.readTree(
            Files.readString(Path.of("..", "monitoring", "prometheus", "nightscribe-rules.yml")));

    // when the renderer reads the rules from the monitoring jar
    RenderedFiles files =
        renderer.render(deployment(Scheduling.CRONJOBS, List.of(scheduled("twi"))), BOTH);

    // then
    JsonNode rule = read(files, "components/prometheus-rules/prometheusrule.yaml");
    assertThat(rule.path("apiVersion").asString()).isEqualTo("monitoring.coreos.com/v1");
    assertThat(rule.path("kind").asString()).isEqualTo("PrometheusRule");
    assertThat(rule.at("/metadata/name").asString()).isEqualTo("nightscribe");
    assertThat(rule.at("/metadata/namespace").asString()).isEqualTo("speech");
    assertThat(rule.at("/metadata/labels/app.kubernetes.io~1name").asString())
        .isEqualTo("nightscribe");
    assertThat(rule.at("/metadata/labels/app.kubernetes.io~1component").asString())
        .isEqualTo("alert-rules");
    assertThat(ruleFile.path("groups").size()).isEqualTo(3);
    assertThat(rule.path("spec").propertyNames()).containsExactly("groups");
    assertThat(rule.at("/spec/groups")).isEqualTo(ruleFile.path("groups"));
    JsonNode component = read(files, "components/prometheus-rules/kustomization.yaml");
    assertThat(component.path("kind").asString()).isEqualTo("Component");
    assertThat(strings(component.path("resources"))).containsExactly("prometheusrule.yaml");
  }

  @Test
  void theOverlaysLeaveThePrometheusRuleOutForClustersWithoutTheOperator() {
    for (Scheduling scheduling : Scheduling.values()) {
      RenderedFiles files =
          renderer.render(deployment(scheduling, List.of(scheduled("twi"))), BOTH);

      assertThat(files.files()).containsKey("components/prometheus-rules/prometheusrule.yaml");
      for (Overlay overlay : Overlay.values()) {
        assertThat(
                strings(
                    read(files, "overlays/" + overlay.folder() + "/kustomization.yaml")
                        .path("components")))
            .as("%s under %s", overlay, scheduling)
            .containsExactly("../../components/" + scheduling.component());
      }
    }
  }

  @Test
  void aRuleFileWithoutGroupsIsRefused() {
    KubernetesRenderer withoutGroups = new KubernetesRenderer("rules: []\n");

    assertThatThrownBy(
            () ->
                withoutGroups.render(
                    deployment(Scheduling.CRONJOBS, List.of(scheduled("twi"))), BOTH))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "Cannot render the PrometheusRule: the alert rule file has no groups (a Prometheus"
                + " rule file starts with groups:)");
  }

  @Test
  void theSameDeploymentGivesTheSameBytesWhateverTheOrderOfItsPipelines() {
    List<PipelineWorkload> pipelines = new ArrayList<>(manyScheduled(5));
    pipelines.add(onSpark("archive"));
    List<PipelineWorkload> reversed = new ArrayList<>(pipelines);
    java.util.Collections.reverse(reversed);

    assertThat(renderer.render(deployment(Scheduling.CRONJOBS, reversed), BOTH))
        .isEqualTo(renderer.render(deployment(Scheduling.CRONJOBS, pipelines), BOTH));
  }

  @Test
  void aHundredPipelinesGiveAHundredCronJobs() {
    RenderedFiles files =
        renderer.render(deployment(Scheduling.CRONJOBS, manyScheduled(100)), BOTH);

    assertThat(
            files.files().keySet().stream()
                .filter(p -> p.startsWith("components/cronjobs/cronjob-")))
        .hasSize(100);
    assertThat(read(files, "components/cronjobs/kustomization.yaml").path("resources").size())
        .isEqualTo(100);
    assertThat(files.files().keySet().stream().filter(p -> p.startsWith("jobs/"))).hasSize(200);
  }

  @Test
  void namesOutsideKubernetesRulesGetADistinctHashedPart() {
    assertThat(KubernetesNames.pipelinePart("twi")).isEqualTo("twi");
    assertThat(KubernetesNames.pipelinePart("Twi_Calls")).matches("twi-calls-[0-9a-f]{6}");
    assertThat(KubernetesNames.pipelinePart("twi"))
        .isNotEqualTo(KubernetesNames.pipelinePart("TWI"));
    assertThat(KubernetesNames.pipelinePart("a-very-long-pipeline-name-for-the-archive-of-2026"))
        .hasSizeLessThanOrEqualTo(30)
        .matches("[a-z0-9-]+-[0-9a-f]{6}");

    RenderedFiles files =
        renderer.render(deployment(Scheduling.CRONJOBS, List.of(scheduled("Twi_Calls"))), BOTH);
    JsonNode cronJob =
        read(
            files,
            "components/cronjobs/cronjob-" + KubernetesNames.pipelinePart("Twi_Calls") + ".yaml");
    assertThat(cronJob.at("/metadata/annotations/nightscribe.io~1pipeline").asString())
        .isEqualTo("Twi_Calls");
    assertThat(strings(cronJob.at("/spec/jobTemplate/spec/template/spec/containers/0/args")))
        .containsExactly("transcribe", "--pipeline", "Twi_Calls");
  }

  @Test
  void aQuartzOnlyScheduleCannotBeACronJob() {
    PipelineWorkload lastDay =
        new PipelineWorkload(
            "monthly",
            Optional.of("0 2 L * *"),
            "UTC",
            TestDeployments.CPU_PODS,
            Placement.ANYWHERE,
            TestDeployments.LIMITS,
            Optional.empty());

    assertThatThrownBy(
            () -> renderer.render(deployment(Scheduling.CRONJOBS, List.of(lastDay)), BOTH))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "the schedule '0 2 L * *' of pipeline monthly uses L, W or #, which Kubernetes CronJobs do not"
                + " take (fix nightscribe.pipelines.monthly.schedule, or set nightscribe.kubernetes.scheduling"
                + " to service)");
    assertThat(renderer.render(deployment(Scheduling.SERVICE, List.of(lastDay)), BOTH).files())
        .containsKey("jobs/backfill-monthly.yaml");
    // month and day names are standard cron and stay allowed
    assertThat(
            renderer
                .render(
                    deployment(
                        Scheduling.CRONJOBS,
                        List.of(
                            new PipelineWorkload(
                                "weekdays",
                                Optional.of("0 2 * JAN-DEC MON-FRI"),
                                "UTC",
                                TestDeployments.CPU_PODS,
                                Placement.ANYWHERE,
                                TestDeployments.LIMITS,
                                Optional.empty()))),
                    BOTH)
                .files())
        .containsKey("components/cronjobs/cronjob-weekdays.yaml");
  }

  @Test
  void valuesYamlWouldMisreadAreQuoted() {
    String yaml =
        ManifestYaml.write(
            Fields.of(
                "a",
                "0755",
                "b",
                "12:30",
                "c",
                "2026-11-21",
                "d",
                "yes",
                "e",
                "1e3",
                "f",
                "--pipeline",
                "g",
                "0x1F"));

    assertThat(yaml)
        .isEqualTo(
            "a: \"0755\"\nb: \"12:30\"\nc: \"2026-11-21\"\nd: \"yes\"\ne: \"1e3\"\nf: --pipeline\ng: \"0x1F\"\n");
  }

  private static JsonNode read(RenderedFiles files, String path) {
    assertThat(files.files()).containsKey(path);
    return YAML.readTree(files.files().get(path));
  }

  private static JsonNode variable(JsonNode env, String name) {
    return StreamSupport.stream(env.spliterator(), false)
        .filter(variable -> variable.path("name").asString().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no variable " + name + " in " + env));
  }

  private static List<String> names(JsonNode env) {
    return StreamSupport.stream(env.spliterator(), false)
        .map(v -> v.path("name").asString())
        .toList();
  }

  private static List<String> strings(JsonNode array) {
    return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asString).toList();
  }
}
