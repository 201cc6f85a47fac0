package io.nightscribe.batch;

import static org.assertj.core.api.Assertions.assertThat;

import io.nightscribe.asr.Sha256;
import io.nightscribe.asr.engine.vosk.VoskSmallEnUs;
import io.nightscribe.asr.model.BuiltinModels;
import io.nightscribe.asr.storage.ObjectStore;
import io.nightscribe.asr.storage.ObjectStores;
import io.nightscribe.asr.storage.StorageUri;
import io.nightscribe.asr.text.WordErrorRate;
import io.nightscribe.asr.transcript.TranscriptJson;
import io.nightscribe.asr.transcript.TranscriptRecord;
import io.nightscribe.batch.testing.Folders;
import io.nightscribe.batch.testing.NightscribeProcess;
import io.nightscribe.batch.testing.SampleSpeech;
import io.nightscribe.registry.mlflow.MlflowClient;
import io.nightscribe.testsupport.MlflowServer;
import io.nightscribe.testsupport.MotoS3Server;
import io.nightscribe.testsupport.S3Endpoint;
import io.nightscribe.testsupport.S3ProxyServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An auditor replays finished runs on real stores: a versioned bucket (moto) whose input was
 * overwritten after the run, an unversioned one (s3proxy) whose input or transcript was tampered
 * with, and a model package that changed or vanished.
 */
class ReplayIT {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String NIGHT = "2026-11-21";

  @TempDir Path workDir;

  private final SampleSpeech samples = SampleSpeech.shared();

  @Test
  void aVersionedBucketStillGivesTheRunItsOriginalInputAfterAnOverwrite() throws Exception {
    S3Endpoint s3 = MotoS3Server.shared().endpoint();
    ObjectStores stores =
        ObjectStores.withS3Endpoint(s3.uri(), s3.accessKeyId(), s3.secretAccessKey());
    String raw = MotoS3Server.shared().createUniqueVersionedBucket("raw");
    String out = MotoS3Server.shared().createUniqueVersionedBucket("out");
    StorageUri input = StorageUri.parse("s3://" + raw + "/2026/11/21/");
    List<String> clips = upload(stores.forUri(input), input);
    Path config = pipelineConfig(raw, out, true);
    var nightscribe = new NightscribeProcess(workDir).withS3(s3);
    JsonNode night = transcribe(nightscribe, config);

    // when an input is overwritten after the run
    StorageUri overwritten = input.resolve(clips.get(0));
    stores.forUri(overwritten).write(overwritten, Files.readAllBytes(samples.file(clips.get(1))));

    // then the replay, asked for by the MLflow run id, reads the version the run read
    var replay =
        nightscribe.run(
            "replay", night.get("mlflowRunId").asString(), "--json", "--config", config.toString());
    assertThat(replay.exitCode()).as(replay.toString()).isZero();
    JsonNode summary = JSON.readTree(replay.stdout());
    assertThat(summary.get("verdict").asString()).isEqualTo("IDENTICAL");
    assertThat(summary.get("originalRunId").asString()).isEqualTo(night.get("runId").asString());
    JsonNode report = readJson(stores, summary.get("report").asString());
    assertThat(report.get("inputs")).hasSize(clips.size() + 1);
    report
        .get("inputs")
        .forEach(check -> assertThat(check.get("status").asString()).isEqualTo("SAME"));
    JsonNode overwrittenCheck = inputCheck(report, clips.get(0));
    assertThat(overwrittenCheck.get("versionId").isNull()).isFalse();
    assertThat(report.get("outputs")).hasSize(clips.size() + 1);
    report
        .get("outputs")
        .forEach(output -> assertThat(output.get("identical").asBoolean()).isTrue());
    assertThat(readText(stores, summary.get("html").asString())).contains("IDENTICAL");

    // and the replay is an MLflow run tagged with the original
    var mlflowRun =
        MlflowClient.create(MlflowServer.shared().trackingUri(), null)
            .getRun(summary.get("mlflowRunId").asString());
    assertThat(mlflowRun.tags())
        .containsEntry("nightscribe.replay_of", night.get("runId").asString())
        .containsEntry("nightscribe.verdict", "IDENTICAL");

    // and checking inputs alone re-runs nothing and verifies them
    var verify =
        nightscribe.run(
            "replay",
            night.get("runId").asString(),
            "--verify-inputs-only",
            "--config",
            config.toString());
    assertThat(verify.exitCode()).as(verify.toString()).isZero();
    assertThat(verify.stdout())
        .startsWith("VERIFIED: replay of run " + night.get("runId").asString());
  }

