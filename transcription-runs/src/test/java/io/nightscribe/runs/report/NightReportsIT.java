package io.nightscribe.runs.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nightscribe.asr.storage.ObjectInfo;
import io.nightscribe.asr.storage.ObjectStores;
import io.nightscribe.asr.storage.StorageUri;
import io.nightscribe.runs.jdbc.Sql;
import io.nightscribe.runs.ledger.InputOutcome;
import io.nightscribe.runs.ledger.JobKind;
import io.nightscribe.runs.ledger.MlflowSync;
import io.nightscribe.runs.ledger.RunLedger;
import io.nightscribe.runs.ledger.RunRow;
import io.nightscribe.runs.ledger.RunStatus;
import io.nightscribe.runs.report.NightDetail.TimedObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

/**
 * A report gathered from the embedded H2 ledger (migrated by the application's Flyway scripts) and
 * run folders on the file system: three nights, a rerun, a model change, quarantines, drift and
 * profiles as the run core and drift detection record them.
 */
class NightReportsIT {
  private static final LocalDate FIRST = LocalDate.parse("2026-11-20");

  @TempDir Path workDir;

  private RunLedger ledger;
  private NightReports reports;
  private String outputRoot;
  private final ObjectStores stores = ObjectStores.standard();

  @BeforeEach
  void ledger() {
    JdbcDataSource dataSource = new JdbcDataSource();
    dataSource.setURL("jdbc:h2:file:" + workDir.resolve("ledger") + ";MODE=PostgreSQL");
    dataSource.setUser("sa");
    Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
    ledger = new RunLedger(new Sql(dataSource), Clock.systemUTC());
    reports = new NightReports(ledger, stores, JsonMapper.builder().build());
    outputRoot = workDir.resolve("out").toUri().toString();
  }

  @Test
  void countsAudioAndQuarantinesComeFromTheLedgerAndTimesFromRunJson() {
    String replaced = night(FIRST, "1", List.of(2000L), List.of(), null);
    String first = night(FIRST, "1", List.of(1000L, 3000L), List.of("decode"), null);
    night(FIRST.plusDays(1), "1", List.of(5000L), List.of("read", "decode"), null);
    String last =
        night(
            FIRST.plusDays(2),
            "2",
            List.of(4000L, 6000L, 500L),
            List.of(),
            "{\"reference\":\"model\",\"data\":{\"score\":0.31,\"level\":\"alert\","
                + "\"decidedBy\":\"sampleRateHz\"},\"prediction\":{\"score\":0.02,\"level\":\"ok\","
                + "\"decidedBy\":\"confidence\"}}");

    NightReport report =
        reports.report("calls", FIRST, FIRST.plusDays(6), Optional.empty(), Optional.empty());

    assertThat(report.nights())
        .extracting(NightSummary::date)
        .containsExactly(FIRST, FIRST.plusDays(1), FIRST.plusDays(2));
    NightSummary one = report.nights().get(0);
    assertThat(one.runId())
        .as("the rerun of a date replaces it")
        .isEqualTo(first)
        .isNotEqualTo(replaced);
    assertThat(one.inputs()).isEqualTo(3);
    assertThat(one.transcribed()).isEqualTo(2);
    assertThat(one.quarantined()).isEqualTo(1);
    assertThat(one.audioSeconds()).isEqualTo(4.0);
    assertThat(one.wallSeconds()).contains(2.0);
    assertThat(one.realTimeFactor()).contains(0.5);
    assertThat(one.drift()).isEmpty();
    assertThat(report.nights().get(1).quarantinesByStage())
        .containsEntry("read", 1)
        .containsEntry("decode", 1);
    NightSummary three = report.nights().get(2);
    assertThat(three.modelVersion()).isEqualTo("model 2");
    assertThat(three.drift())
        .hasValueSatisfying(
            drift -> {
              assertThat(drift.reference()).isEqualTo("model");
              assertThat(drift.kinds().get("data"))
                  .isEqualTo(new NightDrift.KindScore(0.31, "alert", "sampleRateHz"));
              assertThat(drift.kinds().get("prediction").level()).isEqualTo("ok");
            });

    NightDetail detail = report.detail().orElseThrow();
    assertThat(detail.night().runId()).isEqualTo(last);
    assertThat(detail.slowest())
        .extracting(TimedObject::processingMillis)
        .as("slowest first, as recorded")
        .containsExactly(6000L * 2, 4000L * 2, 500L * 2);
    assertThat(detail.confidence()).hasValueSatisfying(c -> assertThat(c).hasSize(3));
    assertThat(detail.reference())
        .hasValueSatisfying(
            r -> {
              assertThat(r.label()).isEqualTo("the other 2 nights of this report");
              assertThat(r.confidence()).hasSize(2 + 1);
            });
  }

