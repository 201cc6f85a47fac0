package io.nightscribe.batch.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nightscribe.asr.NightscribeException;
import io.nightscribe.asr.engine.DecodingSettings;
import io.nightscribe.asr.engine.PauseSegmentation;
import io.nightscribe.monitoring.drift.DriftThresholds;
import io.nightscribe.runs.drift.DriftPolicy;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class PipelineCatalogTest {

  @Test
  void pinsTheDefaultsOfAPipeline() {
    var catalog =
        catalog(
            Map.of(
                "nightscribe.pipelines.twi.input",
                "s3://raw/twi/{date:yyyy/MM/dd}/",
                "nightscribe.pipelines.twi.output",
                "s3://out"));

    var twi = catalog.pipeline("twi");

    assertThat(twi.modelReference()).isEqualTo("builtin:vosk-model-small-en-us");
    assertThat(twi.zone()).isEqualTo(ZoneId.of("UTC"));
    assertThat(twi.outputRoot().toString()).isEqualTo("s3://out/");
    assertThat(twi.decoding()).isEqualTo(DecodingSettings.DEFAULTS);
  }

  @Test
  void pinsTheDriftDefaultsAndReadsAPipelinesDriftBlock() {
    var catalog =
        catalog(
            Map.of(
                "nightscribe.pipelines.twi.input", "s3://raw/twi/{date}/",
                "nightscribe.pipelines.twi.output", "s3://out",
                "nightscribe.pipelines.ewe.input", "s3://raw/ewe/{date}/",
                "nightscribe.pipelines.ewe.output", "s3://out",
                "nightscribe.pipelines.ewe.drift.warn", "0.2",
                "nightscribe.pipelines.ewe.drift.alert", "0.4",
                "nightscribe.pipelines.ewe.drift.retrain", "0.8",
                "nightscribe.pipelines.ewe.drift.baseline-nights", "14"));

    assertThat(catalog.of("twi"))
        .isEqualTo(new DriftPolicy(new DriftThresholds(0.10, 0.25, 0.50), 7))
        .isEqualTo(DriftPolicy.DEFAULT);
    assertThat(catalog.of("ewe"))
        .isEqualTo(new DriftPolicy(new DriftThresholds(0.2, 0.4, 0.8), 14));
    assertThat(catalog.of("adhoc")).isEqualTo(DriftPolicy.DEFAULT);
  }

  @Test
  void thresholdsOutOfOrderAreAConfigurationErrorNamingTheBlock() {
    var catalog =
        catalog(
            Map.of(
                "nightscribe.pipelines.twi.input", "s3://raw/twi/{date}/",
                "nightscribe.pipelines.twi.output", "s3://out",
                "nightscribe.pipelines.twi.drift.alert", "0.6"));

    assertThatThrownBy(() -> catalog.pipeline("twi"))
        .isInstanceOf(NightscribeException.class)
        .hasMessage(
            "Invalid pipeline 'twi': Invalid drift thresholds: need 0 <= warn <= alert <= retrain"
                + " <= 1, got 0.1, 0.6, 0.5 (fix nightscribe.pipelines.twi)");
    assertThatThrownBy(() -> catalog.of("twi"))
        .isInstanceOf(NightscribeException.class)
        .hasMessage(
            "Invalid pipeline 'twi': Invalid drift thresholds: need 0 <= warn <= alert <= retrain"
                + " <= 1, got 0.1, 0.6, 0.5 (fix nightscribe.pipelines.twi.drift)");
  }

  @Test
  void pinsTheApplicationDefaults() {
    var properties = bind(Map.of());

    assertThat(properties.home())
        .isEqualTo(Path.of(System.getProperty("user.home"), ".nightscribe"));
    assertThat(properties.workers()).isZero();
    assertThat(properties.effectiveWorkers()).isEqualTo(Runtime.getRuntime().availableProcessors());
    assertThat(properties.mlflow().enabled()).isFalse();
    assertThat(properties.pipelines()).isEmpty();
  }

  @Test
  void pinsTheSchedulerAndHealthDefaults() {
    var properties = bind(Map.of());
    Clock wall = Clock.fixed(Instant.parse("2026-12-01T00:00:00Z"), ZoneOffset.UTC);

    var scheduler = properties.scheduler();
    assertThat(scheduler.pollInterval()).isEqualTo(java.time.Duration.ofSeconds(30));
    assertThat(scheduler.catchUpWindow()).isEqualTo(java.time.Duration.ofDays(7));
    assertThat(scheduler.threads()).isEqualTo(4);
    assertThat(scheduler.concurrentBackfills()).isEqualTo(1);
    assertThat(scheduler.rehearsal().scheduleClock(wall)).isSameAs(wall);
    // a night is taken over once its run is surely stale too: 1m + 2 x 15s
    assertThat(scheduler.firingSettings(properties.runSettings()).nightStaleAfter())
        .isEqualTo(java.time.Duration.ofSeconds(90));
    assertThat(properties.health().deadline()).isEqualTo(java.time.Duration.ofSeconds(10));
    assertThat(properties.health().refreshAfter()).isEqualTo(java.time.Duration.ofMinutes(1));
  }

  @Test
  void aRehearsalClockRunsFasterFromItsOrigin() {
    var properties =
        bind(
            Map.of(
                "nightscribe.scheduler.rehearsal.speed", "4320",
                "nightscribe.scheduler.rehearsal.origin", "2026-12-01T00:00:00Z",
                "nightscribe.scheduler.rehearsal.starts-at", "2026-11-01T02:00:00Z"));
    Clock wall = Clock.fixed(Instant.parse("2026-12-01T00:00:20Z"), ZoneOffset.UTC);

    // 20 wall seconds at 4320x are one day
    assertThat(properties.scheduler().rehearsal().scheduleClock(wall).instant())
        .isEqualTo(Instant.parse("2026-11-02T02:00:00Z"));
  }

  @Test
  void aRehearsalWithoutItsOriginIsAConfigurationError() {
    var properties = bind(Map.of("nightscribe.scheduler.rehearsal.speed", "100"));

    assertThatThrownBy(() -> properties.scheduler().rehearsal().scheduleClock(Clock.systemUTC()))
        .isInstanceOf(NightscribeException.class)
        .hasMessage(
            "Invalid rehearsal clock: set nightscribe.scheduler.rehearsal.origin and starts-at"
                + " (instants) and a speed of 1 or more, or none of them");
  }

  @Test
  void aPartitionLandsUnderPipelineAndDate() {
    var catalog =
        catalog(
            Map.of(
                "nightscribe.pipelines.twi.input",
                "s3://raw/twi/{date:yyyy/MM/dd}/",
                "nightscribe.pipelines.twi.output",
                "s3://out/",
                "nightscribe.pipelines.twi.time-zone",
                "Africa/Accra"));

    var partition = catalog.pipeline("twi").partition(LocalDate.of(2026, 11, 21));

    assertThat(partition.input().toString()).isEqualTo("s3://raw/twi/2026/11/21/");
    assertThat(partition.transcripts().toString()).isEqualTo("s3://out/twi/date=2026-11-21/");
    assertThat(partition.outputRoot().toString()).isEqualTo("s3://out/");
  }

  @Test
  void yesterdayIsInThePipelinesZone() {
    var catalog =
        catalog(
            Map.of(
                "nightscribe.pipelines.p.input",
                "s3://r/{date}/",
                "nightscribe.pipelines.p.output",
                "s3://o/",
                "nightscribe.pipelines.p.time-zone",
                "Pacific/Kiritimati"));
    // 2026-11-22 02:00 UTC is already 2026-11-22 16:00 in Kiritimati (UTC+14): yesterday there is
    // the 21st.
    var clock = Clock.fixed(Instant.parse("2026-11-22T02:00:00Z"), ZoneOffset.UTC);

    assertThat(catalog.pipeline("p").yesterday(clock)).isEqualTo(LocalDate.of(2026, 11, 21));
  }

  @Test
  void anUnknownPipelineNamesTheDeclaredOnes() {
    var catalog =
        catalog(
            Map.of(
                "nightscribe.pipelines.twi.input",
                "s3://r/",
                "nightscribe.pipelines.twi.output",
                "s3://o/"));

    assertThatThrownBy(() -> catalog.pipeline("ewe"))
        .isInstanceOf(NightscribeException.class)
        .hasMessage(
            "Unknown pipeline 'ewe': declare it under nightscribe.pipelines in your configuration file (declared: twi)");
  }

  @Test
  void aPipelineWithoutOutputIsAConfigurationError() {
    var catalog = catalog(Map.of("nightscribe.pipelines.twi.input", "s3://r/"));

    assertThatThrownBy(() -> catalog.pipeline("twi"))
        .isInstanceOf(NightscribeException.class)
        .hasMessage(
            "Invalid pipeline 'twi': nightscribe.pipelines.twi.output is not set (fix nightscribe.pipelines.twi)");
  }

  @Test
  void aPipelineMayCutFixedWindowsAsRunsBeforeSegmentationAtPausesDid() {
    var catalog = twiDecoding(Map.of("segmentation", "fixed-windows"));

    assertThat(catalog.pipeline("twi").decoding())
        .isEqualTo(DecodingSettings.fixedWindows(30_000, 2_000, 120_000, Map.of()));
  }

  @Test
  void pauseSettingsAreReadFromTheirBlock() {
    var catalog =
        twiDecoding(Map.of("pauses.join-pause-millis", "800", "pauses.threshold-percent", "60"));

    assertThat(catalog.pipeline("twi").decoding().segmentation())
        .contains(new PauseSegmentation("silero-vad-6.2.3", 60, 300, 200, 20_000, 800));
  }

  @Test
  void anUnknownSegmentationNamesTheKnownOnes() {
    var catalog = twiDecoding(Map.of("segmentation", "vad"));

    assertThatThrownBy(() -> catalog.pipeline("twi"))
        .isInstanceOf(NightscribeException.class)
        .hasMessage(
            "Invalid pipeline 'twi': nightscribe.pipelines.twi.decoding.segmentation is 'vad'"
                + " (use pauses or fixed-windows) (fix nightscribe.pipelines.twi)");
  }

  @Test
  void anInvalidOverlapIsAConfigurationError() {
    var catalog =
        catalog(
            Map.of(
                "nightscribe.pipelines.twi.input",
                "s3://r/",
                "nightscribe.pipelines.twi.output",
                "s3://o/",
                "nightscribe.pipelines.twi.decoding.chunk-millis",
                "10000",
                "nightscribe.pipelines.twi.decoding.overlap-millis",
                "6000"));

    assertThatThrownBy(() -> catalog.pipeline("twi"))
        .isInstanceOf(NightscribeException.class)
        .hasMessage(
            "Invalid pipeline 'twi': Invalid overlap: 6000 ms (between 0 and half the chunk, 5000 ms)"
                + " (fix nightscribe.pipelines.twi)");
  }

  /** Pipeline twi with input and output, and these keys under its decoding block. */
  private static PipelineCatalog twiDecoding(Map<String, String> decoding) {
    Map<String, String> properties = new HashMap<>();
    properties.put("nightscribe.pipelines.twi.input", "s3://r/");
    properties.put("nightscribe.pipelines.twi.output", "s3://o/");
    decoding.forEach(
        (key, value) -> properties.put("nightscribe.pipelines.twi.decoding." + key, value));
    return catalog(properties);
  }

  private static PipelineCatalog catalog(Map<String, String> properties) {
    return new PipelineCatalog(bind(properties));
  }

  private static NightscribeProperties bind(Map<String, String> properties) {
    return new Binder(new MapConfigurationPropertySource(properties))
        .bindOrCreate("nightscribe", NightscribeProperties.class);
  }
}
