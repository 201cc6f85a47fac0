package io.nightscribe.batch;

import static org.assertj.core.api.Assertions.assertThat;

import io.nightscribe.batch.testing.NightscribeProcess;
import io.nightscribe.batch.testing.SampleSpeech;
import io.nightscribe.registry.mlflow.MlflowClient;
import io.nightscribe.registry.mlflow.MlflowRun;
import io.nightscribe.testsupport.MlflowServer;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * MLflow being down never fails a night: the run finishes, run.json says MLflow is behind, and
 * {@code nightscribe mlflow sync} publishes it once the server is back.
 */
class MlflowOutageIT {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  @TempDir Path workDir;

  @Test
  void aNightFinishesWhileMlflowIsDownAndSyncPublishesItLater() throws Exception {
    Path incoming = workDir.resolve("incoming/2026-11-21");
    Path flite = SampleSpeech.shared().file("flite/sentence-3.wav");
    Files.createDirectories(incoming);
    Files.copy(flite, incoming.resolve("sentence-3.wav"));
    Path output = workDir.resolve("transcripts");
    var nightscribe = new NightscribeProcess(workDir);

    // given a tracking server that is not there
    Path down = config("http://127.0.0.1:" + unusedPort(), output);
    var night =
        nightscribe.run(
            "transcribe",
            "--pipeline",
            "calls",
            "--date",
            "2026-11-21",
            "--config",
            down.toString());

    // then the night completes and says MLflow is pending
    assertThat(night.exitCode()).as(night.toString()).isZero();
    assertThat(night.stdout()).contains("mlflow: pending");
    JsonNode pending = runRecord(output);
    assertThat(pending.get("mlflow").get("state").asString()).isEqualTo("pending");
    assertThat(pending.get("mlflow").get("runId").isNull()).isTrue();

    // when MLflow is back and the outbox is flushed
    Path up = config(MlflowServer.shared().trackingUri().toString(), output);
    var sync = nightscribe.run("mlflow", "sync", "--config", up.toString());

    // then the run is in MLflow and run.json says so
    assertThat(sync.exitCode()).as(sync.toString()).isZero();
    assertThat(sync.stdout()).contains("MLflow is in sync.");
    JsonNode synced = runRecord(output);
    assertThat(synced.get("mlflow").get("state").asString()).isEqualTo("synced");
    MlflowRun run =
        MlflowClient.create(MlflowServer.shared().trackingUri(), null)
            .getRun(synced.get("mlflow").get("runId").asString());
    assertThat(run.tags())
        .containsEntry("nightscribe.run_id", synced.get("runId").asString())
        .containsEntry("mlflow.runName", "calls " + synced.get("date").asString())
        .containsEntry("mlflow.source.type", "JOB")
        .containsEntry("mlflow.source.name", "nightscribe nightly calls")
        .containsEntry("mlflow.user", System.getProperty("user.name"))
        .containsEntry("mlflow.source.git.commit", synced.get("code").get("gitCommit").asString());
    assertThat(run.latestMetrics()).containsEntry("objects_transcribed", 1.0);

    // and a second sync has nothing left to do
    var again = nightscribe.run("mlflow", "sync", "--config", up.toString());
    assertThat(again.exitCode()).as(again.toString()).isZero();
    assertThat(
            MlflowClient.create(MlflowServer.shared().trackingUri(), null)
                .searchRunsByTag(
                    run.experimentId(), "nightscribe.run_id", synced.get("runId").asString()))
        .hasSize(1);
  }

  private Path config(String trackingUri, Path output) throws Exception {
    return Files.writeString(
        Files.createTempFile(workDir, "nightscribe", ".yml"),
        """
        nightscribe:
          home: %s
          mlflow:
            tracking-uri: %s
            timeout: 2s
          pipelines:
            calls:
              input: file://%s/{date}/
              output: file://%s/
        """
            .formatted(workDir.resolve("home"), trackingUri, workDir.resolve("incoming"), output));
  }

  private static JsonNode runRecord(Path output) throws Exception {
    try (Stream<Path> files = Files.walk(output.resolve("_runs"))) {
      List<Path> records = files.filter(file -> file.endsWith("run.json")).toList();
      assertThat(records).hasSize(1);
      return JSON.readTree(Files.readAllBytes(records.get(0)));
    }
  }

  private static int unusedPort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
