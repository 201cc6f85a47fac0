package io.nightscribe.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.nightscribe.monitoring.drift.DriftKind;
import io.nightscribe.monitoring.drift.DriftLevel;
import io.nightscribe.testsupport.PrometheusServer;
import io.nightscribe.testsupport.PushgatewayServer;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The whole path of the contract on real servers: a run's metrics, registered by {@link
 * NightMetrics} on Micrometer's Prometheus registry, pushed with a plain HTTP PUT of the scrape
 * text to a real Pushgateway under job {@code nightscribe} and grouping key {@code pipeline},
 * scraped by a real Prometheus that evaluates nightscribe-rules.yml as committed.
 *
 * <p>It stays well under a minute (about 10 s with both servers' start) without a test copy of the
 * rules: the missed-night and drift rules have no {@code for:} (their expressions already hold the
 * grace: interval + 2 h, a night's drift level), and the servers scrape and evaluate every second,
 * so an alert fires one or two seconds after the push.
 */
class NightAlertsIT {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static PrometheusServer prometheus;
  private static PushgatewayServer pushgateway;

  @BeforeAll
  static void loadTheRules() {
    prometheus = PrometheusServer.shared();
    pushgateway = PushgatewayServer.shared();
    prometheus.loadRules(AlertRulesTest.RULES);
  }

  @Test
  void aNightMissedThreeDaysAgoFiresAndAFreshOneDoesNot() {
    // given one pipeline whose last success was three days ago, another's an hour ago
    Instant now = Instant.now();
    push(
        "it-missed",
        metrics -> {
          metrics.transcribed(120);
          metrics.transcribed(60);
          metrics.quarantined(QuarantineReason.DECODE);
          metrics.lastSuccess(now.minus(Duration.ofDays(3)));
        });
    push("it-fresh", metrics -> metrics.lastSuccess(now.minus(Duration.ofHours(1))));
    // when Prometheus has scraped both
    double transcribed =
        prometheus.awaitValue(
            "nightscribe_objects_total{pipeline=\"it-missed\",outcome=\"transcribed\"}", WAIT);
    prometheus.awaitValue(
        "nightscribe_last_success_timestamp_seconds{pipeline=\"it-fresh\"}", WAIT);
    // then the query returns the pushed count with the contract's labels, and the rule fires
    assertThat(transcribed).isEqualTo(2.0);
    PrometheusServer.Sample audio =
        prometheus.querySamples("nightscribe_audio_seconds_total{pipeline=\"it-missed\"}").get(0);
    assertThat(audio.value()).isEqualTo(180.0);
    assertThat(audio.labels())
        .containsEntry("job", "nightscribe")
        .containsEntry("model", "it-model")
        .containsEntry("model_version", "7")
        .containsEntry("runner", "in-process");
    PrometheusServer.Alert missed =
        prometheus.awaitFiring("NightscribeNightMissed", Map.of("pipeline", "it-missed"), WAIT);
    assertThat(missed.labels()).containsEntry("severity", "critical");
    assertThat(missed.annotations().get("summary"))
        .startsWith("nightscribe it-missed: no successful night for 3d 0h");
    assertThat(prometheus.alerts())
        .noneMatch(
            alert ->
                "NightscribeNightMissed".equals(alert.labels().get("alertname"))
                    && "it-fresh".equals(alert.labels().get("pipeline")));
  }

  @Test
  void aNightWhoseDataDriftedToAlertFiresTheDriftAlert() {
    // when a run pushes its drift at the end of the night
    push(
        "it-drift",
        metrics -> {
          metrics.lastSuccess(Instant.now());
          metrics.drift(DriftKind.DATA, 0.31, DriftLevel.ALERT);
          metrics.drift(DriftKind.PREDICTION, 0.02, DriftLevel.OK);
        });
    // then
    PrometheusServer.Alert drift =
        prometheus.awaitFiring(
            "NightscribeDriftAlert", Map.of("pipeline", "it-drift", "kind", "data"), WAIT);
    assertThat(drift.value()).isEqualTo(0.31);
    assertThat(drift.annotations().get("summary"))
        .isEqualTo("nightscribe it-drift: data drift 0.31 is above alert");
  }

  /** A run's registry, set up by {@code run}, pushed the way runs push: PUT of the scrape text. */
  private static void push(String pipeline, Consumer<NightMetrics> run) {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    NightMetrics metrics =
        NightMetrics.register(
            registry, new RunLabels(pipeline, "it-model", "7", Runner.IN_PROCESS));
    run.accept(metrics);
    pushgateway.put("nightscribe", Map.of(LabelKeys.PIPELINE, pipeline), registry.scrape());
  }
}
