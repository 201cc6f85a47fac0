package io.nightscribe.batch;

import static org.assertj.core.api.Assertions.assertThat;

import eu.rekawek.toxiproxy.model.ToxicDirection;
import io.nightscribe.asr.Sha256;
import io.nightscribe.asr.storage.ObjectStores;
import io.nightscribe.asr.storage.StorageUri;
import io.nightscribe.batch.testing.NightscribeProcess;
import io.nightscribe.batch.testing.SampleSpeech;
import io.nightscribe.batch.testing.StoredObjects;
import io.nightscribe.testsupport.MlflowServer;
import io.nightscribe.testsupport.PostgresServer;
import io.nightscribe.testsupport.S3Endpoint;
import io.nightscribe.testsupport.S3ProxyServer;
import io.nightscribe.testsupport.ToxiproxyServer;
import io.nightscribe.testsupport.ToxiproxyServer.FaultyLink;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A night run through toxiproxy, between the job and its S3 server, its PostgreSQL ledger and its
 * MLflow server, while the network misbehaves or the database restarts. Either the night completes
 * with exactly the transcripts and manifests of an undisturbed night of the same inputs, or it
 * fails with exit 1 and a one-line reason and, fired again on a healed network, completes with
 * exactly those outputs, each input once.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InjectedFaultsIT {
  private static final String NIGHT = "2026-11-21";
  private static final List<String> CLIPS =
      List.of(
          "flite/sentence-1.m4a",
          "flite/sentence-2.ogg",
          "flite/sentence-3.wav",
          "flite/sentence-4.flac");
  private static final Duration ATTEMPT_TIMEOUT = Duration.ofSeconds(3);
  private static final JsonMapper JSON = JsonMapper.builder().build();

  @TempDir static Path workDir;

  private PostgresServer postgres;
  private S3Endpoint s3;
  private ObjectStores stores;
  private String raw;
  private Outputs reference;
  private final List<FaultyLink> links = new ArrayList<>();
  private int nights;
  private String fault;

  @BeforeAll
  void anUndisturbedNight() throws Exception {
    // its own server: one test restarts it under the running job
    postgres = PostgresServer.startPrivate();
    s3 = S3ProxyServer.shared().endpoint();
    stores = ObjectStores.withS3Endpoint(s3.uri(), s3.accessKeyId(), s3.secretAccessKey());
    raw = S3ProxyServer.shared().createUniqueBucket("raw");
    StorageUri input = StorageUri.parse("s3://" + raw + "/2026/11/21/");
    for (String clip : CLIPS) {
      stores.forUri(input).write(input.resolve(clip), Files.readAllBytes(samples().file(clip)));
    }
    Night undisturbed = night();
    var result = undisturbed.run();
    assertThat(result.exitCode()).as(result.toString()).isZero();
    reference = undisturbed.outputs();
    assertThat(reference.transcripts()).hasSize(CLIPS.size());
  }

  @BeforeEach
  void nameTheFault(TestInfo test) {
    fault = test.getDisplayName();
  }

  @AfterEach
  void deleteProxies() {
    links.forEach(FaultyLink::close);
    links.clear();
  }

  @AfterAll
  void stopPostgres() {
    if (postgres != null) {
      postgres.stop();
    }
  }

  @Test
  void s3LatencyAndJitterOnlySlowTheNight() throws Exception {
    Night night = night();
    night.s3.toxics().latency("slow", ToxicDirection.DOWNSTREAM, 150).setJitter(100);

    assertSurvives(night, night.run());
  }

  @Test
  void s3ConnectionResetsAreRetriedByTheSdk() throws Exception {
    Night night = night();
    night.s3.toxics().resetPeer("reset", ToxicDirection.DOWNSTREAM, 0);

    var running = night.start();
    // every connection is reset until the job has been refused at least twice
    night.s3.awaitClients(2, Duration.ofMinutes(1));
    night.s3.heal();
    var result = running.await();

    assertThat(result.exitCode()).as(result.toString()).isZero();
    JsonNode record = assertSurvives(night, result);
    assertThat(record.get("retries").get("s3").asLong()).isPositive();
  }

  @Test
  void anS3BandwidthLimitOnlySlowsTheNight() throws Exception {
    Night night = night();
    night.s3.toxics().bandwidth("narrow", ToxicDirection.DOWNSTREAM, 64);
    night.s3.toxics().bandwidth("narrow-up", ToxicDirection.UPSTREAM, 64);

    assertSurvives(night, night.run());
  }

  @Test
  void aStalledS3ConnectionTimesOutAndIsRetried() throws Exception {
    Night night = night();
    night.s3.toxics().timeout("stall", ToxicDirection.DOWNSTREAM, 0);

    var running = night.start();
    // the first call hangs: it must outlive one attempt timeout before the network heals
    night.s3.awaitClients(1, Duration.ofMinutes(1));
    Thread.sleep(ATTEMPT_TIMEOUT.plusSeconds(2).toMillis());
    night.s3.heal();
    var result = running.await();

    assertThat(result.exitCode()).as(result.toString()).isZero();
    JsonNode record = assertSurvives(night, result);
    assertThat(record.get("retries").get("s3").asLong()).isPositive();
  }

  @Test
  void ledgerConnectionResetsMidRun() throws Exception {
    Night night = night();

    var running = night.start();
    night.awaitFirstTranscript();
    night.ledger.toxics().resetPeer("reset", ToxicDirection.DOWNSTREAM, 0);
    Thread.sleep(2000);
    night.ledger.heal();

    assertSurvives(night, running.await());
  }

  @Test
  void aDatabaseRestartMidRun() throws Exception {
    Night night = night();

    var running = night.start();
    night.awaitFirstTranscript();
    postgres.restart(Duration.ofSeconds(1));

    assertSurvives(night, running.await());
  }

  @Test
  void mlflowLatencyOnlySlowsTheMirror() throws Exception {
    Night night = night();
    night.mlflow.toxics().latency("slow", ToxicDirection.DOWNSTREAM, 300).setJitter(100);

    JsonNode record = assertSurvives(night, night.run());
    assertThat(record.get("mlflow").get("state").asString()).isEqualTo("synced");
  }

  @Test
  void mlflowResetsLeaveTheRunInTheOutboxForSync() throws Exception {
    Night night = night();
    night.mlflow.toxics().resetPeer("reset", ToxicDirection.DOWNSTREAM, 0);

    var result = night.run();

    assertThat(result.exitCode()).as(result.toString()).isZero();
    JsonNode pending = assertSurvives(night, result);
    assertThat(pending.get("mlflow").get("state").asString()).isEqualTo("pending");
    assertThat(pending.get("retries").get("mlflow").asLong()).isEqualTo(1);

    // when the network heals, sync publishes it and run.json keeps the failed attempt
    night.mlflow.heal();
    var sync = night.nightscribe.run("mlflow", "sync", "--config", night.config.toString());
    assertThat(sync.exitCode()).as(sync.toString()).isZero();
    JsonNode synced = night.runRecord();
    assertThat(synced.get("mlflow").get("state").asString()).isEqualTo("synced");
    assertThat(synced.get("retries").get("mlflow").asLong()).isEqualTo(1);
  }

  /**
   * The night completed (0 or 3), or failed with exit 1 and one line saying why and then, fired
   * again on a healed network, completed; either way with the undisturbed night's outputs, each
   * input once. Returns its run.json.
   */
  private JsonNode assertSurvives(Night night, NightscribeProcess.Finished first) throws Exception {
    if (first.exitCode() == 1) {
      String reason = lastLine(first.stderr());
      assertThat(reason).as(first.toString()).startsWith("nightscribe: ").doesNotContain("a bug");
      night.healAll();
      var again = night.run();
      assertThat(again.exitCode()).as(again.toString()).isIn(0, 3);
    } else {
      assertThat(first.exitCode()).as(first.toString()).isIn(0, 3);
    }
    Outputs outputs = night.outputs();
    assertThat(outputs.transcripts()).isEqualTo(reference.transcripts());
    assertThat(outputs.manifests()).isEqualTo(reference.manifests());
    assertThat(night.ledgerInputs())
        .as("ledger rows per input")
        .hasSize(CLIPS.size())
        .allSatisfy((key, rows) -> assertThat(rows).as(key).isEqualTo(1));
    JsonNode record = night.runRecord();
    // what each fault did, for docs/operations.md: in the failsafe report's output
    System.out.printf(
        "%s: first firing exit %d (%s); run.json retries %s%n",
        fault, first.exitCode(), lastLine(first.stderr()), record.get("retries"));
    return record;
  }

  private static String lastLine(String text) {
    String[] lines = text.strip().split("\n");
    return lines[lines.length - 1];
  }

  private static SampleSpeech samples() {
    return SampleSpeech.shared();
  }

  /** A night of its own: output bucket, ledger database, and proxies to S3, ledger and MLflow. */
  private Night night() throws Exception {
    int number = ++nights;
    ToxiproxyServer toxiproxy = ToxiproxyServer.shared();
    FaultyLink s3Link = link(toxiproxy.proxy("s3", s3.uri().getPort()));
    FaultyLink ledgerLink = link(toxiproxy.proxy("ledger", postgres.port()));
    URI tracking = MlflowServer.shared().trackingUri();
    FaultyLink mlflowLink = link(toxiproxy.proxy("mlflow", tracking.getPort()));
    String database = "faults_" + number + "_" + Long.toHexString(System.nanoTime());
    postgres.newDatabase(database);
    String out = S3ProxyServer.shared().createUniqueBucket("transcripts");
    Path dir = workDir.resolve("night-" + number);
    Files.createDirectories(dir);
    Path config =
        Files.writeString(
            dir.resolve("nightscribe.yml"),
            """
            nightscribe:
              home: %s
              workers: 1
              s3:
                max-attempts: 8
                base-delay: 200ms
                max-backoff: 2s
                attempt-timeout: %s
              mlflow:
                tracking-uri: %s
                timeout: 5s
              pipelines:
                calls:
                  input: s3://%s/{date:yyyy/MM/dd}/
                  output: s3://%s/
            spring:
              datasource:
                url: jdbc:postgresql://127.0.0.1:%d/%s
                username: %s
                password: %s
            """
                .formatted(
                    dir.resolve("home"),
                    ATTEMPT_TIMEOUT.toMillis() + "ms",
                    mlflowLink.through(tracking),
                    raw,
                    out,
                    ledgerLink.port(),
                    database,
                    postgres.user(),
                    postgres.password()));
    S3Endpoint proxied =
        new S3Endpoint(
            s3Link.through(s3.uri()), s3.accessKeyId(), s3.secretAccessKey(), s3.region());
    return new Night(
        new NightscribeProcess(dir).withS3(proxied),
        config,
        s3Link,
        ledgerLink,
        mlflowLink,
        StorageUri.parse("s3://" + out + "/"),
        postgres.jdbcUrl(database));
  }

  private FaultyLink link(FaultyLink link) {
    links.add(link);
    return link;
  }

  /** The transcripts by key relative to the night's folder, and the run's manifests, by digest. */
  private record Outputs(Map<String, String> transcripts, Map<String, String> manifests) {}

  private final class Night {
    private final NightscribeProcess nightscribe;
    private final Path config;
    private final FaultyLink s3;
    private final FaultyLink ledger;
    private final FaultyLink mlflow;
    private final StorageUri outputRoot;
    private final String ledgerUrl;
    private final StoredObjects stored;

    Night(
        NightscribeProcess nightscribe,
        Path config,
        FaultyLink s3,
        FaultyLink ledger,
        FaultyLink mlflow,
        StorageUri outputRoot,
        String ledgerUrl) {
      this.nightscribe = nightscribe;
      this.config = config;
      this.s3 = s3;
      this.ledger = ledger;
      this.mlflow = mlflow;
      this.outputRoot = outputRoot;
      this.ledgerUrl = ledgerUrl;
      this.stored = new StoredObjects(stores.forUri(outputRoot));
    }

    NightscribeProcess.Finished run() throws Exception {
      return start().await();
    }

    NightscribeProcess.Running start() throws Exception {
      return nightscribe.start(
          "transcribe", "--pipeline", "calls", "--date", NIGHT, "--config", config.toString());
    }

    void healAll() {
      s3.heal();
      ledger.heal();
      mlflow.heal();
    }

    void awaitFirstTranscript() throws InterruptedException {
      StorageUri transcripts = outputRoot.resolve("calls/date=" + NIGHT + "/");
      Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
      while (stored.transcriptsUnder(transcripts) < 1) {
        assertThat(Instant.now()).as("a transcript under " + transcripts).isBefore(deadline);
        Thread.sleep(50);
      }
    }

    Outputs outputs() {
      Map<String, String> transcripts = new TreeMap<>();
      stored
          .under(outputRoot.resolve("calls/date=" + NIGHT + "/"))
          .forEach((key, bytes) -> transcripts.put(key, Sha256.hex(bytes)));
      Map<String, String> manifests = new TreeMap<>();
      String runFolder = runFolder();
      for (String manifest : List.of("inputs.jsonl", "outputs.jsonl", "errors.jsonl")) {
        manifests.put(manifest, Sha256.hex(stored.bytes(outputRoot.resolve(runFolder + manifest))));
      }
      return new Outputs(transcripts, manifests);
    }

    JsonNode runRecord() {
      return JSON.readTree(stored.bytes(outputRoot.resolve(runFolder() + "run.json")));
    }

    /** The one run folder under _runs/: a second run of the night would be a duplicate. */
    private String runFolder() {
      List<String> records =
          stored.under(outputRoot.resolve("_runs/")).keySet().stream()
              .filter(key -> key.endsWith("/run.json"))
              .toList();
      assertThat(records).as("run records").hasSize(1);
      return "_runs/" + records.get(0).substring(0, records.get(0).length() - "run.json".length());
    }

    /** Ledger rows per input key, over every run of the night. */
    Map<String, Integer> ledgerInputs() throws Exception {
      Map<String, Integer> rows = new TreeMap<>();
      try (Connection connection =
              DriverManager.getConnection(ledgerUrl, postgres.user(), postgres.password());
          ResultSet result =
              connection
                  .createStatement()
                  .executeQuery(
                      "SELECT object_key, COUNT(*) FROM ns_run_input GROUP BY object_key")) {
        while (result.next()) {
          rows.put(result.getString(1), result.getInt(2));
        }
      }
      return rows;
    }
  }
}
