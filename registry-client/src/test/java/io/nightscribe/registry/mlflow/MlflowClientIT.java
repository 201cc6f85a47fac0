package io.nightscribe.registry.mlflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nightscribe.asr.ErrorCategory;
import io.nightscribe.asr.NightscribeException;
import io.nightscribe.testsupport.MlflowServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class MlflowClientIT {
  private static int closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  @Test
  void unreachableServerIsTransientWithTheFix() throws IOException {
    // given nothing listens on the port
    URI uri = URI.create("http://127.0.0.1:" + closedPort());
    MlflowClient client = MlflowClient.create(uri, null);
    // when / then
    assertThatThrownBy(() -> client.getOrCreateExperiment("nightscribe/twi"))
        .isInstanceOf(NightscribeException.class)
        .hasMessage(
            "Cannot reach MLflow at "
                + uri
                + ": connection refused (start the tracking server or unset"
                + " NIGHTSCRIBE_MLFLOW_URI)")
        .hasCauseInstanceOf(java.net.ConnectException.class)
        .extracting(e -> ((NightscribeException) e).category())
        .isEqualTo(ErrorCategory.TRANSIENT);
  }

  @Test
  void serverThatNeverAnswersTimesOutAsTransient() throws IOException {
    // given a socket that accepts connections but never answers
    try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      URI uri = URI.create("http://127.0.0.1:" + silent.getLocalPort());
      MlflowClient client =
          new MlflowClient(uri, null, Duration.ofSeconds(1), Duration.ofMillis(300));
      // when / then
      assertThatThrownBy(() -> client.getRun("0123456789abcdef"))
          .isInstanceOf(NightscribeException.class)
          .hasMessage(
              "Cannot reach MLflow at "
                  + uri
                  + ": no answer within 300 ms (is the server overloaded?)")
          .extracting(e -> ((NightscribeException) e).category())
          .isEqualTo(ErrorCategory.TRANSIENT);
    }
  }

  @Test
  void getOrCreateExperimentIsStableByName() {
    // given
    MlflowClient client = MlflowClient.create(MlflowServer.shared().trackingUri(), "unused-token");
    // when
    String created = client.getOrCreateExperiment("nightscribe/stable");
    String again = client.getOrCreateExperiment("nightscribe/stable");
    // then
    assertThat(again).isEqualTo(created);
  }

  @Test
  void runsLoggingTheSameNewDatasetAtOnceAllSucceed() throws Exception {
    // given eight runs of one experiment and a dataset the server has never seen
    MlflowClient client = MlflowClient.create(MlflowServer.shared().trackingUri(), null);
    String experiment =
        client.getOrCreateExperiment("nightscribe/same-dataset-" + System.nanoTime());
    java.util.List<MlflowRun> runs = new java.util.ArrayList<>();
    for (int i = 0; i < 8; i++) {
      runs.add(client.createRun(experiment, "night-" + i, 0, java.util.Map.of()));
    }
    DatasetInput empty =
        DatasetInput.forManifest(
            "calls-inputs", new byte[0], "s3", "s3://raw/calls/2026/12/01/", "inputs");

    // when all log it at the same moment (as empty nights of a backfill do)
    var pool = java.util.concurrent.Executors.newFixedThreadPool(runs.size());
    try {
      var start = new java.util.concurrent.CountDownLatch(1);
      var logged = new java.util.ArrayList<java.util.concurrent.Future<?>>();
      for (MlflowRun run : runs) {
        logged.add(
            pool.submit(
                () -> {
                  start.await();
                  client.logInputs(run.runId(), empty);
                  return null;
                }));
      }
      start.countDown();

      // then none is refused for the race to create the dataset
      for (var future : logged) {
        future.get();
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(client.getRun(runs.get(0).runId()).datasets()).hasSize(1);
  }

  @Test
  void unknownRunIsAnInternalErrorNamingMlflowsErrorCode() {
    // given
    MlflowClient client = MlflowClient.create(MlflowServer.shared().trackingUri(), null);
    // when / then
    assertThatThrownBy(() -> client.getRun("0123456789abcdef"))
        .isInstanceOf(NightscribeException.class)
        .hasMessage(
            "Cannot get MLflow run 0123456789abcdef at "
                + client.server()
                + ": HTTP 404 RESOURCE_DOES_NOT_EXIST: Run with id=0123456789abcdef not found")
        .extracting(e -> ((NightscribeException) e).category())
        .isEqualTo(ErrorCategory.INTERNAL);
  }

  @Test
  void pathThatIsNotMlflowIsAConfigurationError() {
    // given a tracking URI with a wrong path prefix
    URI wrong = MlflowServer.shared().trackingUri().resolve("/not-mlflow");
    MlflowClient client = MlflowClient.create(wrong, null);
    // when / then
    assertThatThrownBy(() -> client.getRun("0123456789abcdef"))
        .isInstanceOf(NightscribeException.class)
        .hasMessageStartingWith("Cannot get MLflow run 0123456789abcdef at " + wrong + ": HTTP 404")
        .hasMessageEndingWith(
            " (is NIGHTSCRIBE_MLFLOW_URI an MLflow 3 tracking server run with --serve-artifacts?)")
        .extracting(e -> ((NightscribeException) e).category())
        .isEqualTo(ErrorCategory.CONFIGURATION);
  }
}
