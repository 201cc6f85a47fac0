package io.nightscribe.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.nightscribe.monitoring.drift.DriftKind;
import io.nightscribe.monitoring.drift.DriftLevel;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Pins what Prometheus sees: the scrape text of Micrometer's Prometheus registry holding a run's
 * metrics, every catalog entry set once.
 */
class PrometheusExpositionTest {
  private static final Pattern SAMPLE =
      Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)})? (\\S+)$");
  private static final Pattern LABEL =
      Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private String scrape;

  @BeforeEach
  void runOneNight() {
    NightMetrics metrics =
        NightMetrics.register(registry, new RunLabels("twi", "twi-asr", "3", Runner.SPARK));
    metrics.transcribed(30);
    metrics.quarantined(QuarantineReason.TOO_LARGE);
    metrics.stage(Stage.DECODE, Duration.ofMillis(300));
    metrics.chunkQueueDepth(7);
    metrics.engineBusyRatio(0.8);
    metrics.retried(Dependency.MLFLOW, 1);
    metrics.modelLoaded(Duration.ofSeconds(4));
    metrics.mlflowOutboxDepth(1);
    metrics.nightElapsed(Duration.ofSeconds(10));
    metrics.nightEnded(30, Duration.ofSeconds(12));
    metrics.lastSuccess(Instant.ofEpochSecond(1_763_701_200L));
    metrics.lastFailure(Instant.ofEpochSecond(1_763_600_000L));
    metrics.scheduleInterval(Duration.ofDays(1));
    metrics.drift(DriftKind.DATA, 0.12, DriftLevel.WARN);
    scrape = registry.scrape();
  }

  @Test
  void exposesEveryCatalogMetricUnderItsPrometheusNameWithExactlyItsLabels() {
    Map<String, Set<Set<String>>> labelKeysBySeriesName = labelKeysBySeriesName(samples());
    for (NightMetric metric : NightMetric.values()) {
      for (String series : seriesNames(metric)) {
        Set<String> expected = new TreeSet<>(metric.labelKeys());
        if (series.endsWith("_bucket")) {
          expected.add("le");
        }
        assertThat(labelKeysBySeriesName)
            .as("series %s of %s in%n%s", series, metric, scrape)
            .containsKey(series);
        assertThat(labelKeysBySeriesName.get(series)).as(series).containsOnly(expected);
      }
    }
  }

  @Test
  void exposesNoOtherNightscribeSeries() {
    Set<String> expected = new TreeSet<>();
    for (NightMetric metric : NightMetric.values()) {
      expected.addAll(seriesNames(metric));
    }
    assertThat(labelKeysBySeriesName(samples()).keySet())
        .containsExactlyInAnyOrderElementsOf(expected);
  }

  @Test
  void declaresTheCatalogTypes() {
    for (NightMetric metric : NightMetric.values()) {
      // text format 0.0.4 names a counter family with its _total suffix
      String family = metric.prometheusName();
      String type = metric.type().name().toLowerCase(java.util.Locale.ROOT);
      assertThat(scrape).as(metric.name()).contains("# TYPE " + family + " " + type + "\n");
    }
  }

  @Test
  void exposesValuesInBaseUnits() {
    List<Sample> samples = samples();
    assertThat(value(samples, "nightscribe_objects_total", Map.of("outcome", "transcribed")))
        .isEqualTo(1.0);
    assertThat(value(samples, "nightscribe_audio_seconds_total", Map.of())).isEqualTo(30.0);
    assertThat(value(samples, "nightscribe_quarantined_total", Map.of("reason", "too_large")))
        .isEqualTo(1.0);
    assertThat(
            value(
                samples,
                "nightscribe_stage_duration_seconds_bucket",
                Map.of("stage", "decode", "le", "0.5")))
        .isEqualTo(1.0);
    assertThat(
            value(
                samples,
                "nightscribe_stage_duration_seconds_bucket",
                Map.of("stage", "decode", "le", "0.25")))
        .isEqualTo(0.0);
    assertThat(value(samples, "nightscribe_stage_duration_seconds_sum", Map.of("stage", "decode")))
        .isEqualTo(0.3);
    assertThat(value(samples, "nightscribe_model_load_seconds", Map.of())).isEqualTo(4.0);
    assertThat(value(samples, "nightscribe_night_duration_seconds", Map.of())).isEqualTo(12.0);
    assertThat(value(samples, "nightscribe_night_realtime_speed", Map.of())).isEqualTo(2.5);
    assertThat(value(samples, "nightscribe_last_success_timestamp_seconds", Map.of()))
        .isEqualTo(1.7637012E9);
    assertThat(value(samples, "nightscribe_schedule_interval_seconds", Map.of()))
        .isEqualTo(86400.0);
    assertThat(value(samples, "nightscribe_drift_level", Map.of("kind", "data"))).isEqualTo(1.0);
    assertThat(value(samples, "nightscribe_engine_busy_ratio", Map.of())).isEqualTo(0.8);
    assertThat(
            value(
                samples,
                "nightscribe_objects_total",
                Map.of("runner", "spark", "outcome", "quarantined")))
        .isEqualTo(1.0);
  }

  @Test
  void bucketsStageDurationsAtTheDocumentedBounds() {
    Set<String> bounds = new TreeSet<>();
    for (Sample sample : samples()) {
      if (sample.name().equals("nightscribe_stage_duration_seconds_bucket")
          && "engine".equals(sample.labels().get("stage"))) {
        bounds.add(sample.labels().get("le"));
      }
    }
    assertThat(bounds)
        .containsExactlyInAnyOrder(
            "0.005", "0.01", "0.025", "0.05", "0.1", "0.25", "0.5", "1.0", "2.5", "5.0", "10.0",
            "30.0", "60.0", "300.0", "1800.0", "+Inf");
  }

  /** The series names one catalog entry produces. */
  static List<String> seriesNames(NightMetric metric) {
    String name = metric.prometheusName();
    if (metric.type() == MetricType.HISTOGRAM) {
      return List.of(name + "_bucket", name + "_count", name + "_sum", name + "_max");
    }
    return List.of(name);
  }

  private List<Sample> samples() {
    List<Sample> samples = new ArrayList<>();
    for (String line : scrape.split("\n")) {
      if (line.startsWith("#") || line.isBlank()) {
        continue;
      }
      Matcher matcher = SAMPLE.matcher(line);
      assertThat(matcher.matches()).as("sample line %s", line).isTrue();
      Map<String, String> labels = new TreeMap<>();
      if (matcher.group(2) != null) {
        Matcher label = LABEL.matcher(matcher.group(2));
        while (label.find()) {
          labels.put(label.group(1), label.group(2));
        }
      }
      samples.add(new Sample(matcher.group(1), labels, Double.parseDouble(matcher.group(3))));
    }
    return samples;
  }

  private static Map<String, Set<Set<String>>> labelKeysBySeriesName(List<Sample> samples) {
    Map<String, Set<Set<String>>> keys = new TreeMap<>();
    for (Sample sample : samples) {
      if (sample.name().startsWith("nightscribe_")) {
        keys.computeIfAbsent(sample.name(), unused -> new java.util.HashSet<>())
            .add(new TreeSet<>(sample.labels().keySet()));
      }
    }
    return keys;
  }

  private static double value(List<Sample> samples, String name, Map<String, String> labels) {
    List<Double> values = new ArrayList<>();
    for (Sample sample : samples) {
      if (sample.name().equals(name) && sample.labels().entrySet().containsAll(labels.entrySet())) {
        values.add(sample.value());
      }
    }
    assertThat(values).as("%s%s", name, labels).hasSize(1);
    return values.get(0);
  }

  record Sample(String name, Map<String, String> labels, double value) {}
}
