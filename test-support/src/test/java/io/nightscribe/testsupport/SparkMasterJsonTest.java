package io.nightscribe.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SparkMasterJsonTest {
  @Test
  void readsWorkersWithTheirGpuAddressesAndApplicationsWithTheirExecutorNeeds() throws IOException {
    // given a master's /json/ with a GPU worker, a dead one, a running and a starving app
    String json = fixture();

    // when
    SparkMasterState state = SparkMasterJson.parse(json);

    // then
    assertThat(state.status()).isEqualTo("ALIVE");
    assertThat(state.workers())
        .containsExactly(
            new SparkWorkerInfo(
                "worker-20261202185816-127.0.0.1-47001",
                "127.0.0.1",
                47001,
                "ALIVE",
                2,
                1,
                2048,
                512,
                Map.of("gpu", List.of("0", "1")),
                Map.of("gpu", List.of("1"))),
            new SparkWorkerInfo(
                "worker-20261202185817-127.0.0.2-47002",
                "127.0.0.2",
                47002,
                "DEAD",
                2,
                0,
                2048,
                0,
                Map.of(),
                Map.of()));
    assertThat(state.aliveWorkers()).extracting(SparkWorkerInfo::host).containsExactly("127.0.0.1");
    assertThat(state.activeApps())
        .containsExactly(
            new SparkAppInfo(
                "app-20261202190606-0000", "gpu-probe", "RUNNING", 1, 512, Map.of("gpu", 1)),
            new SparkAppInfo(
                "app-20261202190650-0001", "too-many-gpus", "WAITING", 0, 512, Map.of("gpu", 3)));
  }

  @Test
  void aWaitingApplicationWhoseExecutorFitsNoLiveWorkerIsReported() throws IOException {
    // given
    SparkMasterState state = SparkMasterJson.parse(fixture());

    // when
    List<SparkAppInfo> starving = state.appsNoWorkerCanHost();

    // then
    assertThat(starving).extracting(SparkAppInfo::name).containsExactly("too-many-gpus");
  }

  @Test
  void judgesWorkersOnWhatTheyOfferNotOnWhatIsFreeNow() throws IOException {
    // given one GPU of two in use
    SparkMasterState state = SparkMasterJson.parse(fixture());

    // then two GPUs still fit: they will be free once the running executor ends
    assertThat(state.anyWorkerCanHost(SparkExecutorShape.of(2, 2048).with("gpu", 2))).isTrue();
    assertThat(state.anyWorkerCanHost(SparkExecutorShape.of(3, 512))).isFalse();
    assertThat(state.anyWorkerCanHost(SparkExecutorShape.of(1, 2049))).isFalse();
    assertThat(state.anyWorkerCanHost(SparkExecutorShape.of(1, 512).with("fpga", 1))).isFalse();
    assertThatThrownBy(() -> state.requireWorkerFor(SparkExecutorShape.of(1, 512).with("gpu", 3)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "Cannot schedule an executor of 1 core, 512 MiB, gpu=3: no alive worker offers that"
                + " much; workers offer [127.0.0.1:47001 2 cores, 2048 MiB, {gpu=[0, 1]}]");
  }

  @Test
  void rejectsAnswersThatAreNoMasterState() {
    assertThatThrownBy(() -> SparkMasterJson.parse("{\"id\": \"worker-1\"}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Invalid Spark master JSON: no status in {\"id\": \"worker-1\"}");
    assertThatThrownBy(() -> SparkMasterJson.parse("<html>"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("Invalid Spark master JSON: ");
  }

  private static String fixture() throws IOException {
    try (InputStream in =
        SparkMasterJsonTest.class.getResourceAsStream("/spark/master-state.json")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
