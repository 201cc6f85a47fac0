package io.nightscribe.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SparkNightOptionsTest {

  @Test
  void readsWhatTheSubmitterWrites() {
    SparkNightOptions options =
        SparkNightOptions.parse(
            "--partition", "/tmp/p.json",
            "--ledger-url", "jdbc:postgresql://db/nightscribe",
            "--ledger-user", "nightscribe",
            "--mlflow", "http://mlflow:5000",
            "--model-cache", "/cache/models",
            "--stale-run-after", "120",
            "--executor-wait", "30",
            "--summary", "/tmp/summary.json");

    assertThat(options.partition()).isEqualTo(Path.of("/tmp/p.json"));
    assertThat(options.ledgerUser()).contains("nightscribe");
    assertThat(options.mlflowTrackingUri()).contains("http://mlflow:5000");
    assertThat(options.executorModelCache()).isEqualTo("/cache/models");
    assertThat(options.executorWait()).isEqualTo(Duration.ofSeconds(30));
    assertThat(options.heartbeatInterval()).isEqualTo(Duration.ofSeconds(15));
    assertThat(options.summary()).contains(Path.of("/tmp/summary.json"));
  }

  @Test
  void aMissingOrUnknownArgumentIsNamedWithTheUsage() {
    assertThatThrownBy(() -> SparkNightOptions.parse("--partition", "/tmp/p.json"))
        .hasMessageStartingWith("Missing --partition or --ledger-url; usage: SparkNight");
    assertThatThrownBy(() -> SparkNightOptions.parse("--ledger-password", "secret"))
        .hasMessageStartingWith("Unknown option --ledger-password; usage:");
    assertThatThrownBy(() -> SparkNightOptions.parse("--partition"))
        .hasMessageStartingWith("Missing value of --partition");
  }
}
