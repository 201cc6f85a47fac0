package io.nightscribe.batch;

import static org.assertj.core.api.Assertions.assertThat;

import io.nightscribe.asr.Sha256;
import io.nightscribe.asr.manifest.ErrorEntry;
import io.nightscribe.asr.manifest.InputEntry;
import io.nightscribe.asr.manifest.JsonLinesManifest;
import io.nightscribe.asr.manifest.OutputEntry;
import io.nightscribe.asr.storage.ObjectStores;
import io.nightscribe.asr.storage.StorageUri;
import io.nightscribe.asr.text.WordErrorRate;
import io.nightscribe.asr.transcript.TranscriptJson;
import io.nightscribe.batch.testing.NightscribeProcess;
import io.nightscribe.batch.testing.SampleSpeech;
import io.nightscribe.batch.testing.StoredObjects;
import io.nightscribe.registry.mlflow.MlflowClient;
import io.nightscribe.registry.mlflow.MlflowRun;
import io.nightscribe.testsupport.MlflowServer;
import io.nightscribe.testsupport.PostgresServer;
import io.nightscribe.testsupport.S3Endpoint;
import io.nightscribe.testsupport.S3ProxyServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One night as the CronJob runs it, on real components: mixed-format real speech and bad files in
 * an S3 server, the ledger in PostgreSQL, the run mirrored to an MLflow tracking server.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NightlyRunIT {
  private static final String NIGHT = "2026-11-21";
  private static final JsonMapper JSON = JsonMapper.builder().build();

  @TempDir static Path workDir;

  private final SampleSpeech samples = SampleSpeech.shared();
  private NightscribeProcess nightscribe;
  private StoredObjects stored;
  private StorageUri outputRoot;
  private StorageUri transcripts;
  private String ledgerUrl;
  private Path config;
  private NightscribeProcess.Finished night;

  @BeforeAll
  void runTheNight() throws Exception {
    S3Endpoint s3 = S3ProxyServer.shared().endpoint();
    var stores = ObjectStores.withS3Endpoint(s3.uri(), s3.accessKeyId(), s3.secretAccessKey());
    String raw = S3ProxyServer.shared().createUniqueBucket("raw");
    String out = S3ProxyServer.shared().createUniqueBucket("transcripts");
    StorageUri input = StorageUri.parse("s3://" + raw + "/calls/2026/11/21/");
    samples.uploadTo(stores.forUri(input), input);
    outputRoot = StorageUri.parse("s3://" + out + "/");
    transcripts = outputRoot.resolve("calls/date=" + NIGHT + "/");
    stored = new StoredObjects(stores.forUri(outputRoot));

    PostgresServer postgres = PostgresServer.shared();
    ledgerUrl = postgres.newDatabase("nightly_" + Long.toHexString(System.nanoTime()));
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
                  time-zone: Europe/Berlin
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
    night =
        nightscribe.run(
            "transcribe", "--pipeline", "calls", "--date", NIGHT, "--config", config.toString());
  }

  @Test
  void finishesWithExitThreeAndPointsAtTheQuarantineList() {
    assertThat(night.exitCode()).as(night.toString()).isEqualTo(3);
    assertThat(night.stdout())
        .contains("calls " + NIGHT)
        .contains("quarantined inputs and reasons: " + outputRoot + "_runs/")
        .contains("errors.jsonl");
  }

  @Test
  void transcribesCleanReadSpeechAtTheModelsUsualAccuracy() {
    int errors = 0;
    int words = 0;
    for (String key : samples.speechKeys()) {
      var transcript = TranscriptJson.decode(stored.bytes(transcripts.resolve(key + ".json")));
      assertThat(transcript.source().sha256()).isEqualTo(Sha256.hex(fileBytes(key)));
      if (key.startsWith("flite/") || key.startsWith("pocketsphinx/")) {
        WordErrorRate wer = WordErrorRate.of(samples.reference(key), transcript.text());
        errors += wer.errors();
        words += wer.referenceWords();
      }
    }
    assertThat(words).isGreaterThan(100);
    assertThat((double) errors / words).as("WER on clean read speech").isLessThanOrEqualTo(0.20);
  }

  @Test
  void quarantinesEveryBadFileWithItsReasonAndTranscribesTheRest() {
    Map<String, String> reasons =
        JsonLinesManifest.readErrors(runFile("errors.jsonl")).stream()
            .collect(
                Collectors.toMap(ErrorEntry::key, ErrorEntry::reason, (a, b) -> a, TreeMap::new));

    assertThat(reasons.keySet()).containsExactlyElementsOf(samples.badKeys());
    assertThat(reasons.get("bad/empty.wav")).contains("empty object (0 bytes)");
    assertThat(reasons.get("bad/notes.mp3")).contains("not an audio file");
    assertThat(reasons.get("bad/truncated.flac")).contains("truncated");
    assertThat(reasons.get("bad/absurd-rate.wav")).contains("absurd sample rate");
    assertThat(stored.under(transcripts).keySet())
        .containsExactlyElementsOf(
            samples.speechKeys().stream().map(key -> key + ".json").toList());
  }

  @Test
  void everySha256InTheRunRecordAndManifestsMatchesTheBytes() {
    List<InputEntry> inputs = JsonLinesManifest.readInputs(runFile("inputs.jsonl"));
    assertThat(inputs).extracting(InputEntry::key).containsExactlyElementsOf(samples.keys());
    for (InputEntry input : inputs) {
      assertThat(input.sha256()).as(input.key()).isEqualTo(Sha256.hex(fileBytes(input.key())));
    }
    List<OutputEntry> outputs = JsonLinesManifest.readOutputs(runFile("outputs.jsonl"));
    assertThat(outputs).hasSize(samples.speechKeys().size());
    for (OutputEntry output : outputs) {
      byte[] transcript = stored.bytes(transcripts.resolve(output.key()));
      assertThat(output.sha256()).as(output.key()).isEqualTo(Sha256.hex(transcript));
      assertThat(output.sourceSha256()).isEqualTo(Sha256.hex(fileBytes(output.sourceKey())));
    }
    JsonNode manifests = runRecord().get("manifests");
    assertThat(manifests.get("inputsSha256").asString())
        .isEqualTo(Sha256.hex(runFile("inputs.jsonl")));
    assertThat(manifests.get("outputsSha256").asString())
        .isEqualTo(Sha256.hex(runFile("outputs.jsonl")));
    assertThat(manifests.get("errorsSha256").asString())
        .isEqualTo(Sha256.hex(runFile("errors.jsonl")));
  }

  @Test
  void recordsTheRunInTheLedgerAndInMlflow() throws Exception {
    JsonNode record = runRecord();
    assertThat(record.get("status").asString()).isEqualTo("COMPLETED_WITH_QUARANTINE");
    assertThat(record.get("mlflow").get("state").asString()).isEqualTo("synced");
    String runId = record.get("runId").asString();

    try (Connection ledger = ledger();
        ResultSet row =
            ledger
                .createStatement()
                .executeQuery(
                    "SELECT status, mlflow_state, mlflow_run_id FROM ns_run WHERE run_id = '"
                        + runId
                        + "'")) {
      assertThat(row.next()).isTrue();
      assertThat(row.getString("status")).isEqualTo("COMPLETED_WITH_QUARANTINE");
      assertThat(row.getString("mlflow_state")).isEqualTo("synced");
      assertThat(row.getString("mlflow_run_id"))
          .isEqualTo(record.get("mlflow").get("runId").asString());
    }

    MlflowClient mlflow = MlflowClient.create(MlflowServer.shared().trackingUri(), null);
    MlflowRun run = mlflow.getRun(record.get("mlflow").get("runId").asString());
    assertThat(run.status()).isEqualTo("FINISHED");
    assertThat(run.tags())
        .containsEntry("nightscribe.run_id", runId)
        .containsEntry("nightscribe.job_kind", "nightly")
        .containsEntry("mlflow.source.git.commit", record.get("code").get("gitCommit").asString());
    assertThat(run.params())
        .containsEntry("pipeline", "calls")
        .containsEntry("date", NIGHT)
        .containsEntry("model.sha256", record.get("model").get("sha256").asString())
        .containsEntry("config_hash", record.get("configHash").asString())
        .containsEntry("decoding.chunkMillis", "30000")
        .containsKeys("seeds", "code.version", "env.engine", "env.jvm", "input_uri");
    assertThat(run.latestMetrics())
        .containsEntry("objects_transcribed", (double) samples.speechKeys().size())
        .containsEntry("objects_quarantined", (double) samples.badKeys().size())
        .containsKeys("audio_seconds", "wall_seconds", "real_time_factor");
    assertThat(run.datasets()).hasSize(1);
    String inputsSha256 = Sha256.hex(runFile("inputs.jsonl"));
    assertThat(inputsSha256).startsWith(run.datasets().get(0).digest());
    assertThat(run.datasets().get(0).profileJson()).contains(inputsSha256);
    for (String artifact : List.of("inputs.jsonl", "outputs.jsonl", "errors.jsonl")) {
      assertThat(mlflow.downloadArtifact(run, artifact)).as(artifact).isEqualTo(runFile(artifact));
    }
    JsonNode mirrored = JSON.readTree(mlflow.downloadArtifact(run, "run.json"));
    assertThat(mirrored.get("runId").asString()).isEqualTo(runId);
  }

  @Test
  void firingTheSameNightAgainDoesNothingAndSaysSo() throws Exception {
    var again =
        nightscribe.run(
            "transcribe", "--pipeline", "calls", "--date", NIGHT, "--config", config.toString());

    assertThat(again.exitCode()).as(again.toString()).isZero();
    assertThat(again.stdout())
        .startsWith("Nothing to do: calls " + NIGHT + " was already completed by run " + runId());
    try (Connection ledger = ledger();
        ResultSet count = ledger.createStatement().executeQuery("SELECT count(*) FROM ns_run")) {
      count.next();
      assertThat(count.getInt(1)).isEqualTo(1);
    }
    assertThat(
            stored.under(outputRoot.resolve("_runs/")).keySet().stream()
                .map(key -> key.substring(0, key.indexOf('/')))
                .distinct())
        .containsExactly(runId());
  }

  @Test
  void tracesATranscriptToItsRunSourceAndModel() throws Exception {
    String key = samples.speechKeys().get(0);
    StorageUri transcript = transcripts.resolve(key + ".json");

    var traced =
        nightscribe.run("lineage", transcript.toString(), "--json", "--config", config.toString());

    assertThat(traced.exitCode()).as(traced.toString()).isZero();
    JsonNode lineage = JSON.readTree(traced.stdout());
    assertThat(lineage.get("sha256").asString()).isEqualTo(Sha256.hex(stored.bytes(transcript)));
    assertThat(lineage.get("runs")).hasSize(1);
    JsonNode run = lineage.get("runs").get(0);
    assertThat(run.get("runId").asString()).isEqualTo(runId());
    assertThat(run.get("mlflowRunId").asString())
        .isEqualTo(runRecord().get("mlflow").get("runId").asString());
    assertThat(lineage.get("source").get("sha256").asString())
        .isEqualTo(Sha256.hex(fileBytes(key)));
    assertThat(lineage.get("model").get("sha256").asString())
        .isEqualTo(runRecord().get("model").get("sha256").asString());
    assertThat(lineage.get("model").get("origin").asString())
        .contains("not trained by nightscribe");
    assertThat(lineage.get("model").get("datasetDigest").isNull()).isTrue();
  }

  @Test
  void refusesToTraceATranscriptNoRunWrote() throws Exception {
    StorageUri copy = outputRoot.resolve("elsewhere/copied.json");
    byte[] bytes = stored.bytes(transcripts.resolve(samples.speechKeys().get(0) + ".json"));
    S3Endpoint s3 = S3ProxyServer.shared().endpoint();
    ObjectStores.withS3Endpoint(s3.uri(), s3.accessKeyId(), s3.secretAccessKey())
        .forUri(copy)
        .write(copy, bytes);

    var traced = nightscribe.run("lineage", copy.toString(), "--config", config.toString());

    assertThat(traced.exitCode()).as(traced.toString()).isEqualTo(1);
    assertThat(traced.stderr()).contains("No finished run in the ledger wrote " + copy);
  }

  private String runId() {
    return runRecord().get("runId").asString();
  }

  private JsonNode runRecord() {
    Map<String, byte[]> runs = stored.under(outputRoot.resolve("_runs/"));
    String runJson =
        runs.keySet().stream().filter(key -> key.endsWith("/run.json")).findFirst().orElseThrow();
    return JSON.readTree(runs.get(runJson));
  }

  private byte[] runFile(String name) {
    return stored.bytes(outputRoot.resolve("_runs/" + runId() + "/" + name));
  }

  private byte[] fileBytes(String key) {
    try {
      return Files.readAllBytes(samples.file(key));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private Connection ledger() throws java.sql.SQLException {
    PostgresServer postgres = PostgresServer.shared();
    return DriverManager.getConnection(ledgerUrl, postgres.user(), postgres.password());
  }
}
