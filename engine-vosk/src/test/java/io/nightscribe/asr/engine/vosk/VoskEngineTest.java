package io.nightscribe.asr.engine.vosk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nightscribe.asr.engine.AsrEngine;
import io.nightscribe.asr.model.ModelDescriptor;
import io.nightscribe.asr.model.ModelPackage;
import java.nio.file.Path;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class VoskEngineTest {

  @Test
  void isFoundThroughTheServiceLoader() {
    assertThat(ServiceLoader.load(AsrEngine.class).stream().map(p -> p.get().name()))
        .contains("vosk");
  }

  @Test
  void refusesPackagesOfAnotherEngine() {
    ModelPackage onnx =
        new ModelPackage(
            "ctc",
            "2",
            "ab",
            Path.of("/models/ctc"),
            new ModelDescriptor("djl", "onnx", 16_000, Map.of()));

    assertThatThrownBy(() -> new VoskEngine().load(onnx))
        .hasMessage(
            "Cannot load model ctc 2 with Vosk: it is engine djl, format onnx, 16000 Hz"
                + " (Vosk loads engine vosk, format kaldi, 16000 Hz)");
  }
}
