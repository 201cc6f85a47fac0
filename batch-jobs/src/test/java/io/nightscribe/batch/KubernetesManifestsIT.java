package io.nightscribe.batch;

import static org.assertj.core.api.Assertions.assertThat;

import io.nightscribe.batch.config.KubernetesDeploymentReader;
import io.nightscribe.batch.kubernetes.KubernetesRenderer;
import io.nightscribe.batch.kubernetes.Overlay;
import io.nightscribe.testsupport.Promtool;
import io.nightscribe.testsupport.PythonVenv;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Every manifest {@code nightscribe k8s render} writes, for the checked-in example and for 100
 * generated pipelines (CPU, GPU, Spark, unscheduled; under CronJobs and under the scheduler
 * service), against the Kubernetes 1.37 JSON schemas, offline and strict (an unknown field fails),
 * with PyPI kubernetes-validate from the project's virtualenv. The pod templates inside the Spark
 * ConfigMaps are checked as the Pods they are. Schemas check types and fields, not values:
 * scripts/k8s-dry-run.sh asks a real API server for those.
 *
 * <p>The PrometheusRule is the Prometheus Operator's custom resource, which no Kubernetes schema
 * has: it is checked the way a cluster would use it instead, built by kustomize (kubectl) into the
 * overlay docs/operations.md shows and its rules checked by promtool.
 */
class KubernetesManifestsIT {
  private static final String KUBERNETES_VERSION = "1.37.0";
  private static final YAMLMapper YAML = new YAMLMapper();
  private static final int PIPELINES = 100;
  private static final String PROMETHEUS_RULE_API = "monitoring.coreos.com/v1";

  /** The overlay docs/operations.md and k8s-cronjobs/README.md show, with the user's label. */
  private static final String ALERTS_OVERLAY =
      """
      apiVersion: kustomize.config.k8s.io/v1beta1
      kind: Kustomization
      resources:
        - ../prod
      components:
        - ../../components/prometheus-rules
      patches:
        - target:
            kind: PrometheusRule
            name: nightscribe
          patch: |
            - op: add
              path: /metadata/labels/release
              value: prometheus
      """;

  @TempDir Path folder;

  @Test
  void theExampleAndAHundredPipelinesMatchTheKubernetesSchemas() throws Exception {
    Path example = render(Path.of("..", "k8s-cronjobs", "nightscribe.yml"), "example");
    Path cronJobs = render(generated("cronjobs"), "cronjobs");
    Path service = render(generated("service"), "service");

    List<Path> manifests = new ArrayList<>(manifests(example));
    manifests.addAll(manifests(cronJobs));
    // under the service, the rest is what the CronJobs' render has, in another namespace
    manifests.addAll(manifests(service.resolve("components/scheduler")));
    Validation validation = validate(manifests);

    assertThat(validation.exitCode()).as(validation.output()).isZero();
    assertThat(validation.output().lines().filter(line -> !line.startsWith("INFO ")))
        .as("warnings and errors")
        .isEmpty();
    assertThat(
            validation
                .output()
                .lines()
                .filter(line -> line.contains(" passed for resource "))
                .count())
        .as(validation.output())
        .isEqualTo(objects(manifests));
    assertThat(validation.output())
        .contains("passed for resource cronjob/nightscribe-twi")
        .contains("passed for resource deployment/nightscribe-scheduler")
        .contains("passed for resource poddisruptionbudget/nightscribe-scheduler")
        .contains("passed for resource pod/executor-pod-template-archive-en");
    assertThat(manifests.stream().filter(m -> m.getFileName().toString().startsWith("cronjob-")))
        .hasSize(3 + 3 * PIPELINES / 4);
  }

  @Test
  void aManifestWithAnUnknownFieldFails() throws Exception {
    Path tree = render(Path.of("..", "k8s-cronjobs", "nightscribe.yml"), "example");
    Path cronJob = tree.resolve("components/cronjobs/cronjob-twi.yaml");
    Path broken = folder.resolve("broken.yaml");
    Files.writeString(
        broken, Files.readString(cronJob).replace("concurrencyPolicy", "concurencyPolicy"));

    Validation validation = validate(List.of(cronJob, broken));

    assertThat(validation.exitCode()).isNotZero();
    assertThat(validation.output()).contains("('concurencyPolicy' was unexpected)");
  }

