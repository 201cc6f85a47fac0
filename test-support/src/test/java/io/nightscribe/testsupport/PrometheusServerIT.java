package io.nightscribe.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PrometheusServerIT {
  private static final Duration WAIT = Duration.ofSeconds(20);

  private final PrometheusServer prometheus = PrometheusServer.shared();
  private final PushgatewayServer pushgateway = PushgatewayServer.shared();

  @Test
  void scrapesWhatIsPushedKeepingThePushedLabels() {
    // given
    pushgateway.put(
        "nightscribe",
        Map.of("pipeline", "scraped"),
        "# TYPE it_answer gauge\nit_answer{model=\"m\"} 42\n");
    // when
    double value = prometheus.awaitValue("it_answer{pipeline=\"scraped\"}", WAIT);
    // then
    assertThat(value).isEqualTo(42.0);
    PrometheusServer.Sample sample = prometheus.querySamples("it_answer").get(0);
    assertThat(sample.labels())
        .containsEntry("job", "nightscribe")
        .containsEntry("pipeline", "scraped")
        .containsEntry("model", "m");
    assertThat(prometheus.query("scalar(it_answer) * 2")).hasValue(84.0);
    assertThat(prometheus.query("it_answer{pipeline=\"nobody\"}")).isEmpty();
  }

  @Test
  void firesARuleLoadedFromAFile(@TempDir Path dir) throws IOException {
    // given
    Path rules = dir.resolve("it-rules.yml");
    Files.writeString(
        rules,
        """
        groups:
          - name: it
            rules:
              - alert: ItTooHigh
                expr: it_level > 10
                labels:
                  severity: test
                annotations:
                  summary: "level {{ $value }}"
        """);
    prometheus.loadRules(rules);
    // when
    pushgateway.put(
        "nightscribe", Map.of("pipeline", "alerting"), "# TYPE it_level gauge\nit_level 11\n");
    // then
    PrometheusServer.Alert alert =
        prometheus.awaitFiring("ItTooHigh", Map.of("pipeline", "alerting"), WAIT);
    assertThat(alert.labels()).containsEntry("severity", "test");
    assertThat(alert.annotations()).containsEntry("summary", "level 11");
    assertThat(alert.value()).isEqualTo(11.0);
  }

  @Test
  void bindsLoopbackAndIsShared() {
    assertThat(prometheus.uri().getHost()).isEqualTo("127.0.0.1");
    assertThat(PrometheusServer.shared()).isSameAs(prometheus);
  }
}