  @Test
  void aDifferentTranscriptIsShownWordByWordAndATamperedInputIsCaught() throws Exception {
    S3Endpoint s3 = S3ProxyServer.shared().endpoint();
    ObjectStores stores =
        ObjectStores.withS3Endpoint(s3.uri(), s3.accessKeyId(), s3.secretAccessKey());
    String raw = S3ProxyServer.shared().createUniqueBucket("raw");
    String out = S3ProxyServer.shared().createUniqueBucket("out");
    StorageUri input = StorageUri.parse("s3://" + raw + "/2026/11/21/");
    List<String> clips = upload(stores.forUri(input), input);
    Path config = pipelineConfig(raw, out, false);
    var nightscribe = new NightscribeProcess(workDir).withS3(s3);
    String runId = transcribe(nightscribe, config).get("runId").asString();

    // given a run whose recorded transcript said one word differently (another native library, say)
    StorageUri transcript =
        StorageUri.parse("s3://" + out + "/calls/date=" + NIGHT + "/" + clips.get(0) + ".json");
    TranscriptRecord original =
        TranscriptJson.decode(stores.forUri(transcript).readAllBytes(transcript));
    List<TranscriptRecord.Segment> segments = new ArrayList<>(original.segments());
    TranscriptRecord.Segment first = segments.get(0);
    segments.set(
        0,
        new TranscriptRecord.Segment(
            first.startMillis(),
            first.endMillis(),
            "zebra " + first.text(),
            first.confidence(),
            first.words()));
    byte[] altered =
        TranscriptJson.encode(
            new TranscriptRecord(
                original.source(), original.model(), original.configHash(), segments));
    stores.forUri(transcript).write(transcript, altered);
    recordOutputDigest(runId, clips.get(0), Sha256.hex(altered));

    // then the replay says DIFFERENT and shows the words that differ
    var different = nightscribe.run("replay", runId, "--config", config.toString());
    assertThat(different.exitCode()).as(different.toString()).isEqualTo(4);
    assertThat(different.stdout())
        .startsWith("DIFFERENT: replay of run " + runId)
        .contains("1 of " + (clips.size() + 1) + " outputs differ")
        .contains("output " + clips.get(0) + " differs (WER ")
        .contains("[-zebra-] " + WordErrorRate.normalize(first.text()).get(0));

    // when an input of the unversioned bucket is overwritten
    StorageUri tampered = input.resolve(clips.get(1));
    stores.forUri(tampered).write(tampered, Files.readAllBytes(samples.file(clips.get(2))));

    // then the replay says INPUT_CHANGED and names it
    var changed = nightscribe.run("replay", runId, "--config", config.toString());
    assertThat(changed.exitCode()).as(changed.toString()).isEqualTo(5);
    assertThat(changed.stdout())
        .startsWith("INPUT_CHANGED: replay of run " + runId)
        .contains("input " + clips.get(1) + " changed: " + tampered + " has sha256 ");
  }

