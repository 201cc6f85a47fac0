package io.nightscribe.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nightscribe.monitoring.drift.DriftThresholds;
import io.nightscribe.monitoring.push.PushTarget;
import io.nightscribe.runs.drift.DriftPolicy;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SparkNightOptionsTest {

  @Test
  void readsWhatTheSubmitterWrites() {
    SparkNightOptions options =
        SparkNightOptions.parse(
            Map.of(),
            "--partition",
            "/tmp/p.json",
            "--ledger-url",
            "jdbc:postgresql://db/nightscribe",
            "--ledger-user",
            "nightscribe",
            "--mlflow",
            "http://mlflow:5000",
            "--model-cache",
            "/cache/models",
            "--stale-run-after",
            "120",
            "--executor-wait",
            "30",
            "--summary",
            "/tmp/summary.json");

    assertThat(options.partition()).isEqualTo(Path.of("/tmp/p.json"));
    assertThat(options.ledgerUser()).contains("nightscribe");
    assertThat(options.mlflowTrackingUri()).contains("http://mlflow:5000");
    assertThat(options.executorModelCache()).isEqualTo("/cache/models");
    assertThat(options.executorWait()).isEqualTo(Duration.ofSeconds(30));
    assertThat(options.heartbeatInterval()).isEqualTo(Duration.ofSeconds(15));
    assertThat(options.summary()).contains(Path.of("/tmp/summary.json"));
    assertThat(options.metrics()).isEmpty();
    assertThat(options.drift()).isEqualTo(DriftPolicy.DEFAULT);
  }

  /** The arguments SparkSubmitterTest expects the submitter to write for the same target. */
  @Test
  void thePushTargetAndDriftPolicyAreTheSubmittersWithThePasswordFromTheEnvironment() {
    SparkNightOptions options =
        SparkNightOptions.parse(
            Map.of(
                "NIGHTSCRIBE_PUSHGATEWAY_PASSWORD", "push-secret",
                "NIGHTSCRIBE_PUSHGATEWAY_TOKEN", ""),
            "--partition",
            "/tmp/p.json",
            "--ledger-url",
            "jdbc:postgresql://db/nightscribe",
            "--pushgateway",
            "https://pushgateway.monitoring:9091",
            "--pushgateway-job",
            "nightscribe-eu",
            "--push-interval-millis",
            "1500",
            "--pushgateway-grouping-key",
            "cluster=eu-1",
            "--pushgateway-grouping-key",
            "tier=gpu",
            "--pushgateway-user",
            "pusher",
            "--drift-warn",
            "0.05",
            "--drift-alert",
            "0.3",
            "--drift-retrain",
            "0.9",
            "--drift-baseline-nights",
            "3");

    assertThat(options.metrics())
        .contains(
            new PushTarget(
                URI.create("https://pushgateway.monitoring:9091"),
                "nightscribe-eu",
                Map.of("cluster", "eu-1", "tier", "gpu"),
                Optional.of(new PushTarget.BasicAuth("pusher", "push-secret")),
                Optional.empty(),
                Duration.ofMillis(1500)));
    assertThat(options.drift()).isEqualTo(new DriftPolicy(new DriftThresholds(0.05, 0.3, 0.9), 3));
  }

  @Test
  void aPushgatewayAloneGetsTheContractsJobAMinuteAndTheTokenFromTheEnvironment() {
    SparkNightOptions options =
        SparkNightOptions.parse(
            Map.of("NIGHTSCRIBE_PUSHGATEWAY_TOKEN", "push-token"),
            "--partition",
            "/tmp/p.json",
            "--ledger-url",
            "jdbc:postgresql://db/nightscribe",
            "--pushgateway",
            "http://127.0.0.1:9091");

    assertThat(options.metrics())
        .contains(
            new PushTarget(
                URI.create("http://127.0.0.1:9091"),
                "nightscribe",
                Map.of(),
                Optional.empty(),
                Optional.of("push-token"),
                Duration.ofMinutes(1)));
  }

  @Test
  void aMissingOrUnknownArgumentIsNamedWithTheUsage() {
    assertThatThrownBy(() -> SparkNightOptions.parse(Map.of(), "--partition", "/tmp/p.json"))
        .hasMessageStartingWith("Missing --partition or --ledger-url; usage: SparkNight");
    assertThatThrownBy(() -> SparkNightOptions.parse(Map.of(), "--ledger-password", "secret"))
        .hasMessageStartingWith("Unknown option --ledger-password; usage:");
    assertThatThrownBy(() -> SparkNightOptions.parse(Map.of(), "--partition"))
        .hasMessageStartingWith("Missing value of --partition");
  }

  @Test
  void aWrongPushTargetOrPolicyIsNamed() {
    assertThatThrownBy(() -> parseWith("--pushgateway-grouping-key", "cluster"))
        .hasMessage("Invalid --pushgateway-grouping-key cluster: give LABEL=VALUE");
    assertThatThrownBy(() -> parseWith("--pushgateway", "pushgateway:9091"))
        .hasMessage(
            "Invalid Pushgateway address pushgateway:9091: the scheme must be http or https");
    assertThatThrownBy(() -> parseWith("--drift-warn", "0.6"))
        .hasMessage(
            "Invalid drift thresholds: need 0 <= warn <= alert <= retrain <= 1, got 0.6, 0.25, 0.5");
  }

  private static SparkNightOptions parseWith(String option, String value) {
    return SparkNightOptions.parse(
        Map.of(),
        "--partition",
        "/tmp/p.json",
        "--ledger-url",
        "jdbc:postgresql://db/nightscribe",
        "--pushgateway",
        "http://127.0.0.1:9091",
        option,
        value);
  }
}
