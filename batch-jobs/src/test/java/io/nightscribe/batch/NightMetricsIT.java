package io.nightscribe.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.nightscribe.batch.testing.NightscribeProcess;
import io.nightscribe.batch.testing.SampleSpeech;
import io.nightscribe.testsupport.PrometheusServer;
import io.nightscribe.testsupport.PushgatewayServer;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A night run by the {@code nightscribe} command with the Pushgateway configured as Spring Boot
 * users configure it (MANAGEMENT_PROMETHEUS_METRICS_EXPORT_PUSHGATEWAY_* environment variables): a
 * real Prometheus scraping a real Pushgateway answers for the night's objects, audio seconds,
 * duration and engine busy ratio what its run.json says; a night whose gateway is unreachable ends
 * as it would without one.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NightMetricsIT {
  private static final String NIGHT = "2026-11-21";
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final int WORKERS = 2;

  @TempDir static Path workDir;

  private final SampleSpeech samples = SampleSpeech.shared();
  private final PushgatewayServer pushgateway = PushgatewayServer.shared();
  private final PrometheusServer prometheus = PrometheusServer.shared();
  private final String pipeline = "metrics" + Long.toHexString(System.nanoTime());
  private Instant started;
  private NightscribeProcess.Finished night;
  private JsonNode runJson;

  @BeforeAll
  void runANightThatPushes() throws Exception {
    // a series an earlier run of the pipeline left: the night's PUT must replace the whole group
    pushgateway.put(
        "nightscribe", Map.of("pipeline", pipeline), "nightscribe_left_by_an_earlier_run 1\n");
    started = Instant.now();
    Path folder = workDir.resolve("pushing");
    night =
        new NightscribeProcess(folder)
            .withEnvironment("MANAGEMENT_PROMETHEUS_METRICS_EXPORT_PUSHGATEWAY_ENABLED", "true")
            .withEnvironment(
                "MANAGEMENT_PROMETHEUS_METRICS_EXPORT_PUSHGATEWAY_ADDRESS", pushgateway.address())
            .run(
                "transcribe",
                "--pipeline",
                pipeline,
                "--date",
                NIGHT,
                "--config",
                config(folder, pipeline, samples.keys()).toString());
    runJson = runJson(folder);
  }

  @Test
  void prometheusAnswersTheNightsObjectsAndAudioAsRunJsonHasThem() {
    assertThat(night.exitCode()).as(night.toString()).isEqualTo(3);
    awaitFinalPush();

    assertThat(value("sum(nightscribe_objects_total{%s,outcome=\"transcribed\"})"))
        .isEqualTo(runJson.at("/counts/transcribed").asDouble())
        .isEqualTo(samples.speechKeys().size());
    assertThat(value("sum(nightscribe_objects_total{%s,outcome=\"quarantined\"})"))
        .isEqualTo(runJson.at("/counts/quarantined").asDouble())
        .isEqualTo(samples.badKeys().size());
    assertThat(value("sum(nightscribe_quarantined_total{%s})")).isEqualTo(samples.badKeys().size());
    assertThat(value("sum(nightscribe_audio_seconds_total{%s})"))
        .isPositive()
        .isCloseTo(runJson.at("/metrics/audioSeconds").asDouble(), within(1e-6));
  }

  @Test
  void theNightsDurationIsRunJsonsWallTimeAndTheBusyRatioFitsTheEngineTime() {
    awaitFinalPush();
    double wallSeconds = runJson.at("/metrics/wallSeconds").asDouble();
    assertThat(value("nightscribe_night_duration_seconds{%s}"))
        .isCloseTo(wallSeconds, within(1e-9));
    assertThat(value("nightscribe_night_realtime_speed{%s}"))
        .isCloseTo(runJson.at("/metrics/audioSeconds").asDouble() / wallSeconds, within(1e-9));

    // the workers ran within the night, so their busy share is at least the engine time spread
    // over every worker for the whole night, and never more than all of it
    double busy = value("nightscribe_engine_busy_ratio{%s}");
    double engineSeconds =
        value("sum(nightscribe_stage_duration_seconds_sum{%s,stage=\"engine\"})");
    assertThat(engineSeconds).isPositive();
    assertThat(busy).isBetween(engineSeconds / (WORKERS * wallSeconds), 1.0);
    assertThat(value("sum(nightscribe_stage_duration_seconds_count{%s,stage=\"read\"})"))
        .as("the reads of each input")
        .isEqualTo(samples.keys().size());
    assertThat(value("sum(nightscribe_stage_duration_seconds_count{%s,stage=\"decode\"})"))
        .as("one decode per input read to its end")
        .isBetween((double) samples.speechKeys().size(), (double) samples.keys().size());
    assertThat(value("sum(nightscribe_stage_duration_seconds_count{%s,stage=\"write\"})"))
        .as("one write per transcript")
        .isEqualTo(samples.speechKeys().size());
    assertThat(value("nightscribe_chunk_queue_depth{%s}")).isZero();
    for (String dependency : List.of("s3", "ledger", "mlflow")) {
      assertThat(value("nightscribe_retries_total{%s,dependency=\"" + dependency + "\"}"))
          .as(dependency + " retries")
          .isEqualTo(runJson.at("/retries/" + dependency).asDouble());
    }
  }

  @Test
  void everyPushCarriesTheLedgersLastSuccessAndReplacesTheGroup() {
    awaitFinalPush();
    assertThat(value("nightscribe_last_success_timestamp_seconds{%s}"))
        .isGreaterThanOrEqualTo(started.getEpochSecond())
        .isLessThanOrEqualTo(Instant.now().toEpochMilli() / 1000.0);
    assertThat(value("nightscribe_mlflow_outbox_depth{%s}")).isZero();
    assertThat(pushgateway.metrics()).doesNotContain("nightscribe_left_by_an_earlier_run");
    assertThat(
            prometheus.querySamples(
                "nightscribe_objects_total{pipeline=\"" + pipeline + "\",outcome=\"transcribed\"}"))
        .singleElement()
        .satisfies(
            sample ->
                assertThat(sample.labels())
                    .containsEntry("job", "nightscribe")
                    .containsEntry("runner", "in-process")
                    .containsKeys("model", "model_version"));
  }

  @Test
  void aNightWhoseGatewayIsUnreachableEndsAsItWouldWithoutOne() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    Path folder = workDir.resolve("unreachable");
    NightscribeProcess.Finished unreachable =
        new NightscribeProcess(folder)
            .withEnvironment("MANAGEMENT_PROMETHEUS_METRICS_EXPORT_PUSHGATEWAY_ENABLED", "true")
            .withEnvironment(
                "MANAGEMENT_PROMETHEUS_METRICS_EXPORT_PUSHGATEWAY_ADDRESS",
                "127.0.0.1:" + closedPort)
            .run(
                "transcribe",
                "--pipeline",
                "unreachable",
                "--date",
                NIGHT,
                "--config",
                config(folder, "unreachable", samples.speechKeys()).toString());

    assertThat(unreachable.exitCode()).as(unreachable.toString()).isZero();
    assertThat(runJson(folder).at("/counts/transcribed").asInt())
        .isEqualTo(samples.speechKeys().size());
    assertThat(unreachable.stdout() + unreachable.stderr())
        .contains(
            "Cannot push the metrics of pipeline unreachable to http://127.0.0.1:" + closedPort);
  }

  /** The end-of-night speed exists only in the final push: once Prometheus has it, it has all. */
  private void awaitFinalPush() {
    prometheus.awaitValue("nightscribe_night_realtime_speed{pipeline=\"" + pipeline + "\"}", WAIT);
  }

  /** The single answer to {@code promql}, its {@code %s} replaced by the pipeline's selector. */
  private double value(String promql) {
    return prometheus.awaitValue(promql.formatted("pipeline=\"" + pipeline + "\""), WAIT);
  }

  private Path config(Path folder, String name, List<String> keys) throws IOException {
    Path input = folder.resolve("input/2026/11/21");
    Files.createDirectories(input);
    for (String key : keys) {
      Path target = input.resolve(key);
      Files.createDirectories(target.getParent());
      Files.copy(samples.file(key), target);
    }
    return Files.writeString(
        folder.resolve("nightscribe.yml"),
        """
        nightscribe:
          home: %s
          workers: %d
          pipelines:
            %s:
              input: %s/{date:yyyy/MM/dd}/
              output: %s/
        """
            .formatted(
                folder.resolve("home"),
                WORKERS,
                name,
                folder.resolve("input").toUri().toString().replaceAll("/$", ""),
                folder.resolve("output").toUri().toString().replaceAll("/$", "")));
  }

  private static JsonNode runJson(Path folder) throws IOException {
    try (Stream<Path> files = Files.walk(folder.resolve("output"))) {
      Path record =
          files
              .filter(file -> file.getFileName().toString().equals("run.json"))
              .findFirst()
              .orElseThrow(() -> new AssertionError("No run.json under " + folder));
      return JSON.readTree(Files.readString(record));
    }
  }
}
