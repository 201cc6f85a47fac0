package io.nightscribe.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.nightscribe.asr.storage.ObjectStores;
import io.nightscribe.asr.storage.StorageUri;
import io.nightscribe.batch.testing.NightscribeProcess;
import io.nightscribe.batch.testing.SampleSpeech;
import io.nightscribe.registry.mlflow.MlflowClient;
import io.nightscribe.registry.mlflow.MlflowRun;
import io.nightscribe.testsupport.HeadlessChromium;
import io.nightscribe.testsupport.MlflowServer;
import io.nightscribe.testsupport.PostgresServer;
import io.nightscribe.testsupport.S3Endpoint;
import io.nightscribe.testsupport.S3ProxyServer;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Three real nights (one with bad inputs) on an S3 server, the ledger in PostgreSQL and MLflow,
 * then {@code nightscribe report}, loaded in headless Chromium: it renders without errors, every
 * chart has data, and the numbers on the page are the ledger's. Also shoots the MLflow UI's page of
 * a night's run. Screenshots go to target/screenshots/ (and to $NIGHTSCRIBE_SCREENSHOTS when set).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NightReportIT {
  private static final List<String> NIGHTS = List.of("2026-11-18", "2026-11-19", "2026-11-20");
  private static final JsonMapper JSON = JsonMapper.builder().build();

  @TempDir static Path workDir;

  private final SampleSpeech samples = SampleSpeech.shared();
  private String ledgerUrl;
  private Path config;
  private StorageUri outputRoot;
  private ObjectStores stores;
  private NightscribeProcess nightscribe;
  private HeadlessChromium chromium;

  @BeforeAll
  void runThreeNights() throws Exception {
    S3Endpoint s3 = S3ProxyServer.shared().endpoint();
    stores = ObjectStores.withS3Endpoint(s3.uri(), s3.accessKeyId(), s3.secretAccessKey());
    String raw = S3ProxyServer.shared().createUniqueBucket("raw");
    String out = S3ProxyServer.shared().createUniqueBucket("transcripts");
    outputRoot = StorageUri.parse("s3://" + out + "/");
    List<String> speech = samples.speechKeys();
    Map<String, List<String>> inputs = new LinkedHashMap<>();
    inputs.put(NIGHTS.get(0), speech.subList(0, 4));
    inputs.put(NIGHTS.get(1), speech.subList(4, speech.size()));
    List<String> withBad = new ArrayList<>(speech.subList(0, 6));
    withBad.addAll(samples.badKeys());
    inputs.put(NIGHTS.get(2), withBad);
    inputs.forEach(
        (night, keys) -> {
          StorageUri prefix =
              StorageUri.parse("s3://" + raw + "/calls/" + night.replace('-', '/') + "/");
          samples.uploadTo(stores.forUri(prefix), prefix, keys);
        });

    PostgresServer postgres = PostgresServer.shared();
    ledgerUrl = postgres.newDatabase("report_" + Long.toHexString(System.nanoTime()));
    config =
        Files.writeString(
            workDir.resolve("nightscribe.yml"),
            """
            nightscribe:
              home: %s
              mlflow:
                tracking-uri: %s
              pipelines:
                calls:
                  input: s3://%s/calls/{date:yyyy/MM/dd}/
                  output: s3://%s/
            spring:
              datasource:
                url: %s
                username: %s
                password: %s
            """
                .formatted(
                    workDir.resolve("home"),
                    MlflowServer.shared().trackingUri(),
                    raw,
                    out,
                    ledgerUrl,
                    postgres.user(),
                    postgres.password()));
    nightscribe = new NightscribeProcess(workDir).withS3(s3);
    for (String night : NIGHTS) {
      var run =
          nightscribe.run(
              "transcribe", "--pipeline", "calls", "--date", night, "--config", config.toString());
      assertThat(run.exitCode()).as(run.toString()).isIn(0, 3);
    }
    chromium = HeadlessChromium.start();
  }

  @AfterAll
  void stopBrowser() {
    if (chromium != null) {
      chromium.close();
    }
  }

  @Test
  void theReportRendersWithoutErrorsEveryChartHasDataAndItsNumbersAreTheLedgers() throws Exception {
    Path page = workDir.resolve("report.html");
    var report =
        nightscribe.run(
            "report",
            "--pipeline",
            "calls",
            "--from",
            NIGHTS.get(0),
            "--to",
            "2026-11-21",
            "--output",
            page.toString(),
            "--json",
            "--config",
            config.toString());
    assertThat(report.exitCode()).as(report.toString()).isZero();
    assertThat(JSON.readTree(report.stdout()).get("nights").asInt()).isEqualTo(3);

    try (HeadlessChromium.Page tab = chromium.open(page.toUri(), 1280, 900)) {
      assertThat(tab.errors()).as("errors while rendering").isEmpty();
      assertThat(
              tab.evaluate(
                  "Array.from(document.querySelectorAll('svg.chart')).map(s => s.dataset.chart"
                      + " + '=' + s.querySelectorAll('.datum').length).join(' ')"))
          .asString()
          .as("every chart has data")
          .contains(
              "audio-hours=3", "duration=3", "real-time-factor=3", "quarantines=", "confidence=")
          .doesNotContain("=0");
      assertThat(
              tab.evaluate(
                  "document.querySelectorAll('svg.chart[data-chart=drift] .datum').length"))
          .as("the drifted night's data and prediction scores")
          .isEqualTo((double) driftScoresInRunRecords());

      Map<String, NightInLedger> ledger = nightsInLedger();
      for (String night : NIGHTS) {
        NightInLedger expected = ledger.get(night);
        String row = "document.querySelector('table.nights tr[data-date=\"" + night + "\"] ";
        assertThat(field(tab, row, "inputs"))
            .as(night)
            .isEqualTo(String.valueOf(expected.inputs()));
        assertThat(field(tab, row, "transcribed"))
            .isEqualTo(String.valueOf(expected.transcribed()));
        assertThat(field(tab, row, "quarantined"))
            .isEqualTo(String.valueOf(expected.quarantined()));
        double hours =
            Double.parseDouble(
                (String)
                    tab.evaluate(
                        "document.querySelector('svg[data-chart=audio-hours] .datum[data-x=\""
                            + night.substring(5)
                            + "\"]').dataset.value"));
        assertThat(hours)
            .as(night + " audio hours")
            .isCloseTo(expected.audioMillis() / 3.6e6, within(5e-5));
      }
      String last = NIGHTS.get(2);
      assertThat(quarantinedOnPage(tab))
          .isEqualTo(quarantinedInLedger(last))
          .hasSize(samples.badKeys().size());
      assertThat(slowestOnPage(tab)).isEqualTo(slowestInLedger(last));
      assertThat(
              tab.evaluate("document.querySelector('svg[data-chart=confidence]').dataset.samples"))
          .isEqualTo(String.valueOf(confidencesInProfile(last)));

      shoot(tab, "night-report.png");
    }
  }

  @Test
  void theMlflowRunPageShowsTheNightsNameSourceAuthorAndCommit() throws Exception {
    String night = NIGHTS.get(2);
    JsonNode record = runRecord(night);
    MlflowClient mlflow = MlflowClient.create(MlflowServer.shared().trackingUri(), null);
    MlflowRun run = mlflow.getRun(record.get("mlflow").get("runId").asString());
    String commit = record.get("code").get("gitCommit").asString();
    URI runPage =
        URI.create(
            MlflowServer.shared().trackingUri()
                + "/#/experiments/"
                + run.experimentId()
                + "/runs/"
                + run.runId());

    try (HeadlessChromium.Page tab = chromium.open(runPage, 1400, 1000)) {
      tab.awaitTrue(bodyHas("calls " + night), Duration.ofSeconds(60));
      // MLflow 3 opens in its GenAI view; an operator looking for nights picks "Model training",
      // where the experiment (kind custom_model_development) lists its runs
      assertThat(
              tab.evaluate(
                  "(() => { const toggle = Array.from(document.querySelectorAll('[role=button]'))"
                      + ".find(e => e.textContent.trim() === 'Model training');"
                      + " if (toggle) { toggle.click(); } return !!toggle; })()"))
          .isEqualTo(true);
      tab.awaitTrue(
          bodyHas("Model registry") + " && " + bodyHas("calls " + night), Duration.ofSeconds(60));
      assertThat((String) tab.evaluate("document.body.innerText"))
          .as("the runs list of the experiment under Model training")
          .contains("Runs")
          .containsPattern("\\d+ matching runs?");
      closeAssistant(tab);
      shoot(tab, "mlflow-experiment-runs.png");

      tab.navigate(runPage);
      tab.awaitTrue(
          bodyHas("Created by") + " && " + bodyHas("nightscribe nightly calls"),
          Duration.ofSeconds(60));
      closeAssistant(tab);
      String text = (String) tab.evaluate("document.body.innerText");
      assertThat(text)
          .contains("calls " + night)
          .contains("nightscribe nightly calls")
          .contains("Created by\n" + System.getProperty("user.name"))
          .contains(commit.substring(0, 7))
          .contains("Model registry");
      shoot(tab, "mlflow-run-page.png");
    }
  }

  private static String bodyHas(String text) {
    return "document.body.innerText.includes('" + text + "')";
  }

  /** Closes MLflow's assistant panel, which opens on first load and hides a third of the page. */
  private static void closeAssistant(HeadlessChromium.Page tab) {
    tab.evaluate(
        "document.querySelectorAll('button[aria-label=Close]').forEach(b => b.click()); true");
  }

  private static String field(HeadlessChromium.Page tab, String row, String field) {
    return (String) tab.evaluate(row + "[data-field=" + field + "]').textContent");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, String> quarantinedOnPage(HeadlessChromium.Page tab) {
    Map<String, String> reasons = new TreeMap<>();
    for (Object row :
        (List<Object>)
            tab.evaluate(
                "Array.from(document.querySelectorAll('table.quarantined tr[data-key]')).map(r =>"
                    + " [r.dataset.key, r.querySelector('[data-field=reason]').textContent])")) {
      List<Object> pair = (List<Object>) row;
      reasons.put((String) pair.get(0), (String) pair.get(1));
    }
    return reasons;
  }

  @SuppressWarnings("unchecked")
  private static List<String> slowestOnPage(HeadlessChromium.Page tab) {
    return ((List<Object>)
            tab.evaluate(
                "Array.from(document.querySelectorAll('table.slowest tr[data-key]')).map(r =>"
                    + " r.dataset.key + ' ' + r.querySelector('[data-field=processing-millis]')"
                    + ".dataset.value)"))
        .stream().map(String.class::cast).toList();
  }

  private record NightInLedger(int inputs, int transcribed, int quarantined, long audioMillis) {}

  private Map<String, NightInLedger> nightsInLedger() throws Exception {
    Map<String, NightInLedger> nights = new TreeMap<>();
    try (Connection ledger = ledger();
        ResultSet rows =
            ledger
                .createStatement()
                .executeQuery(
                    """
                    SELECT r.partition_date, COUNT(*) AS inputs,
                      SUM(CASE WHEN i.status = 'TRANSCRIBED' THEN 1 ELSE 0 END) AS transcribed,
                      SUM(CASE WHEN i.status = 'QUARANTINED' THEN 1 ELSE 0 END) AS quarantined,
                      SUM(CASE WHEN i.status = 'TRANSCRIBED' THEN i.audio_millis ELSE 0 END) AS audio
                    FROM ns_run r JOIN ns_run_input i ON i.run_id = r.run_id
                    WHERE r.pipeline = 'calls' GROUP BY r.partition_date
                    """)) {
      while (rows.next()) {
        nights.put(
            rows.getDate(1).toLocalDate().toString(),
            new NightInLedger(rows.getInt(2), rows.getInt(3), rows.getInt(4), rows.getLong(5)));
      }
    }
    assertThat(nights.keySet()).containsExactlyElementsOf(NIGHTS);
    return nights;
  }

  private Map<String, String> quarantinedInLedger(String night) throws Exception {
    Map<String, String> reasons = new TreeMap<>();
    try (Connection ledger = ledger();
        PreparedStatement query =
            ledger.prepareStatement(
                "SELECT i.object_key, i.error_reason FROM ns_run r JOIN ns_run_input i ON i.run_id"
                    + " = r.run_id WHERE r.partition_date = CAST(? AS DATE) AND i.status ="
                    + " 'QUARANTINED'")) {
      query.setString(1, night);
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          reasons.put(rows.getString(1), rows.getString(2));
        }
      }
    }
    return reasons;
  }

  private List<String> slowestInLedger(String night) throws Exception {
    List<String> slowest = new ArrayList<>();
    try (Connection ledger = ledger();
        PreparedStatement query =
            ledger.prepareStatement(
                "SELECT i.object_key, i.processing_millis FROM ns_run r JOIN ns_run_input i ON"
                    + " i.run_id = r.run_id WHERE r.partition_date = CAST(? AS DATE) AND"
                    + " i.processing_millis IS NOT NULL ORDER BY i.processing_millis DESC,"
                    + " i.object_key LIMIT 10")) {
      query.setString(1, night);
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          slowest.add(rows.getString(1) + " " + rows.getLong(2));
        }
      }
    }
    assertThat(slowest).as("every input of the night was timed").hasSize(10);
    return slowest;
  }

  /** Data and prediction drift scores in the nights' run records (the first night has none). */
  private int driftScoresInRunRecords() {
    int scores = 0;
    for (String night : NIGHTS) {
      JsonNode drift = runRecord(night).path("drift");
      for (String kind : List.of("data", "prediction")) {
        scores += drift.path(kind).path("score").isNumber() ? 1 : 0;
      }
    }
    assertThat(scores).as("the later nights drift against a baseline of the earlier").isPositive();
    return scores;
  }

  /** The confidences in the night's profile.json beside its run.json. */
  private int confidencesInProfile(String night) {
    StorageUri profile =
        outputRoot.resolve("_runs/" + runRecord(night).get("runId").asString() + "/profile.json");
    JsonNode confidences =
        JSON.readTree(stores.forUri(profile).readAllBytes(profile))
            .path("numeric")
            .path("confidence");
    assertThat(confidences.size()).as("confidences in " + profile).isPositive();
    return confidences.size();
  }

  private JsonNode runRecord(String night) {
    try (Connection ledger = ledger();
        PreparedStatement query =
            ledger.prepareStatement(
                "SELECT run_record FROM ns_run WHERE partition_date = CAST(? AS DATE)")) {
      query.setString(1, night);
      try (ResultSet row = query.executeQuery()) {
        assertThat(row.next()).as("a run of " + night).isTrue();
        return JSON.readTree(row.getString(1));
      }
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Shoots the page into target/screenshots/, and into $NIGHTSCRIBE_SCREENSHOTS when set. */
  private static void shoot(HeadlessChromium.Page tab, String name) throws Exception {
    Path png = tab.screenshot(Path.of("target", "screenshots", name).toAbsolutePath());
    String also = System.getenv("NIGHTSCRIBE_SCREENSHOTS");
    if (also != null && !also.isBlank()) {
      Files.createDirectories(Path.of(also));
      Files.copy(png, Path.of(also, name), StandardCopyOption.REPLACE_EXISTING);
    }
  }

  private Connection ledger() throws java.sql.SQLException {
    PostgresServer postgres = PostgresServer.shared();
    return DriverManager.getConnection(ledgerUrl, postgres.user(), postgres.password());
  }
}
