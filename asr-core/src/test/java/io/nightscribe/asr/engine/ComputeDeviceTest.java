package io.nightscribe.asr.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class ComputeDeviceTest {

  @Test
  void spreadsWorkersOverTheGpusInTurn() {
    assertThat(ComputeDevice.forWorkers(2, 5))
        .containsExactly(
            ComputeDevice.gpu(0),
            ComputeDevice.gpu(1),
            ComputeDevice.gpu(0),
            ComputeDevice.gpu(1),
            ComputeDevice.gpu(0));
  }

  @Test
  void putsEveryWorkerOnTheCpuWithoutGpus() {
    assertThat(ComputeDevice.forWorkers(0, 2))
        .containsExactly(ComputeDevice.CPU, ComputeDevice.CPU);
  }

  @Test
  void givesFewerWorkersThanGpusOneGpuEach() {
    assertThat(ComputeDevice.forWorkers(4, 2))
        .containsExactly(ComputeDevice.gpu(0), ComputeDevice.gpu(1));
  }

  @Test
  void runsOnTheAssignedGpuWhenTheEngineSeesIt() {
    assertThat(ComputeDevice.forAssigned(Optional.of("1"), 2)).isEqualTo(ComputeDevice.gpu(1));
  }

  @Test
  void fallsBackToTheCpuWhenTheAssignedGpuIsNotThereOrNoneWasAssigned() {
    assertThat(ComputeDevice.forAssigned(Optional.of("1"), 0)).isEqualTo(ComputeDevice.CPU);
    assertThat(ComputeDevice.forAssigned(Optional.of("3"), 2)).isEqualTo(ComputeDevice.CPU);
    assertThat(ComputeDevice.forAssigned(Optional.of("gpu-a"), 2)).isEqualTo(ComputeDevice.CPU);
    assertThat(ComputeDevice.forAssigned(Optional.empty(), 2)).isEqualTo(ComputeDevice.CPU);
  }
}
