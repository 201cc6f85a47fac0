package io.nightscribe.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.nightscribe.asr.engine.vosk.VoskSmallEnUs;
import io.nightscribe.asr.model.BuiltinModels;
import io.nightscribe.asr.model.ModelPackageDigest;
import io.nightscribe.asr.storage.ObjectStore;
import io.nightscribe.asr.storage.ObjectStores;
import io.nightscribe.asr.storage.StorageUri;
import io.nightscribe.batch.testing.Folders;
import io.nightscribe.batch.testing.NightscribeProcess;
import io.nightscribe.batch.testing.StoredObjects;
import io.nightscribe.monitoring.drift.CategoricalFeature;
import io.nightscribe.monitoring.drift.DriftLevel;
import io.nightscribe.monitoring.drift.ProfileJson;
import io.nightscribe.monitoring.drift.RunProfile;
import io.nightscribe.registry.mlflow.MlflowClient;
import io.nightscribe.registry.mlflow.MlflowRun;
import io.nightscribe.testsupport.MlflowServer;
import io.nightscribe.testsupport.PostgresServer;
import io.nightscribe.testsupport.PrometheusServer;
import io.nightscribe.testsupport.PushgatewayServer;
import io.nightscribe.testsupport.S3Endpoint;
import io.nightscribe.testsupport.S3ProxyServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A night unlike its model's reference drifts, a night like it does not: a Vosk package profiled on
 * clean 16 kHz flite speech ({@code nightscribe models profile}), then a night of other sentences
 * in the same voice (ok) and a night of the same kind of sentences as 8 kHz telephone-band speech
 * under noise (alert or retrain), each recorded in run.json, profile.json and the MLflow run. A
 * second pipeline on the built-in model, which has no reference, measures its second night against
 * its first ("baseline"). Inputs and outputs in an S3 server, the ledger in PostgreSQL; the nights
 * push to a Pushgateway that Prometheus scrapes, which then answers the last night's drift.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DriftIT {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String CLEAN_NIGHT = "2026-11-21";
  private static final String PHONE_NIGHT = "2026-11-22";
  private static final int CLIPS = 34;
  private static final Duration WAIT = Duration.ofSeconds(30);

  @TempDir static Path workDir;

  private StorageUri output;
  private StoredObjects stored;
  private Path model;
  private String digestBefore;
  private NightscribeProcess.Finished profiled;
  private final List<NightscribeProcess.Finished> nights = new ArrayList<>();

  @BeforeAll
  void profileTheModelAndRunFourNights() throws Exception {
    S3Endpoint s3 = S3ProxyServer.shared().endpoint();
    ObjectStores stores =
        ObjectStores.withS3Endpoint(s3.uri(), s3.accessKeyId(), s3.secretAccessKey());
    String raw = S3ProxyServer.shared().createUniqueBucket("raw");
    output = StorageUri.parse("s3://" + S3ProxyServer.shared().createUniqueBucket("drift") + "/");
    stored = new StoredObjects(stores.forUri(output));

    // a model package whose reference is 40 clean 16 kHz clips of one flite voice
    model = workDir.resolve("model");
    Folders.copyTree(
        new BuiltinModels(workDir.resolve("unpacked")).get(VoskSmallEnUs.NAME).directory(), model);
    digestBefore = ModelPackageDigest.of(model);
    Path reference = workDir.resolve("reference");
    speak(new Random(1), 40, reference, false);

    // a night like it (other sentences) and a night of noisy telephone-band speech
    Path clean = workDir.resolve("clean");
    speak(new Random(2), CLIPS, clean, false);
    Path phone = workDir.resolve("phone");
    speak(new Random(3), CLIPS, phone, true);
    upload(stores, clean, StorageUri.parse("s3://" + raw + "/calls/2026/11/21/"));
    upload(stores, phone, StorageUri.parse("s3://" + raw + "/calls/2026/11/22/"));

    String ledger =
        PostgresServer.shared().newDatabase("drift_" + Long.toHexString(System.nanoTime()));
    Path config = config(raw, ledger);
    var nightscribe =
        new NightscribeProcess(workDir)
            .withS3(s3)
            .withEnvironment("MANAGEMENT_PROMETHEUS_METRICS_EXPORT_PUSHGATEWAY_ENABLED", "true")
            .withEnvironment(
                "MANAGEMENT_PROMETHEUS_METRICS_EXPORT_PUSHGATEWAY_ADDRESS",
                PushgatewayServer.shared().address());
    profiled =
        nightscribe.run(
            "models",
            "profile",
            "--package",
            "file://" + model,
            "--set",
            "file://" + reference + "/",
            "--pipeline",
            "calls",
            "--config",
            config.toString());
    for (String pipeline : List.of("calls", "builtin")) {
      for (String date : List.of(CLEAN_NIGHT, PHONE_NIGHT)) {
        nights.add(
            nightscribe.run(
                "transcribe",
                "--pipeline",
                pipeline,
                "--date",
                date,
                "--config",
                config.toString()));
      }
    }
  }

  @Test
  void theReferenceProfileIsWrittenIntoThePackageWithoutChangingItsDigest() throws Exception {
    assertThat(profiled.exitCode()).as(profiled.toString()).isZero();
    assertThat(profiled.stdout())
        .startsWith("Profiled 40 objects of file://" + workDir.resolve("reference"))
        .contains("(0 left out: not decodable); wrote " + model.resolve("reference-profile.json"));
    RunProfile profile =
        ProfileJson.decode(Files.readAllBytes(model.resolve("reference-profile.json")));
    assertThat(profile.objects()).isEqualTo(40);
    assertThat(profile.categorical().get(CategoricalFeature.SAMPLE_RATE_HZ).counts())
        .isEqualTo(Map.of("16000", 40L));
    assertThat(ModelPackageDigest.of(model)).isEqualTo(digestBefore);
    JsonNode record = runRecord("calls", CLEAN_NIGHT);
    assertThat(record.get("model").get("sha256").asString()).isEqualTo(digestBefore);
  }

  @Test
  void aNightLikeTheReferenceScoresOk() throws Exception {
    nights.forEach(night -> assertThat(night.exitCode()).as(night.toString()).isZero());
    JsonNode drift = runRecord("calls", CLEAN_NIGHT).get("drift");

    assertThat(drift.get("reference").asString()).isEqualTo("model");
    assertThat(drift.get("data").get("level").asString()).as(drift.toString()).isEqualTo("ok");
    assertThat(drift.get("prediction").get("level").asString())
        .as(drift.toString())
        .isEqualTo("ok");
    assertThat(drift.get("data").get("comparedFeatures").asInt()).isEqualTo(6);
    assertThat(drift.get("prediction").get("comparedFeatures").asInt()).isEqualTo(3);
    assertThat(drift.get("retrainRequested").asBoolean()).isFalse();
    assertMirrored(runRecord("calls", CLEAN_NIGHT));
  }

  @Test
  void aNightOfNoisyTelephoneSpeechScoresAboveTheAlertThreshold() throws Exception {
    JsonNode record = runRecord("calls", PHONE_NIGHT);
    JsonNode drift = record.get("drift");

    assertThat(drift.get("reference").asString()).isEqualTo("model");
    JsonNode data = drift.get("data");
    assertThat(data.get("score").asDouble()).as(drift.toString()).isGreaterThan(0.25);
    assertThat(data.get("level").asString()).isIn("alert", "retrain");
    // every clip moved from 16 kHz to 8 kHz: the sample rate's PSI alone is far past retrain
    // (the loudness, all of it lower, ties with it at 1 and comes first)
    assertThat(data.get("decidedBy").asString()).isIn("loudnessDbfs", "sampleRateHz");
    assertThat(feature(drift, "sampleRateHz").get("score").asDouble()).isEqualTo(1.0);
    assertThat(feature(drift, "sampleRateHz").get("currentCount").asLong()).isEqualTo(CLIPS);
    assertThat(drift.get("retrainRequested").asBoolean()).isTrue();
    MlflowRun run = assertMirrored(record);
    assertThat(run.tags()).containsEntry("nightscribe.retrain", "requested");
  }

  @Test
  void prometheusAnswersThePipelinesLastDriftAsRunJsonHasIt() {
    // the telephone night was the pipeline's last: its push replaced the clean night's group
    JsonNode drift = runRecord("calls", PHONE_NIGHT).get("drift");
    PrometheusServer prometheus = PrometheusServer.shared();
    for (String kind : List.of("data", "prediction")) {
      String selector = "{pipeline=\"calls\",kind=\"" + kind + "\"}";
      assertThat(prometheus.awaitValue("nightscribe_drift_score" + selector, WAIT))
          .as(kind)
          .isCloseTo(drift.get(kind).get("score").asDouble(), within(1e-9));
      assertThat(prometheus.awaitValue("nightscribe_drift_level" + selector, WAIT))
          .isEqualTo(
              DriftLevel.valueOf(drift.get(kind).get("level").asString().toUpperCase(Locale.ROOT))
                  .code());
    }
    assertThat(
            prometheus.awaitValue(
                "nightscribe_drift_level{pipeline=\"calls\",kind=\"data\"}", WAIT))
        .isGreaterThanOrEqualTo(DriftLevel.ALERT.code());
  }

  @Test
  void eachNightsProfileIsStoredBesideItsRunRecord() throws Exception {
    JsonNode record = runRecord("calls", PHONE_NIGHT);
    RunProfile profile =
        ProfileJson.decode(runFile(record.get("runId").asString(), "profile.json"));
    assertThat(profile.objects()).isEqualTo(CLIPS);
    assertThat(profile.categorical().get(CategoricalFeature.SAMPLE_RATE_HZ).counts())
        .isEqualTo(Map.of("8000", (long) CLIPS));
  }

  @Test
  void aModelWithoutReferenceIsComparedWithThePipelinesEarlierNights() throws Exception {
    JsonNode first = runRecord("builtin", CLEAN_NIGHT);
    JsonNode second = runRecord("builtin", PHONE_NIGHT);

    assertThat(first.get("drift").get("reference").asString()).isEqualTo("none");
    assertThat(first.get("drift").get("data").isNull()).isTrue();
    assertThat(second.get("drift").get("reference").asString()).isEqualTo("baseline");
    assertThat(second.get("drift").get("baselineRuns").get(0).asString())
        .isEqualTo(first.get("runId").asString());
    // the pipeline's drift block puts alert at 0.9: the same data score is only "alert"
    assertThat(second.get("drift").get("data").get("score").asDouble()).isEqualTo(1.0);
    assertThat(second.get("drift").get("data").get("level").asString()).isEqualTo("alert");
  }

  /** The run's MLflow run carries the drift scores as metrics and the levels as tags. */
  private static MlflowRun assertMirrored(JsonNode record) {
    assertThat(record.get("mlflow").get("state").asString()).isEqualTo("synced");
    MlflowRun run =
        MlflowClient.create(MlflowServer.shared().trackingUri(), null)
            .getRun(record.get("mlflow").get("runId").asString());
    JsonNode drift = record.get("drift");
    for (String kind : List.of("data", "prediction")) {
      assertThat(run.latestMetrics().get("drift." + kind + ".score"))
          .as(kind)
          .isCloseTo(drift.get(kind).get("score").asDouble(), within(1e-9));
      assertThat(run.tags())
          .containsEntry(
              "nightscribe.drift." + kind + ".level", drift.get(kind).get("level").asString());
    }
    assertThat(run.tags()).containsEntry("nightscribe.drift.reference", "model");
    return run;
  }

  private static JsonNode feature(JsonNode drift, String key) {
    for (JsonNode feature : drift.get("features")) {
      if (feature.get("feature").asString().equals(key)) {
        return feature;
      }
    }
    throw new AssertionError("no feature " + key + " in " + drift);
  }

  private JsonNode runRecord(String pipeline, String date) {
    for (Map.Entry<String, byte[]> file : stored.under(output.resolve("_runs/")).entrySet()) {
      if (file.getKey().endsWith("/run.json")) {
        JsonNode record = JSON.readTree(file.getValue());
        if (record.get("pipeline").asString().equals(pipeline)
            && record.get("date").asString().equals(date)) {
          return record;
        }
      }
    }
    throw new AssertionError("no run.json of " + pipeline + " " + date);
  }

  private byte[] runFile(String runId, String name) {
    return stored.under(output.resolve("_runs/" + runId + "/")).entrySet().stream()
        .filter(file -> file.getKey().endsWith(name))
        .findFirst()
        .orElseThrow()
        .getValue();
  }

  private Path config(String raw, String ledger) throws IOException {
    PostgresServer postgres = PostgresServer.shared();
    return Files.writeString(
        workDir.resolve("nightscribe.yml"),
        """
        nightscribe:
          home: %s
          model-cache: %s
          mlflow:
            tracking-uri: %s
          pipelines:
            calls:
              input: s3://%s/calls/{date:yyyy/MM/dd}/
              output: %s
              model: file://%s
            builtin:
              input: s3://%s/calls/{date:yyyy/MM/dd}/
              output: %s
              drift:
                warn: 0.5
                alert: 0.9
                retrain: 1.0
                baseline-nights: 3
        spring:
          datasource:
            url: %s
            username: %s
            password: %s
        """
            .formatted(
                workDir.resolve("home"),
                workDir.resolve("unpacked"),
                MlflowServer.shared().trackingUri(),
                raw,
                output,
                model,
                raw,
                output,
                ledger,
                postgres.user(),
                postgres.password()));
  }

  /**
   * Speaks {@code count} sentences of one template with flite's slt voice into {@code folder}: 16
   * kHz as flite makes them, or through a telephone band (300-3400 Hz, 8 kHz) under white noise.
   */
  private static void speak(Random random, int count, Path folder, boolean telephone)
      throws Exception {
    Files.createDirectories(folder);
    String[] adjectives = {"small", "green", "heavy", "quiet", "bright", "old", "warm", "long"};
    String[] nouns = {"boat", "house", "dog", "garden", "letter", "river", "table", "window"};
    String[] verbs = {"needs", "found", "painted", "moved", "cleaned", "opened", "saw", "sold"};
    String[] times = {"today", "last night", "this morning", "on monday", "every day", "at noon"};
    for (int i = 0; i < count; i++) {
      String text =
          String.join(
              " ",
              "the",
              pick(random, adjectives),
              pick(random, nouns),
              pick(random, verbs),
              "the",
              pick(random, adjectives),
              pick(random, nouns),
              pick(random, times));
      Path clean = folder.resolve(String.format("clip-%02d.wav", i));
      exec("flite", "-voice", "slt", "-t", text, "-o", clean.toString());
      if (telephone) {
        Path phone = folder.resolve(String.format("clip-%02d.8k.wav", i));
        exec(
            "sox",
            "-m",
            clean.toString(),
            "|sox " + clean + " -p synth whitenoise vol 0.3",
            phone.toString(),
            "rate",
            "8000",
            "sinc",
            "300-3400");
        Files.delete(clean);
      }
    }
  }

  private static String pick(Random random, String[] words) {
    return words[random.nextInt(words.length)];
  }

  private static void exec(String... command) throws Exception {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(process.getInputStream().readAllBytes());
    if (process.waitFor() != 0) {
      throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
    }
  }

  private static void upload(ObjectStores stores, Path folder, StorageUri prefix)
      throws IOException {
    ObjectStore store = stores.forUri(prefix);
    try (Stream<Path> files = Files.list(folder)) {
      for (Path file : files.sorted().toList()) {
        store.write(prefix.resolve(file.getFileName().toString()), Files.readAllBytes(file));
      }
    }
  }
}
