package io.nightscribe.asr.engine;

import static org.assertj.core.api.Assertions.assertThat;

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
}
