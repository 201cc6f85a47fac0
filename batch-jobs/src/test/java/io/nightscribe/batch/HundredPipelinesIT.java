package io.nightscribe.batch;

import static org.assertj.core.api.Assertions.assertThat;

import io.nightscribe.batch.testing.NightscribeProcess;
import io.nightscribe.testsupport.MlflowServer;
import io.nightscribe.testsupport.PostgresServer;
import io.nightscribe.testsupport.S3Endpoint;
import io.nightscribe.testsupport.S3ProxyServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * A hundred pipelines configured at once, on real components (an S3 server, the ledger in
 * PostgreSQL, MLflow): the configuration loads and is validated pipeline by pipeline, and {@code
 * health}, {@code schedule list} and {@code k8s render} cover every pipeline. Three in four are
 * scheduled, in four time zones, all on the built-in model. KubernetesManifestsIT checks what such
 * a render writes against the Kubernetes schemas.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HundredPipelinesIT {
  private static final int PIPELINES = 100;
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final YAMLMapper YAML = new YAMLMapper();
  private static final List<String> ZONES =
      List.of("Africa/Accra", "Europe/London", "America/Sao_Paulo", "Asia/Kolkata");

  @TempDir static Path workDir;

  private NightscribeProcess nightscribe;
  private Path config;

  @BeforeAll
  void configureAHundredPipelines() throws Exception {
    S3Endpoint s3 = S3ProxyServer.shared().endpoint();
    String raw = S3ProxyServer.shared().createUniqueBucket("raw");
    String out = S3ProxyServer.shared().createUniqueBucket("transcripts");
    PostgresServer postgres = PostgresServer.shared();
    String ledgerUrl = postgres.newDatabase("hundred_" + Long.toHexString(System.nanoTime()));
    StringBuilder yaml = new StringBuilder();
    yaml.append("nightscribe:\n  home: ").append(workDir.resolve("home")).append('\n');
    yaml.append("  mlflow:\n    tracking-uri: ")
        .append(MlflowServer.shared().trackingUri())
        .append('\n');
    yaml.append("  pipelines:\n");
    for (int i = 0; i < PIPELINES; i++) {
      String name = name(i);
      yaml.append("    ").append(name).append(":\n");
      yaml.append("      input: s3://%s/%s/{date:yyyy/MM/dd}/\n".formatted(raw, name));
      yaml.append("      output: s3://%s/\n".formatted(out));
      yaml.append("      time-zone: ").append(ZONES.get(i % ZONES.size())).append('\n');
      if (scheduled(i)) {
        yaml.append("      schedule: \"").append(cron(i)).append("\"\n");
      }
    }
    yaml.append(
        """
        spring:
          datasource:
            url: %s
            username: %s
            password: %s
        """
            .formatted(ledgerUrl, postgres.user(), postgres.password()));
    config = Files.writeString(workDir.resolve("nightscribe.yml"), yaml);
    nightscribe = new NightscribeProcess(workDir).withS3(s3);
  }

  @Test
  void healthChecksEveryPipelineAndItsSharedModelOnce() throws Exception {
    var health = nightscribe.run("health", "--json", "--config", config.toString());

    assertThat(health.exitCode()).as(health.toString()).isZero();
    JsonNode checks = JSON.readTree(health.stdout()).get("checks");
    List<String> expected = new ArrayList<>(List.of("ledger", "mlflow"));
    for (int i = 0; i < PIPELINES; i++) {
      for (String check : List.of("input", "output", "model", "engine")) {
        expected.add(name(i) + " " + check);
      }
    }
    assertThat(checks.valueStream().map(check -> check.get("dependency").asString()))
        .containsExactlyElementsOf(expected);
    assertThat(checks.valueStream().map(check -> check.get("status").asString()))
        .containsOnly("UP");
    for (String kind : List.of(" model", " engine")) {
      List<String> details =
          checks
              .valueStream()
              .filter(check -> check.get("dependency").asString().endsWith(kind))
              .map(check -> check.get("detail").asString())
              .toList();
      String first = details.get(0);
      assertThat(first).doesNotContain("as checked for");
      assertThat(details.subList(1, PIPELINES))
          .as("every other pipeline's%s check", kind)
          .containsOnly(first + " (as checked for line-000)");
    }
  }

  @Test
  void scheduleListShowsEveryScheduledPipelineWithTheNightsItWillFire() throws Exception {
    var list = nightscribe.run("schedule", "list", "--json", "--config", config.toString());

    assertThat(list.exitCode()).as(list.toString()).isZero();
    List<JsonNode> schedules = JSON.readTree(list.stdout()).valueStream().toList();
    List<Integer> scheduled =
        IntStream.range(0, PIPELINES).filter(i -> scheduled(i)).boxed().toList();
    assertThat(schedules).hasSize(scheduled.size()).hasSize(75);
    for (int n = 0; n < schedules.size(); n++) {
      int i = scheduled.get(n);
      JsonNode schedule = schedules.get(n);
      assertThat(schedule.get("pipeline").asString()).isEqualTo(name(i));
      assertThat(schedule.get("schedule").asString()).isEqualTo(cron(i));
      assertThat(schedule.get("timeZone").asString()).isEqualTo(ZONES.get(i % ZONES.size()));
      assertThat(schedule.get("paused").asBoolean()).isFalse();
      assertThat(schedule.get("next")).hasSize(3);
      for (JsonNode next : schedule.get("next")) {
        ZonedDateTime fireTime = ZonedDateTime.parse(next.get("fireTime").asString());
        ZonedDateTime local = fireTime.withZoneSameInstant(ZoneId.of(ZONES.get(i % ZONES.size())));
        assertThat(local.getMinute()).isEqualTo(i % 60);
        assertThat(local.getHour()).isEqualTo(i % 6);
        assertThat(LocalDate.parse(next.get("date").asString()))
            .isEqualTo(local.toLocalDate().minusDays(1));
      }
    }
  }

  @Test
  void oneInvalidPipelineAmongAHundredIsNamedWithItsFix() throws Exception {
    Path broken =
        Files.writeString(
            workDir.resolve("broken.yml"),
            Files.readString(config).replace("\"" + cron(57) + "\"", "\"61 3 * * *\""));

    var list = nightscribe.run("schedule", "list", "--config", broken.toString());

    assertThat(list.exitCode()).as(list.toString()).isEqualTo(2);
    String[] lines = list.stderr().strip().split("\n");
    assertThat(lines[lines.length - 1])
        .isEqualTo(
            "nightscribe: Invalid pipeline 'line-057': Invalid minute '61' in the schedule: use *,"
                + " numbers 0-59, lists (a,b), ranges (a-b) and steps (*/n); Kubernetes cron has no"
                + " L, W or # (fix nightscribe.pipelines.line-057.schedule)");
  }

  @Test
  void k8sRenderWritesACronJobForEveryScheduledPipeline() throws Exception {
    Path output = workDir.resolve("k8s");
    // the pods read the ledger's password from a Secret: a configuration holding it is refused
    String password = "    password: " + PostgresServer.shared().password() + "\n";
    Path forPods =
        Files.writeString(
            workDir.resolve("for-pods.yml"), Files.readString(config).replace(password, ""));

    var render =
        nightscribe.run(
            "k8s", "render", "--config", forPods.toString(), "--output", output.toString());

    assertThat(render.exitCode()).as(render.toString()).isZero();
    assertThat(render.stdout())
        .startsWith(
            "Rendered 100 pipelines (75 scheduled by CronJobs, 0 on Spark) into " + output + ": ");
    List<String> cronJobs;
    try (Stream<Path> files = Files.list(output.resolve("components/cronjobs"))) {
      cronJobs =
          files
              .map(file -> file.getFileName().toString())
              .filter(file -> file.startsWith("cronjob-"))
              .sorted()
              .toList();
    }
    assertThat(cronJobs)
        .containsExactlyElementsOf(
            IntStream.range(0, PIPELINES)
                .filter(i -> scheduled(i))
                .mapToObj(i -> "cronjob-" + name(i) + ".yaml")
                .toList());
    for (int i : List.of(0, 57, 99)) {
      JsonNode cronJob =
          YAML.readTree(
              output.resolve("components/cronjobs/cronjob-" + name(i) + ".yaml").toFile());
      assertThat(cronJob.at("/metadata/labels/nightscribe.io~1pipeline").asString())
          .isEqualTo(name(i));
      assertThat(cronJob.at("/spec/schedule").asString()).isEqualTo(cron(i));
      assertThat(cronJob.at("/spec/timeZone").asString()).isEqualTo(ZONES.get(i % ZONES.size()));
    }
  }

  private static String name(int i) {
    return "line-%03d".formatted(i);
  }

  private static boolean scheduled(int i) {
    return i % 4 != 2;
  }

  private static String cron(int i) {
    return "%d %d * * *".formatted(i % 60, i % 6);
  }
}