  @Test
  void theRenderedPageCarriesTheNumbersItDrawsAndNoScriptOrRemoteResource() {
    night(FIRST, "1", List.of(1000L, 3000L), List.of("decode"), null);
    night(FIRST.plusDays(1), "2", List.of(7200_000L), List.of(), null);

    String html =
        NightReportHtml.render(
            reports.report(
                "calls", FIRST, FIRST.plusDays(1), Optional.of(FIRST), Optional.empty()));

    assertThat(html)
        .contains(
            "data-chart=\"audio-hours\"",
            "data-chart=\"duration\"",
            "data-chart=\"real-time-factor\"",
            "data-chart=\"quarantines\"",
            "data-chart=\"confidence\"")
        .contains("data-x=\"11-21\" data-value=\"2\"")
        .contains("class=\"model-change\" data-date=\"2026-11-21\"")
        .contains("data-note=\"no-drift\"")
        .contains("<td data-field=\"reason\">decode failed for in/bad-0.wav</td>")
        .doesNotContain("<script", "<link", "@import", "url(", "src=");
    assertThat(html.replace("xmlns=\"http://www.w3.org/2000/svg\"", "")).doesNotContain("http");
  }

  @Test
  void aNightWithoutARunIsRefusedNamingTheNightsThereAre() {
    night(FIRST, "1", List.of(1000L), List.of(), null);

    assertThatThrownBy(
            () ->
                reports.report(
                    "calls",
                    FIRST,
                    FIRST.plusDays(3),
                    Optional.of(FIRST.plusDays(2)),
                    Optional.empty()))
        .hasMessage(
            "Cannot report night 2026-11-22: pipeline calls has no nightly or backfill run of that"
                + " date in the ledger (pick one of [2026-11-20])");
  }

  /**
   * Records a finished night: inputs transcribed with {@code audioMillis} (each took twice its
   * audio in the pipeline) and quarantined at {@code badStages}, its run.json and profile.json.
   */
  private String night(
      LocalDate date,
      String modelVersion,
      List<Long> audioMillis,
      List<String> badStages,
      String drift) {
    String runId = RunLedger.newRunId();
    ledger.createRun(
        new RunRow(
            runId,
            Optional.empty(),
            JobKind.NIGHTLY,
            "calls",
            Optional.of(date),
            "file:///in/",
            outputRoot,
            "builtin",
            "model",
            modelVersion,
            "0".repeat(64),
            "1".repeat(64),
            "{}",
            RunStatus.RUNNING,
            Instant.now(),
            Optional.empty(),
            Optional.empty(),
            MlflowSync.DISABLED,
            Optional.empty(),
            Optional.empty()));
    var planned = new java.util.ArrayList<RunLedger.PlannedObject>();
    for (int i = 0; i < audioMillis.size(); i++) {
      planned.add(planned("good-" + i + ".wav"));
    }
    for (int i = 0; i < badStages.size(); i++) {
      planned.add(planned("bad-" + i + ".wav"));
    }
    ledger.planInputs(runId, planned);
    long total = 0;
    StringBuilder confidences = new StringBuilder();
    for (int i = 0; i < audioMillis.size(); i++) {
      long audio = audioMillis.get(i);
      total += audio;
      ledger.record(
          runId,
          InputOutcome.transcribed(
              "good-" + i + ".wav",
              10,
              "e",
              Optional.empty(),
              "a".repeat(64),
              "{}",
              audio,
              "good-" + i + ".wav.json",
              "b".repeat(64),
              null),
          Duration.ofMillis(2 * audio));
      confidences.append(confidences.isEmpty() ? "" : ",").append("0.").append(5 + i).append("000");
    }
    for (int i = 0; i < badStages.size(); i++) {
      ledger.record(
          runId,
          InputOutcome.quarantined(
              "bad-" + i + ".wav",
              Optional.empty(),
              badStages.get(i) + " failed for in/bad-" + i + ".wav",
              badStages.get(i)));
    }
    double audioSeconds = total / 1000.0;
    String record =
        "{\"runId\":\"%s\",\"metrics\":{\"audioSeconds\":%s,\"wallSeconds\":%s,\"realTimeFactor\":0.5}%s}"
            .formatted(
                runId, audioSeconds, audioSeconds / 2, drift == null ? "" : ",\"drift\":" + drift);
    ledger.finish(runId, RunStatus.COMPLETED, record, MlflowSync.DISABLED, Optional.empty());
    StorageUri profile = StorageUri.parse(outputRoot).resolve("_runs/" + runId + "/profile.json");
    stores
        .forUri(profile)
        .write(
            profile,
            ("{\"numeric\":{\"confidence\":[" + confidences + "]},\"schemaVersion\":1}")
                .getBytes(StandardCharsets.UTF_8));
    return runId;
  }

  private RunLedger.PlannedObject planned(String key) {
    return new RunLedger.PlannedObject(
        key, new ObjectInfo(StorageUri.parse("file:///in/" + key), 10, "e", Optional.empty()));
  }
}