  @Test
  void theAlertsOverlayAddsAPrometheusRuleWhoseRulesPromtoolAccepts() throws Exception {
    Path tree = render(Path.of("..", "k8s-cronjobs", "nightscribe.yml"), "example");
    Path overlay = Files.createDirectories(tree.resolve("overlays/prod-alerts"));
    Files.writeString(overlay.resolve("kustomization.yaml"), ALERTS_OVERLAY);

    List<JsonNode> objects = kustomize(overlay);

    List<JsonNode> rules =
        objects.stream().filter(o -> o.path("kind").asString().equals("PrometheusRule")).toList();
    assertThat(rules).hasSize(1);
    JsonNode rule = rules.get(0);
    assertThat(rule.path("apiVersion").asString()).isEqualTo(PROMETHEUS_RULE_API);
    assertThat(rule.at("/metadata/namespace").asString()).isEqualTo("speech");
    assertThat(rule.at("/metadata/labels/release").asString()).isEqualTo("prometheus");
    assertThat(objects.stream().filter(o -> o.path("kind").asString().equals("CronJob")))
        .as("the rest of prod is there too")
        .hasSize(3);
    // the Operator hands spec to Prometheus as a rule file: promtool checks it as one
    Path ruleFile = write(folder.resolve("prometheusrule-spec.yml"), rule.path("spec"));
    Promtool.Result check = Promtool.run(List.of("check", "rules", ruleFile.toString()));
    assertThat(check.exitCode()).as(check.output()).isZero();
    assertThat(check.output()).contains("SUCCESS: 10 rules found");
  }

  private Path render(Path configuration, String name) {
    Path output = folder.resolve(name);
    new KubernetesRenderer()
        .render(KubernetesDeploymentReader.read(configuration), EnumSet.allOf(Overlay.class))
        .write(output);
    return output;
  }

  /** A configuration of 100 pipelines: a GPU one, one on Spark, one unscheduled, a CPU one, ... */
  private Path generated(String scheduling) throws IOException {
    StringBuilder yaml = new StringBuilder();
    yaml.append("nightscribe:\n  kubernetes:\n    namespace: speech-")
        .append(scheduling)
        .append('\n');
    yaml.append("    scheduling: ").append(scheduling).append('\n');
    yaml.append("    aws:\n      credentials-secret: s3-keys\n      region: eu-west-1\n");
    yaml.append("  pipelines:\n");
    List<String> zones =
        List.of("Africa/Accra", "Europe/London", "America/Sao_Paulo", "Asia/Kolkata");
    for (int i = 0; i < PIPELINES; i++) {
      String name = i % 10 == 9 ? String.format("Line_%03d", i) : String.format("line-%03d", i);
      yaml.append("    ").append(name).append(":\n");
      yaml.append("      input: s3://raw/").append(name).append("/{date:yyyy/MM/dd}/\n");
      yaml.append("      output: s3://transcripts/\n");
      yaml.append("      model: models:/").append(name).append("@champion\n");
      yaml.append("      time-zone: ").append(zones.get(i % zones.size())).append('\n');
      if (i % 4 != 2) {
        yaml.append(String.format("      schedule: \"%d %d * * *\"%n", i % 60, i % 6));
      }
      switch (i % 4) {
        case 0 ->
            yaml.append(
                "      kubernetes:\n        gpus: 1\n        memory: 16Gi\n"
                    + "        node-selector:\n          \"[nvidia.com/gpu.present]\": \"true\"\n");
        case 1 ->
            yaml.append(
                "      runner: spark\n      spark:\n        executors: 3\n        gpus-per-executor: 2\n"
                    + "        gpus-per-task: 0.5\n");
        default -> yaml.append("      kubernetes:\n        cpu: 500m\n        scratch: 5Gi\n");
      }
    }
    yaml.append("spring:\n  datasource:\n    url: jdbc:postgresql://ledger:5432/nightscribe\n");
    Path file = folder.resolve("nightscribe-" + scheduling + ".yml");
    Files.writeString(file, yaml);
    return file;
  }

