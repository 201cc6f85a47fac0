package io.nightscribe.batch;

import static org.assertj.core.api.Assertions.assertThat;

import io.nightscribe.asr.storage.StorageUri;
import io.nightscribe.batch.testing.NightscribeProcess;
import io.nightscribe.batch.testing.SampleSpeech;
import io.nightscribe.testsupport.MlflowServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A pipeline whose model is {@code models:/NAME@champion} in a real MLflow registry, for each
 * shipped model (Vosk, and nightscribe's DJL model): the package is registered, downloaded once
 * into the cache, verified on every load, and replayed by its exact version after the alias moved.
 */
class RegisteredModelIT {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  @TempDir Path workDir;

  @ParameterizedTest
  @ValueSource(strings = {"builtin:vosk-model-small-en-us", "builtin:nightscribe-ctc-en"})
  void theNightlyJobRunsOnTheChampionAndRefusesATamperedCache(String shipped) throws Exception {
    String name = "en-asr-" + UUID.randomUUID().toString().substring(0, 8);
    Path audio = workDir.resolve("audio/2026/11/21");
    Files.createDirectories(audio);
    SampleSpeech samples = SampleSpeech.shared();
    String clip =
        samples.speechKeys().stream().filter(k -> k.startsWith("flite/")).findFirst().orElseThrow();
    Files.copy(samples.file(clip), audio.resolve(Path.of(clip).getFileName()));
    Path cache = workDir.resolve("model-cache");
    Path config =
        Files.writeString(
            workDir.resolve("nightscribe.yml"),
            """
            nightscribe:
              home: %s
              model-cache: %s
              mlflow:
                tracking-uri: %s
              pipelines:
                calls:
                  input: %s{date:yyyy/MM/dd}/
                  output: %s
                  model: models:/%s@champion
            """
                .formatted(
                    workDir.resolve("home"),
                    cache,
                    MlflowServer.shared().trackingUri(),
                    StorageUri.ofPath(workDir.resolve("audio"), true),
                    StorageUri.ofPath(workDir.resolve("out"), true),
                    name));
    var nightscribe = new NightscribeProcess(workDir);

    // given the built-in package registered as the champion
    var registered =
        nightscribe.run(
            "models",
            "register",
            "--package",
            shipped,
            "--name",
            name,
            "--alias",
            "champion",
            "--json",
            "--config",
            config.toString());
    assertThat(registered.exitCode()).as(registered.toString()).isZero();
    JsonNode version = JSON.readTree(registered.stdout());
    assertThat(version.get("version").asString()).isEqualTo("1");

    // when the nightly job runs on models:/NAME@champion
    var night =
        nightscribe.run(
            "transcribe",
            "--pipeline",
            "calls",
            "--date",
            "2026-11-21",
            "--json",
            "--config",
            config.toString());

    // then the run used version 1, fetched into the cache under its digest
    assertThat(night.exitCode()).as(night.toString()).isZero();
    String runId = JSON.readTree(night.stdout()).get("runId").asString();
    JsonNode record = JSON.readTree(workDir.resolve("out/_runs/" + runId + "/run.json").toFile());
    assertThat(record.get("model").get("reference").asString())
        .isEqualTo("models:/" + name + "@champion");
    assertThat(record.get("model").get("name").asString()).isEqualTo(name);
    assertThat(record.get("model").get("version").asString()).isEqualTo("1");
    Path cached = cache.resolve("sha256").resolve(version.get("sha256").asString());
    assertThat(cached.resolve("model.json")).exists();

    // and wrote the transcript every engine writes: the clip's words, timed, with confidences
    JsonNode transcript =
        JSON.readTree(
            workDir
                .resolve("out/calls/date=2026-11-21/" + Path.of(clip).getFileName() + ".json")
                .toFile());
    assertThat(transcript.get("segments").get(0).get("words").size()).isGreaterThan(3);
    assertThat(transcript.get("text").asString()).isNotBlank();
    assertThat(transcript.get("model").get("version").asString()).isEqualTo("1");
    // one engine worker per core, all on the CPU: there is no GPU here
    assertThat(record.get("environment").get("devices").asString()).matches("\\[cpu(, cpu)*]");

    // and its lineage leads to the training behind the model, when nightscribe trained it
    var lineage =
        nightscribe.run(
            "lineage",
            StorageUri.ofPath(
                    workDir.resolve(
                        "out/calls/date=2026-11-21/" + Path.of(clip).getFileName() + ".json"),
                    false)
                .toString(),
            "--json",
            "--config",
            config.toString());
    assertThat(lineage.exitCode()).as(lineage.toString()).isZero();
    JsonNode model = JSON.readTree(lineage.stdout()).get("model");
    assertThat(model.get("sha256").asString()).isEqualTo(version.get("sha256").asString());
    if (shipped.equals("builtin:nightscribe-ctc-en")) {
      assertThat(model.get("trainingRun").asString()).startsWith("train-");
      assertThat(model.get("datasetDigest").asString()).hasSize(64);
    } else {
      assertThat(model.get("trainingRun").isNull()).isTrue();
    }

    // and after the champion moved to a new version, the replay still finds version 1
    var second =
        nightscribe.run(
            "models",
            "register",
            "--package",
            shipped,
            "--name",
            name,
            "--alias",
            "champion",
            "--config",
            config.toString());
    assertThat(second.stdout()).contains("models:/" + name + "/2");
    var replay = nightscribe.run("replay", runId, "--config", config.toString());
    assertThat(replay.exitCode()).as(replay.toString()).isZero();
    assertThat(replay.stdout()).startsWith("IDENTICAL");

    // when a cached file is changed, the next night refuses to run and names the folder
    try (Stream<Path> files = Files.walk(cached)) {
      Path victim =
          files
              .filter(Files::isRegularFile)
              .filter(file -> !file.getFileName().toString().equals("model.json"))
              .max(Comparator.naturalOrder())
              .orElseThrow();
      Files.writeString(victim, "tampered", java.nio.file.StandardOpenOption.APPEND);
    }
    var refused =
        nightscribe.run(
            "transcribe",
            "--pipeline",
            "calls",
            "--date",
            "2026-11-22",
            "--config",
            config.toString());
    assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(2);
    assertThat(refused.stderr()).contains("sha256 mismatch").contains("delete " + cached);
  }
}
