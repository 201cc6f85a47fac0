package io.nightscribe.batch;

import static org.assertj.core.api.Assertions.assertThat;

import io.nightscribe.asr.model.ModelPackages;
import io.nightscribe.batch.testing.NightscribeProcess;
import io.nightscribe.registry.mlflow.MlflowClient;
import io.nightscribe.registry.mlflow.MlflowModelRegistry;
import io.nightscribe.registry.mlflow.MlflowRun;
import io.nightscribe.testsupport.MlflowServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code nightscribe train} end to end on a small corpus built by {@code nightscribe dataset
 * build}, with a small network: what it writes, what MLflow holds afterwards, that training again
 * gives the same package, and that a training killed mid-epoch resumes to that same package.
 */
class TrainingIT {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  @TempDir static Path shared;
  private static Path config;
  private static NightscribeProcess datasetBuilder;

  @TempDir Path workDir;

  @BeforeAll
  static void buildCorpusAndConfig() throws Exception {
    datasetBuilder = new NightscribeProcess(shared);
    Path corpus = shared.resolve("corpus");
    var built =
        datasetBuilder.run(
            "dataset",
            "build",
            "--output",
            corpus.toUri().toString(),
            "--sentences",
            "60",
            "--no-real",
            "--seed",
            "3");
    assertThat(built.exitCode()).as(built.toString()).isZero();
    config =
        Files.writeString(
            shared.resolve("training.json"),
            """
            {"dataset": "%s", "seed": 5, "devPercent": 10, "testPercent": 20,
             "channels": 32, "blocks": 1, "kernel": 5, "epochs": 12, "batchSeconds": 20,
             "maxUtteranceSeconds": 15, "warmupSteps": 5, "checkpointEverySteps": 2,
             "threads": 1}
            """
                .formatted(corpus.resolve("manifest.jsonl").toUri()));
  }

  @Test
  void trainsTracksTheRunInMlflowAndRegistersAChallengerWithItsLineage() throws Exception {
    String name = "trained-" + UUID.randomUUID().toString().substring(0, 8);
    Path settings = settings(true);
    Path output = workDir.resolve("trained");

    var trained =
        new NightscribeProcess(workDir)
            .run(
                "train",
                "--config",
                config.toString(),
                "--output",
                output.toString(),
                "--register",
                name,
                "--settings",
                settings.toString(),
                "--json");

    // the command answers with what it made
    assertThat(trained.exitCode()).as(trained.toString()).isZero();
    JsonNode summary = JSON.readTree(trained.stdout());
    String sha256 = summary.get("sha256").asString();
    assertThat(summary.get("epochs").asInt()).isEqualTo(12);
    assertThat(summary.get("testWer").asDouble()).isBetween(0.0, 5.0);
    assertThat(summary.get("registered").asString()).isEqualTo("models:/" + name + "/1");

    // the package, the frozen evaluation sets, the report and the card are there
    var model = ModelPackages.load(output.resolve("package"));
    assertThat(model.sha256()).isEqualTo(sha256);
    assertThat(model.descriptor().engine()).isEqualTo("djl");
    assertThat(model.descriptor().properties())
        .containsEntry("lineage.trainingRun", summary.get("trainingId").asString())
        .containsEntry("lineage.datasetDigest", summary.get("datasetDigest").asString())
        .containsEntry("lineage.seed", "5");
    assertThat(JSON.readTree(model.descriptor().properties().get("decoding")).properties())
        .extracting(java.util.Map.Entry::getKey)
        .contains("method", "beamWidth", "wordList", "wordWeight", "wordBonus");
    assertThat(output.resolve("evaluation/test.jsonl")).isNotEmptyFile();
    assertThat(output.resolve("evaluation/dev.jsonl")).isNotEmptyFile();
    JsonNode report = JSON.readTree(output.resolve("training.json").toFile());
    assertThat(report.get("epochs")).hasSize(12);
    assertThat(report.get("test").get("slices").has("synthetic")).isTrue();
    assertThat(Files.readString(output.resolve("MODEL_CARD.md")))
        .contains(sha256)
        .contains(summary.get("datasetDigest").asString())
        .contains("nightscribe dataset build --output")
        .contains("--sentences 60 --seed 3");

    // MLflow holds the run: params, a metric point per epoch, the dataset with its digest,
    // artifacts
    MlflowClient mlflow = MlflowClient.create(MlflowServer.shared().trackingUri(), null);
    MlflowRun run = mlflow.getRun(summary.get("mlflowRunId").asString());
    assertThat(run.status()).isEqualTo("FINISHED");
    assertThat(run.params())
        .containsEntry("config.seed", "5")
        .containsEntry("dataset.digest", summary.get("datasetDigest").asString());
    assertThat(run.tags())
        .containsEntry("nightscribe.training_id", summary.get("trainingId").asString());
    assertThat(mlflow.metricHistory(run.runId(), "train_loss")).hasSize(12);
    assertThat(mlflow.metricHistory(run.runId(), "test_wer")).hasSize(1);
    assertThat(run.datasets())
        .anySatisfy(
            input ->
                assertThat(input.digest())
                    .isEqualTo(summary.get("datasetDigest").asString().substring(0, 36)));
    assertThat(mlflow.listArtifactFiles(run, "model"))
        .contains("model/model.json", "model/acoustic.params");
    assertThat(new String(mlflow.downloadArtifact(run, "MODEL_CARD.md"), StandardCharsets.UTF_8))
        .contains(sha256);
    assertThat(
            JSON.readTree(mlflow.downloadArtifact(run, "training.json"))
                .get("trainingId")
                .asString())
        .isEqualTo(summary.get("trainingId").asString());

    // and the registry has a challenger traced back to it
    MlflowModelRegistry registry = mlflow.modelRegistry();
    var version = registry.versionByAlias(name, "challenger").orElseThrow();
    assertThat(version.version()).isEqualTo("1");
    assertThat(version.runId()).isEqualTo(run.runId());
    assertThat(version.tags())
        .containsEntry("nightscribe.sha256", sha256)
        .containsEntry("nightscribe.lineage.datasetDigest", summary.get("datasetDigest").asString())
        .containsEntry("nightscribe.lineage.trainingRun", summary.get("trainingId").asString())
        .containsKey("nightscribe.test_wer");
  }

