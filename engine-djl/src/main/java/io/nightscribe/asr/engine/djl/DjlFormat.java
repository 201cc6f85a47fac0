package io.nightscribe.asr.engine.djl;

import java.util.Arrays;
import java.util.Optional;

/** The model files the DJL engine loads, by model.json "format", and the DJL engine of each. */
enum DjlFormat {
  /**
   * nightscribe's own {@link io.nightscribe.asr.acoustic.ConvCtcNetwork}, parameters saved by DJL.
   */
  DJL("djl", "PyTorch"),
  TORCHSCRIPT("torchscript", "PyTorch"),
  ONNX("onnx", "OnnxRuntime");

  private final String modelJsonName;
  private final String engineName;

  DjlFormat(String modelJsonName, String engineName) {
    this.modelJsonName = modelJsonName;
    this.engineName = engineName;
  }

  static Optional<DjlFormat> of(String modelJsonName) {
    return Arrays.stream(values()).filter(f -> f.modelJsonName.equals(modelJsonName)).findFirst();
  }

  String modelJsonName() {
    return modelJsonName;
  }

  String engineName() {
    return engineName;
  }

  /**
   * Whether the network reads [batch, samples] rather than [batch, frames, dimensions]: exported
   * models fed a raw waveform do (wav2vec2), nightscribe's network always reads frames.
   */
  boolean readsWaveform(boolean rawWaveformFrontEnd) {
    return rawWaveformFrontEnd && this != DJL;
  }
}
