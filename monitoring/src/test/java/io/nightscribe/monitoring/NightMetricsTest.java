package io.nightscribe.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.nightscribe.monitoring.drift.DriftKind;
import io.nightscribe.monitoring.drift.DriftLevel;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class NightMetricsTest {
  private static final RunLabels RUN = new RunLabels("twi", "twi-asr", "3", Runner.IN_PROCESS);

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final NightMetrics metrics = NightMetrics.register(registry, RUN);

  @Test
  void registersEveryCounterAndStageAtZeroBeforeAnyWork() {
    // given a run that has done nothing yet
    // then every outcome, reason, dependency and stage series exists, at zero
    for (Outcome outcome : Outcome.values()) {
      assertThat(counter("nightscribe.objects", "outcome", outcome.label())).isZero();
    }
    for (QuarantineReason reason : QuarantineReason.values()) {
      assertThat(counter("nightscribe.quarantined", "reason", reason.label())).isZero();
    }
    for (Dependency dependency : Dependency.values()) {
      assertThat(counter("nightscribe.retries", "dependency", dependency.label())).isZero();
    }
    for (Stage stage : Stage.values()) {
      assertThat(stageTimer(stage).count()).isZero();
    }
    assertThat(registry.get("nightscribe.audio").counter().count()).isZero();
    assertThat(gauge("nightscribe.chunk.queue.depth")).isZero();
    assertThat(gauge("nightscribe.engine.busy")).isZero();
    assertThat(gauge("nightscribe.night.duration")).isZero();
  }

  @Test
  void leavesValuesNotYetKnownOutOfTheRegistry() {
    // given a fresh run
    // then nothing is made up for what only the ledger, the model load or the end knows
    for (String name :
        new String[] {
          "nightscribe.model.load",
          "nightscribe.mlflow.outbox.depth",
          "nightscribe.night.realtime.speed",
          "nightscribe.last.success.timestamp",
          "nightscribe.last.failure.timestamp",
          "nightscribe.schedule.interval",
          "nightscribe.drift.score",
          "nightscribe.drift.level"
        }) {
      assertThat(registry.find(name).meters()).as(name).isEmpty();
    }
  }

  @Test
  void countsObjectsAudioAndQuarantinesByReason() {
    // when
    metrics.transcribed(12.5);
    metrics.transcribed(7.5);
    metrics.quarantined(QuarantineReason.DECODE);
    metrics.quarantined(QuarantineReason.fromLabel("too_large"));
    metrics.quarantined(QuarantineReason.fromLabel("Cannot decode s3://b/k.mp3: truncated"));
    // then
    assertThat(counter("nightscribe.objects", "outcome", "transcribed")).isEqualTo(2);
    assertThat(counter("nightscribe.objects", "outcome", "quarantined")).isEqualTo(3);
    assertThat(registry.get("nightscribe.audio").counter().count()).isEqualTo(20.0);
    assertThat(counter("nightscribe.quarantined", "reason", "decode")).isEqualTo(1);
    assertThat(counter("nightscribe.quarantined", "reason", "too_large")).isEqualTo(1);
    assertThat(counter("nightscribe.quarantined", "reason", "other")).isEqualTo(1);
  }

  @Test
  void timesStagesAndCountsRetries() {
    // when
    metrics.stage(Stage.ENGINE, Duration.ofMillis(1500));
    metrics.stage(Stage.ENGINE, Duration.ofMillis(500));
    metrics.retried(Dependency.S3, 1);
    metrics.retried(Dependency.MLFLOW, 3);
    // then
    Timer engine = stageTimer(Stage.ENGINE);
    assertThat(engine.count()).isEqualTo(2);
    assertThat(engine.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(2000.0);
    assertThat(counter("nightscribe.retries", "dependency", "s3")).isEqualTo(1);
    assertThat(counter("nightscribe.retries", "dependency", "mlflow")).isEqualTo(3);
    assertThat(counter("nightscribe.retries", "dependency", "ledger")).isZero();
    assertThatThrownBy(() -> metrics.retried(Dependency.LEDGER, -1))
        .hasMessageContaining("Invalid retry count: -1");
  }

  @Test
  void carriesTheRunLabelsOnRunMetricsAndOnlyThePipelineOnPipelineStatus() {
    // when
    metrics.lastSuccess(Instant.parse("2026-11-21T05:00:00Z"));
    metrics.mlflowOutboxDepth(2);
    // then
    Meter objects = registry.get("nightscribe.objects").tag("outcome", "transcribed").meter();
    assertThat(objects.getId().getTags())
        .extracting(tag -> tag.getKey() + "=" + tag.getValue())
        .containsExactlyInAnyOrder(
            "pipeline=twi",
            "model=twi-asr",
            "model_version=3",
            "runner=in-process",
            "outcome=transcribed");
    Meter success = registry.get("nightscribe.last.success.timestamp").meter();
    assertThat(success.getId().getTags())
        .extracting(tag -> tag.getKey() + "=" + tag.getValue())
        .containsExactly("pipeline=twi");
    assertThat(gauge("nightscribe.last.success.timestamp")).isEqualTo(1_795_237_200.0);
    assertThat(gauge("nightscribe.mlflow.outbox.depth")).isEqualTo(2.0);
  }

  @Test
  void setsDurationAndRealTimeSpeedAtTheEndOfTheNight() {
    // given
    metrics.nightElapsed(Duration.ofMinutes(30));
    assertThat(gauge("nightscribe.night.duration")).isEqualTo(1800.0);
    // when 10 h of audio took 2 h
    metrics.nightEnded(36_000, Duration.ofHours(2));
    // then
    assertThat(gauge("nightscribe.night.duration")).isEqualTo(7200.0);
    assertThat(gauge("nightscribe.night.realtime.speed")).isEqualTo(5.0);
  }

  @Test
  void keepsTheLongestModelLoad() {
    // when two workers load the model
    metrics.modelLoaded(Duration.ofMillis(2500));
    metrics.modelLoaded(Duration.ofMillis(1200));
    // then
    assertThat(gauge("nightscribe.model.load")).isEqualTo(2.5);
  }

  @Test
  void exposesDriftScoreAndLevelPerKind() {
    // when
    metrics.drift(DriftKind.DATA, 0.31, DriftLevel.ALERT);
    metrics.drift(DriftKind.PREDICTION, 0.04, DriftLevel.OK);
    // then
    assertThat(registry.get("nightscribe.drift.score").tag("kind", "data").gauge().value())
        .isEqualTo(0.31);
    assertThat(registry.get("nightscribe.drift.level").tag("kind", "data").gauge().value())
        .isEqualTo(2.0);
    assertThat(registry.get("nightscribe.drift.level").tag("kind", "prediction").gauge().value())
        .isZero();
  }

  @Test
  void refusesValuesOutsideTheirRange() {
    assertThatThrownBy(() -> metrics.engineBusyRatio(1.2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Invalid engine busy ratio: 1.2 (not in [0, 1])");
    assertThatThrownBy(() -> metrics.drift(DriftKind.DATA, Double.NaN, DriftLevel.OK))
        .hasMessage("Invalid drift score: NaN (not in [0, 1])");
    assertThatThrownBy(() -> metrics.transcribed(-1)).hasMessage("Invalid audio seconds: -1.0");
    assertThatThrownBy(() -> metrics.chunkQueueDepth(-3))
        .hasMessage("Invalid chunk queue depth: -3");
    assertThatThrownBy(() -> metrics.scheduleInterval(Duration.ZERO))
        .hasMessage("Invalid schedule interval: PT0S");
    assertThatThrownBy(() -> new RunLabels("twi", " ", "3", Runner.SPARK))
        .hasMessage("Invalid run labels: model is blank");
  }

  @Test
  void mapsUnknownQuarantineReasonsToOther() {
    assertThat(QuarantineReason.fromLabel("TIMEOUT")).isEqualTo(QuarantineReason.TIMEOUT);
    assertThat(QuarantineReason.fromLabel(null)).isEqualTo(QuarantineReason.OTHER);
    assertThat(QuarantineReason.fromLabel("s3://bucket/2026/11/21/a.wav"))
        .isEqualTo(QuarantineReason.OTHER);
  }

  private double counter(String name, String key, String value) {
    return registry.get(name).tag(key, value).counter().count();
  }

  private double gauge(String name) {
    return registry.get(name).gauge().value();
  }

  private Timer stageTimer(Stage stage) {
    return registry.get("nightscribe.stage.duration").tag("stage", stage.label()).timer();
  }
}