  /**
   * The object files of a rendered tree, without the kustomizations (no Kubernetes kind). Job
   * templates get a name (kubernetes-validate cannot read an object with only generateName), and
   * the Spark ConfigMaps' pod templates are written out as files of their own.
   */
  private List<Path> manifests(Path tree) throws IOException {
    List<Path> manifests = new ArrayList<>();
    Path extracted =
        Files.createDirectories(
            folder.resolve(folder.relativize(tree).toString().replace('/', '-') + "-extracted"));
    try (Stream<Path> files = Files.walk(tree)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
        if (file.getFileName().toString().equals("kustomization.yaml")) {
          continue;
        }
        if (Files.readString(file).contains("\n---\n")) {
          // several objects (the Spark driver's Role and RoleBinding), every one named
          manifests.add(file);
          continue;
        }
        JsonNode object = YAML.readTree(file.toFile());
        if (object.path("apiVersion").asString().equals(PROMETHEUS_RULE_API)) {
          continue; // no schema to check it against: see the alerts overlay's test
        }
        if (object.at("/metadata/name").isMissingNode()) {
          ((ObjectNode) object.get("metadata"))
              .put("name", object.at("/metadata/generateName").asString() + "template");
          manifests.add(write(extracted.resolve(file.getFileName()), object));
        } else {
          manifests.add(file);
        }
        if (object.path("kind").asString().equals("ConfigMap")
            && object.at("/data").has("executor-pod-template.yaml")) {
          manifests.addAll(podTemplates(object, extracted));
        }
      }
    }
    return manifests;
  }

  private List<Path> podTemplates(JsonNode configMap, Path extracted) throws IOException {
    String pipeline = configMap.at("/metadata/annotations/nightscribe.io~1pipeline").asString();
    List<Path> templates = new ArrayList<>();
    for (String key : List.of("driver-pod-template.yaml", "executor-pod-template.yaml")) {
      JsonNode pod = YAML.readTree(configMap.at("/data").path(key).asString());
      String name = key.replace(".yaml", "") + "-" + pipeline.toLowerCase().replace('_', '-');
      ((ObjectNode) pod.get("metadata")).put("name", name);
      templates.add(write(extracted.resolve(name + ".yaml"), pod));
    }
    return templates;
  }

  private static Path write(Path file, JsonNode object) throws IOException {
    Files.writeString(file, YAML.writeValueAsString(object));
    return file;
  }

  private static long objects(List<Path> manifests) throws IOException {
    long count = 0;
    for (Path manifest : manifests) {
      count += Files.readString(manifest).lines().filter(line -> line.startsWith("kind: ")).count();
    }
    return count;
  }

  /** The objects {@code kubectl kustomize} builds from a kustomize folder (offline). */
  private List<JsonNode> kustomize(Path kustomization) throws Exception {
    Path out = folder.resolve("kustomized.yaml");
    Process process =
        new ProcessBuilder(kubectl().toString(), "kustomize", kustomization.toString())
            .redirectErrorStream(true)
            .redirectOutput(out.toFile())
            .start();
    if (!process.waitFor(1, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new AssertionError("kubectl kustomize did not finish in a minute");
    }
    String output = Files.readString(out, StandardCharsets.UTF_8);
    assertThat(process.exitValue()).as(output).isZero();
    return YAML.readerFor(JsonNode.class).<JsonNode>readValues(output).readAll();
  }

  /** kubectl from PATH, or an AssertionError saying how to get it: never a skip. */
  private static Path kubectl() {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      Path candidate = Path.of(dir, "kubectl");
      if (!dir.isEmpty() && Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    throw new AssertionError(
        "kubectl is missing: install it (apt-get install kubectl, from the Kubernetes or Google Cloud"
            + " apt repository); the test builds a kustomize overlay with it, offline");
  }

  private Validation validate(List<Path> manifests) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(PythonVenv.program("kubernetes-validate").toString());
    command.addAll(List.of("--strict", "-k", KUBERNETES_VERSION));
    manifests.forEach(manifest -> command.add(manifest.toString()));
    Path log = folder.resolve("kubernetes-validate.log");
    Process process =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    if (!process.waitFor(5, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new AssertionError("kubernetes-validate did not finish in 5 minutes");
    }
    return new Validation(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
  }

  private record Validation(int exitCode, String output) {}
}
