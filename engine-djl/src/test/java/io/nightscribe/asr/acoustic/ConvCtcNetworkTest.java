package io.nightscribe.asr.acoustic;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import org.junit.jupiter.api.Test;

class ConvCtcNetworkTest {

  @Test
  void answersLogProbabilitiesAtTheReducedFrameRate() throws Exception {
    ConvCtcNetwork network = new ConvCtcNetwork(80, 32, 2, 5, 2, 29);
    try (NDManager manager = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
      Engine.getEngine("PyTorch").setRandomSeed(7);
      Block block = network.build();
      block.initialize(manager, DataType.FLOAT32, new Shape(1, 101, 80));
      NDArray features = manager.randomNormal(new Shape(3, 101, 80));
      NDList output =
          block.forward(new ParameterStore(manager, false), new NDList(features), false);
      NDArray logProbabilities = output.singletonOrThrow();

      assertThat(logProbabilities.getShape()).isEqualTo(new Shape(3, 51, 29));
      assertThat(network.outputFrames(101)).isEqualTo(51);
      float[] sums = logProbabilities.exp().sum(new int[] {2}).toFloatArray();
      for (float sum : sums) {
        assertThat(sum).isCloseTo(1f, org.assertj.core.data.Offset.offset(1e-4f));
      }
      ByteArrayOutputStream saved = new ByteArrayOutputStream();
      block.saveParameters(new DataOutputStream(saved));
      assertThat(saved.size()).isGreaterThan(4 * (80 * 32 * 5 + 2 * 32 * 32));
    }
  }
}