  @Test
  void aModelThatChangedOrVanishedMakesTheRunUnreplayable() throws Exception {
    Path model = workDir.resolve("model");
    Folders.copyTree(
        new BuiltinModels(workDir.resolve("cache")).get(VoskSmallEnUs.NAME).directory(), model);
    Path in = workDir.resolve("in");
    ObjectStores stores = ObjectStores.standard();
    StorageUri input = StorageUri.ofPath(in, true);
    upload(stores.forUri(input), input);
    Path config =
        Files.writeString(
            workDir.resolve("nightscribe.yml"),
            "nightscribe:\n  home: " + workDir.resolve("home") + "\n");
    var nightscribe = new NightscribeProcess(workDir);
    var run =
        nightscribe.run(
            "transcribe",
            "--input",
            input.toString(),
            "--output",
            StorageUri.ofPath(workDir.resolve("out"), true).toString(),
            "--model",
            StorageUri.ofPath(model, true).toString(),
            "--json",
            "--config",
            config.toString());
    assertThat(run.exitCode()).as(run.toString()).isEqualTo(3);
    String runId = JSON.readTree(run.stdout()).get("runId").asString();

    // when a file is added to the model package
    Files.writeString(model.resolve("notes.txt"), "retrained in place");
    var changed = nightscribe.run("replay", runId, "--config", config.toString());
    assertThat(changed.exitCode()).as(changed.toString()).isEqualTo(6);
    assertThat(changed.stdout()).startsWith("MODEL_UNAVAILABLE").contains(", the run used ");

    // when the model package is deleted
    deleteTree(model);
    var gone = nightscribe.run("replay", runId, "--config", config.toString());
    assertThat(gone.exitCode()).as(gone.toString()).isEqualTo(6);
    assertThat(gone.stdout()).startsWith("MODEL_UNAVAILABLE").contains("is unavailable: ");
  }

  /** Three short speech clips and one bad file: a run with transcripts and a quarantined input. */
  private List<String> upload(ObjectStore store, StorageUri prefix) throws IOException {
    List<String> clips =
        new ArrayList<>(
            samples.speechKeys().stream()
                .sorted(Comparator.comparingLong(key -> size(samples.file(key))))
                .limit(3)
                .toList());
    List<String> all = new ArrayList<>(clips);
    all.add(samples.badKeys().get(0));
    for (String key : all) {
      store.write(prefix.resolve(key), Files.readAllBytes(samples.file(key)));
    }
    return clips;
  }

  private Path pipelineConfig(String raw, String out, boolean mlflow) throws IOException {
    return Files.writeString(
        workDir.resolve("nightscribe.yml"),
        """
        nightscribe:
          home: %s
          %s
          pipelines:
            calls:
              input: s3://%s/{date:yyyy/MM/dd}/
              output: s3://%s/
        """
            .formatted(
                workDir.resolve("home"),
                mlflow ? "mlflow:\n    tracking-uri: " + MlflowServer.shared().trackingUri() : "",
                raw,
                out));
  }

  private static JsonNode transcribe(NightscribeProcess nightscribe, Path config) throws Exception {
    var night =
        nightscribe.run(
            "transcribe",
            "--pipeline",
            "calls",
            "--date",
            NIGHT,
            "--json",
            "--config",
            config.toString());
    assertThat(night.exitCode()).as(night.toString()).isEqualTo(3);
    return JSON.readTree(night.stdout());
  }

  private static JsonNode inputCheck(JsonNode report, String key) {
    for (JsonNode check : report.get("inputs")) {
      if (check.get("key").asString().equals(key)) {
        return check;
      }
    }
    throw new AssertionError("no input check for " + key + " in " + report);
  }

  private void recordOutputDigest(String runId, String key, String sha256) throws Exception {
    String url = "jdbc:h2:file:" + workDir.resolve("home/ledger/nightscribe") + ";MODE=PostgreSQL";
    try (Connection ledger = DriverManager.getConnection(url, "sa", "");
        PreparedStatement update =
            ledger.prepareStatement(
                "UPDATE ns_run_input SET output_sha256 = ? WHERE run_id = ? AND object_key = ?")) {
      update.setString(1, sha256);
      update.setString(2, runId);
      update.setString(3, key);
      assertThat(update.executeUpdate()).isEqualTo(1);
    }
  }

  private static JsonNode readJson(ObjectStores stores, String uri) {
    StorageUri location = StorageUri.parse(uri);
    return JSON.readTree(stores.forUri(location).readAllBytes(location));
  }

  private static String readText(ObjectStores stores, String uri) {
    StorageUri location = StorageUri.parse(uri);
    return new String(stores.forUri(location).readAllBytes(location), StandardCharsets.UTF_8);
  }

  private static long size(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void deleteTree(Path root) throws IOException {
    try (Stream<Path> files = Files.walk(root)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(file);
      }
    }
  }
}
