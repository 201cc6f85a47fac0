package io.nightscribe.batch;

import static org.assertj.core.api.Assertions.assertThat;

import io.nightscribe.asr.storage.ObjectStores;
import io.nightscribe.asr.storage.StorageUri;
import io.nightscribe.batch.testing.NightscribeProcess;
import io.nightscribe.batch.testing.SampleSpeech;
import io.nightscribe.batch.testing.StoredObjects;
import io.nightscribe.registry.mlflow.MlflowClient;
import io.nightscribe.testsupport.MlflowServer;
import io.nightscribe.testsupport.PostgresServer;
import io.nightscribe.testsupport.S3Endpoint;
import io.nightscribe.testsupport.S3ProxyServer;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The scheduler service as operators run it: separate JVMs of the application jar on one PostgreSQL
 * ledger, S3 and MLflow. Days of schedule pass in minutes on a rehearsal clock (one day every
 * {@link #NIGHT} of wall time, the same for every instance): the pipeline's cron and zone, the
 * logical date rule and the ledger are the production ones; only the clock runs fast.
 *
 * <p>Two instances fire a pipeline twice a day ("0 2,14 * * *": the 14:00 firing covers the same
 * date as the 02:00 one, so every night gets a second firing); the instance running a night is
 * killed with SIGKILL in the middle of it. Every (pipeline, date) runs exactly once, the killed
 * night is resumed by the survivor and completes, no run is duplicated in the ledger or MLflow, and
 * every second firing is recorded as the no-op it is. Then the service is stopped for more than
 * three nights and started again: the missed nights run once each, in order, as catch-up, and the
 * schedule goes on. A backfill queued with {@code backfill request} before the service starts is
 * taken by it and shown by {@code backfill status} as run by the scheduler.
 */
class SchedulerIT {
  private static final Duration NIGHT = Duration.ofSeconds(6);
  private static final long SPEED = Duration.ofDays(1).toSeconds() / NIGHT.toSeconds();
  private static final String ZONE = "Asia/Kolkata";

  /** 02:00 in Kolkata on Dec 1st: the night of Nov 30th. */
  private static final Instant FIRST_FIRE = Instant.parse("2026-11-30T20:30:00Z");

  private static final LocalDate FIRST_NIGHT = LocalDate.parse("2026-11-30");
  private static final LocalDate KILLED_NIGHT = FIRST_NIGHT.plusDays(1);
  private static final LocalDate BACKFILL_FROM = LocalDate.parse("2026-10-01");
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Duration TIMEOUT = Duration.ofMinutes(3);

  /** Kept when the test fails: the instances' logs are in it (launch-N.err). */
  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  Path workDir;

  /** Every instance started, killed after the test whatever happened to it. */
  private final List<Instance> instances = new ArrayList<>();

  @AfterEach
  void killInstancesLeftRunning() throws InterruptedException {
    for (Instance instance : instances) {
      if (instance.running().process().isAlive()) {
        instance.kill();
      }
    }
  }

  @Test
  void nightsRunOnceAcrossInstancesAndCrashesAndMissedNightsAreCaughtUpInOrder() throws Exception {
    S3Endpoint s3 = S3ProxyServer.shared().endpoint();
    ObjectStores stores =
        ObjectStores.withS3Endpoint(s3.uri(), s3.accessKeyId(), s3.secretAccessKey());
    String raw = S3ProxyServer.shared().createUniqueBucket("raw");
    String out = S3ProxyServer.shared().createUniqueBucket("transcripts");
    SampleSpeech samples = SampleSpeech.shared();
    String clip = shortestClip(samples);
    List<LocalDate> dates = new ArrayList<>();
    for (int night = 0; night < 30; night++) {
      dates.add(FIRST_NIGHT.plusDays(night));
    }
    for (int night = 0; night < 3; night++) {
      dates.add(BACKFILL_FROM.plusDays(night));
    }
    for (LocalDate date : dates) {
      StorageUri prefix =
          StorageUri.parse("s3://" + raw + "/" + date.toString().replace('-', '/') + "/");
      if (date.equals(KILLED_NIGHT)) {
        // a long night, so the kill lands in the middle of it
        for (String key : samples.speechKeys()) {
          stores.forUri(prefix).write(prefix.resolve(key), Files.readAllBytes(samples.file(key)));
        }
      } else {
        stores
            .forUri(prefix)
            .write(prefix.resolve("clip.wav"), Files.readAllBytes(samples.file(clip)));
      }
    }
    PostgresServer postgres = PostgresServer.shared();
    String ledgerUrl = postgres.newDatabase("scheduler_" + Long.toHexString(System.nanoTime()));
    String mlflowUri = MlflowServer.shared().trackingUri().toString();
    // the schedule starts once the instances had time to start: nothing is caught up before
    Instant origin = Instant.now().plusSeconds(45);
    Path config =
        Files.writeString(
            workDir.resolve("nightscribe.yml"),
            """
            nightscribe:
              home: %s
              workers: 1
              mlflow:
                tracking-uri: %s
              scheduler:
                poll-interval: 1s
                catch-up-window: 30d
                rehearsal:
                  speed: %d
                  origin: %s
                  starts-at: %s
              pipelines:
                calls:
                  input: s3://%s/{date:yyyy/MM/dd}/
                  output: s3://%s/
                  time-zone: %s
                  schedule: "0 2,14 * * *"
            spring:
              datasource:
                url: %s
                username: %s
                password: %s
            logging:
              level:
                io.nightscribe.scheduling: DEBUG
            """
                .formatted(
                    workDir.resolve("home"),
                    mlflowUri,
                    SPEED,
                    origin,
                    FIRST_FIRE.minusSeconds(300),
                    raw,
                    out,
                    ZONE,
                    ledgerUrl,
                    postgres.user(),
                    postgres.password()));
    // the services run nights for minutes: full JIT compilation pays off there, unlike in short CLI
    // runs
    var nightscribe =
        new NightscribeProcess(workDir).withS3(s3).withEnvironment("JAVA_OPTS", "-Xmx1g");
    var ledger = new Ledger(ledgerUrl, postgres);
    StoredObjects stored = new StoredObjects(stores.forUri(StorageUri.parse("s3://" + out + "/")));

    // given a backfill queued for the service, and two instances of the service on one ledger
    var queuing =
        nightscribe.start(
            "backfill",
            "request",
            "--pipeline",
            "calls",
            "--from",
            BACKFILL_FROM.toString(),
            "--to",
            BACKFILL_FROM.plusDays(2).toString(),
            "--max-parallel",
            "2",
            "--reason",
            "late audio",
            "--json",
            "--config",
            config.toString());
    Instance first = start(nightscribe, config);
    Instance second = start(nightscribe, config);
    var queued = queuing.await();
    assertThat(queued.exitCode()).as(queued.toString()).isZero();
    String backfillId = JSON.readTree(queued.stdout()).get("backfillId").asString();
    first.awaitReady();
    second.awaitReady();

    // when the instance running the long night is killed in the middle of it
    StorageUri killedTranscripts =
        StorageUri.parse("s3://" + out + "/calls/date=" + KILLED_NIGHT + "/");
    await("the long night to be half done", () -> stored.transcriptsUnder(killedTranscripts) >= 2);
    long ownerPid = ledger.nightOwnerPid(KILLED_NIGHT);
    Instance victim = first.pid() == ownerPid ? first : second;
    Instance survivor = victim == first ? second : first;
    assertThat(ownerPid).isIn(first.pid(), second.pid());
    victim.kill();
    Map<String, Instant> finishedBeforeKill = ledger.finishedInputs(KILLED_NIGHT);
    assertThat(finishedBeforeKill)
        .as("the kill must land mid-night")
        .hasSizeBetween(1, samples.speechKeys().size() - 1);

    // then the survivor resumes it, and the nights go on
    LocalDate lastBeforeStop = KILLED_NIGHT.plusDays(2);
    await("nights up to " + lastBeforeStop, () -> ledger.completedThrough(lastBeforeStop));
    Map<LocalDate, List<String>> firings = ledger.firings();
    Map<LocalDate, String> nights = ledger.nightStatuses();
    for (LocalDate date : nights.keySet()) {
      if (!date.isAfter(lastBeforeStop)) {
        assertThat(nights.get(date))
            .as(
                "night "
                    + date
                    + ": "
                    + ledger.query(
                        "SELECT message FROM ns_schedule_night WHERE logical_date = DATE '"
                            + date
                            + "'"))
            .isEqualTo("COMPLETED");
        assertThat(ledger.runsOf(date)).as("runs of " + date).isEqualTo(1);
      }
    }
    assertThat(firings.get(KILLED_NIGHT)).as("firings of the killed night").contains("RESUMED");
    assertThat(ledger.finishedInputs(KILLED_NIGHT))
        .hasSize(samples.speechKeys().size())
        .containsAllEntriesOf(finishedBeforeKill);
    assertThat(firings.get(KILLED_NIGHT.plusDays(1)))
        .as("the 02:00 firing ran the night, the 14:00 firing of the same date found it done")
        .containsExactly("RAN", "ALREADY_DONE");

    // and the service tells Prometheus what the ledger knows of the pipeline
    await(
        "the last success on /actuator/prometheus",
        () ->
            survivor
                .metrics()
                .contains("nightscribe_last_success_timestamp_seconds{pipeline=\"calls\"}"));
    assertThat(survivor.metrics())
        .as("twice a day")
        .contains("nightscribe_schedule_interval_seconds{pipeline=\"calls\"} 43200.0")
        .contains("nightscribe_mlflow_outbox_depth{pipeline=\"calls\"}");

    // and the queued backfill was taken by the service, its status shown by the command
    await(
        "the queued backfill",
        () ->
            ledger
                .query("SELECT status FROM ns_backfill WHERE backfill_id = '" + backfillId + "'")
                .equals(List.of("COMPLETED")));
    var showing =
        nightscribe.start(
            "backfill", "status", backfillId, "--json", "--config", config.toString());

    // when the service is stopped for more than three nights and started again
    survivor.stop();
    LocalDate lastRun = ledger.latestNight();
    Thread.sleep(NIGHT.multipliedBy(3).plusSeconds(2).toMillis());
    var backfill = showing.await();
    assertThat(backfill.exitCode()).as(backfill.toString()).isZero();
    JsonNode status = JSON.readTree(backfill.stdout());
    assertThat(status.get("status").asString()).isEqualTo("COMPLETED");
    assertThat(status.get("runBy").asString()).isEqualTo("SCHEDULER");
    assertThat(status.get("partitions"))
        .extracting(p -> p.get("status").asString())
        .containsExactly("COMPLETED", "COMPLETED", "COMPLETED");
    Instance restarted = start(nightscribe, config);
    restarted.awaitReady();

    // then every missed night runs once, oldest first, as catch-up, and the schedule continues
    await("a night on schedule after the catch-up", () -> ledger.scheduledAfterCatchUp(lastRun));
    List<Ledger.Night> after = ledger.nightsAfter(lastRun);
    for (int i = 0; i < after.size(); i++) {
      Ledger.Night night = after.get(i);
      assertThat(night.date()).isEqualTo(lastRun.plusDays(i + 1));
      if (night.status().equals("COMPLETED")) {
        assertThat(ledger.runsOf(night.date())).as("runs of " + night.date()).isEqualTo(1);
      }
    }
    assertThat(after).isSortedAccordingTo(Comparator.comparing(Ledger.Night::startedAt));
    assertThat(after.stream().filter(n -> n.firedAs().equals("CATCH_UP")).count())
        .as("nights caught up")
        .isGreaterThanOrEqualTo(3);
    assertThat(after.get(0).firedAs()).isEqualTo("CATCH_UP");
    restarted.stop();

    // and no night has two runs in the ledger or in MLflow; every run mirrored is mirrored once
    Map<String, LocalDate> runs = ledger.nightlyRuns();
    assertThat(runs.values()).doesNotHaveDuplicates();
    List<String> synced =
        ledger.query(
            "SELECT run_id FROM ns_run WHERE pipeline = 'calls' AND mlflow_state = 'synced'");
    assertThat(synced).as("runs mirrored to MLflow").hasSizeGreaterThan(runs.size() / 2);
    MlflowClient mlflow = MlflowClient.create(URI.create(mlflowUri), null);
    String experiment = mlflow.getOrCreateExperiment("nightscribe/calls");
    for (String runId : runs.keySet()) {
      // the night running when the test stopped the service last has no MLflow run yet
      assertThat(mlflow.searchRunsByTag(experiment, "nightscribe.run_id", runId))
          .as("MLflow runs of " + runId)
          .hasSize(synced.contains(runId) ? 1 : 0);
    }
  }

  private Instance start(NightscribeProcess nightscribe, Path config) throws Exception {
    Instance instance = Instance.start(nightscribe, config);
    instances.add(instance);
    return instance;
  }

  private static String shortestClip(SampleSpeech samples) {
    return samples.speechKeys().stream()
        .min(Comparator.comparingLong(key -> samples.file(key).toFile().length()))
        .orElseThrow();
  }

  private static void await(String what, BooleanSupplier condition) throws InterruptedException {
    Instant deadline = Instant.now().plus(TIMEOUT);
    while (!condition.getAsBoolean()) {
      assertThat(Instant.now()).as("waiting for " + what).isBefore(deadline);
      Thread.sleep(200);
    }
  }

  /** One instance of the service: a child JVM with its own HTTP port. */
  private record Instance(NightscribeProcess.Running running, int port) {
    static Instance start(NightscribeProcess nightscribe, Path config) throws Exception {
      int port;
      try (ServerSocket socket = new ServerSocket(0)) {
        port = socket.getLocalPort();
      }
      return new Instance(
          nightscribe.start(
              "scheduler", "--config", config.toString(), "--port", Integer.toString(port)),
          port);
    }

    long pid() {
      return running.process().pid();
    }

    void awaitReady() throws Exception {
      HttpClient http = HttpClient.newHttpClient();
      HttpRequest readiness =
          HttpRequest.newBuilder(
                  URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness"))
              .timeout(Duration.ofSeconds(5))
              .build();
      Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
      while (true) {
        assertThat(running.process().isAlive())
            .as("the service exited: " + Files.readString(running.stderr()))
            .isTrue();
        assertThat(Instant.now()).as("readiness of the service").isBefore(deadline);
        try {
          if (http.send(readiness, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
            return;
          }
        } catch (java.io.IOException notListeningYet) {
          // the web server starts last
        }
        Thread.sleep(250);
      }
    }

    void kill() throws InterruptedException {
      running.kill();
    }

    /** The service's /actuator/prometheus, empty when it does not answer. */
    String metrics() {
      try {
        HttpResponse<String> response =
            HttpClient.newHttpClient()
                .send(
                    HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + port + "/actuator/prometheus"))
                        .timeout(Duration.ofSeconds(5))
                        .build(),
                    HttpResponse.BodyHandlers.ofString());
        return response.statusCode() == 200 ? response.body() : "";
      } catch (java.io.IOException e) {
        return "";
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return "";
      }
    }

    /** SIGTERM, as a Deployment stops a pod. */
    void stop() throws InterruptedException {
      running.process().destroy();
      running.process().waitFor();
    }
  }

  /** What the test reads from the ledger. */
  private record Ledger(String url, PostgresServer postgres) {
    record Night(LocalDate date, String status, String firedAs, Instant startedAt) {}

    long nightOwnerPid(LocalDate date) throws Exception {
      String owner =
          single("SELECT owner FROM ns_schedule_night WHERE logical_date = DATE '" + date + "'");
      return Long.parseLong(owner.substring(0, owner.indexOf('@')));
    }

    boolean completedThrough(LocalDate date) {
      return query(
              "SELECT COUNT(*) FROM ns_schedule_night WHERE status = 'COMPLETED' AND logical_date = DATE '"
                  + date
                  + "'")
          .equals(List.of("1"));
    }

    LocalDate latestNight() throws Exception {
      return LocalDate.parse(single("SELECT MAX(logical_date) FROM ns_schedule_night"));
    }

    /** Nights were caught up after {@code lastRun}, and a later one completed on schedule. */
    boolean scheduledAfterCatchUp(LocalDate lastRun) {
      List<Night> after = nightsAfter(lastRun);
      LocalDate lastCaughtUp =
          after.stream()
              .filter(n -> n.firedAs().equals("CATCH_UP"))
              .map(Night::date)
              .max(Comparator.naturalOrder())
              .orElse(LocalDate.MAX);
      return after.stream()
          .filter(n -> n.date().isAfter(lastCaughtUp))
          .anyMatch(n -> n.firedAs().equals("SCHEDULE") && n.status().equals("COMPLETED"));
    }

    List<Night> nightsAfter(LocalDate date) {
      List<Night> nights = new ArrayList<>();
      rows(
          "SELECT logical_date, status, fired_as, started_at FROM ns_schedule_night WHERE logical_date > DATE '"
              + date
              + "' ORDER BY logical_date",
          row ->
              nights.add(
                  new Night(
                      row.getDate(1).toLocalDate(),
                      row.getString(2),
                      row.getString(3),
                      row.getTimestamp(4).toInstant())));
      return nights;
    }

    Map<LocalDate, String> nightStatuses() {
      Map<LocalDate, String> nights = new TreeMap<>();
      rows(
          "SELECT logical_date, status FROM ns_schedule_night",
          row -> nights.put(row.getDate(1).toLocalDate(), row.getString(2)));
      return nights;
    }

    Map<LocalDate, List<String>> firings() {
      Map<LocalDate, List<String>> firings = new HashMap<>();
      rows(
          "SELECT logical_date, outcome FROM ns_schedule_firing ORDER BY firing_id",
          row ->
              firings
                  .computeIfAbsent(row.getDate(1).toLocalDate(), d -> new ArrayList<>())
                  .add(row.getString(2)));
      return firings;
    }

    long runsOf(LocalDate date) throws Exception {
      return Long.parseLong(
          single(
              "SELECT COUNT(*) FROM ns_run WHERE pipeline = 'calls' AND partition_date = DATE '"
                  + date
                  + "'"));
    }

    Map<String, LocalDate> nightlyRuns() {
      Map<String, LocalDate> runs = new HashMap<>();
      rows(
          "SELECT run_id, partition_date FROM ns_run WHERE pipeline = 'calls'",
          row -> runs.put(row.getString(1), row.getDate(2).toLocalDate()));
      return runs;
    }

    Map<String, Instant> finishedInputs(LocalDate date) {
      Map<String, Instant> finished = new TreeMap<>();
      rows(
          """
          SELECT i.object_key, i.updated_at FROM ns_run_input i JOIN ns_run r ON r.run_id = i.run_id
          WHERE r.partition_date = DATE '%s' AND i.status <> 'PENDING'
          """
              .formatted(date),
          row -> finished.put(row.getString(1), row.getTimestamp(2).toInstant()));
      return finished;
    }

    private String single(String sql) throws Exception {
      List<String> values = query(sql);
      assertThat(values).as(sql).hasSize(1);
      return values.get(0);
    }

    private List<String> query(String sql) {
      List<String> values = new ArrayList<>();
      rows(sql, row -> values.add(row.getString(1)));
      return values;
    }

    private interface Row {
      void accept(ResultSet row) throws java.sql.SQLException;
    }

    private void rows(String sql, Row each) {
      try (Connection connection =
              DriverManager.getConnection(url, postgres.user(), postgres.password());
          ResultSet rows = connection.createStatement().executeQuery(sql)) {
        while (rows.next()) {
          each.accept(rows);
        }
      } catch (java.sql.SQLException e) {
        throw new IllegalStateException("Cannot read the ledger: " + e.getMessage(), e);
      }
    }
  }
}