  @Test
  void trainingAgainAndResumingAKilledTrainingGiveTheSamePackage() throws Exception {
    var nightscribe = new NightscribeProcess(workDir);
    String settings = settings(false).toString();
    Path first = workDir.resolve("first");
    Path killed = workDir.resolve("killed");

    var uninterrupted =
        nightscribe.run(
            "train",
            "--config",
            config.toString(),
            "--output",
            first.toString(),
            "--settings",
            settings,
            "--json");
    assertThat(uninterrupted.exitCode()).as(uninterrupted.toString()).isZero();
    String expected = JSON.readTree(uninterrupted.stdout()).get("sha256").asString();

    // when a second training is killed once its first mid-epoch checkpoint is down
    var running =
        nightscribe.start(
            "train",
            "--config",
            config.toString(),
            "--output",
            killed.toString(),
            "--settings",
            settings);
    Path progress = killed.resolve("checkpoints/checkpoint/progress.json");
    long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
    while (!Files.exists(progress) && running.process().isAlive() && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(running.process().isAlive())
        .as("still training when its first checkpoint appeared")
        .isTrue();
    running.kill();
    assertThat(killed.resolve("package")).doesNotExist();

    // then the same command resumes it, and it ends with the uninterrupted training's package
    var resumed =
        nightscribe.run(
            "train",
            "--config",
            config.toString(),
            "--output",
            killed.toString(),
            "--settings",
            settings,
            "--json");
    assertThat(resumed.exitCode()).as(resumed.toString()).isZero();
    assertThat(resumed.stderr()).contains("Resuming training");
    assertThat(JSON.readTree(resumed.stdout()).get("sha256").asString()).isEqualTo(expected);
    assertThat(Files.readAllBytes(killed.resolve("package/acoustic.params")))
        .isEqualTo(Files.readAllBytes(first.resolve("package/acoustic.params")));
  }

  private Path settings(boolean withMlflow) throws Exception {
    String settings =
        """
        nightscribe:
          home: %s
          model-cache: %s
        """
            .formatted(workDir.resolve("home"), workDir.resolve("cache"));
    if (withMlflow) {
      settings += "  mlflow:\n    tracking-uri: " + MlflowServer.shared().trackingUri() + "\n";
    }
    return Files.writeString(workDir.resolve("nightscribe.yml"), settings);
  }
}
