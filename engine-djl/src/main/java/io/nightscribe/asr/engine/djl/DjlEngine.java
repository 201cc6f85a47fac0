package io.nightscribe.asr.engine.djl;

import io.nightscribe.asr.NightscribeException;
import io.nightscribe.asr.acoustic.CtcModelSpec;
import io.nightscribe.asr.engine.AsrEngine;
import io.nightscribe.asr.engine.AsrModel;
import io.nightscribe.asr.engine.AudioChunk;
import io.nightscribe.asr.model.ModelDescriptor;
import io.nightscribe.asr.model.ModelPackage;
import java.util.Arrays;
import java.util.Optional;

/**
 * The DJL engine: CTC acoustic models whose model.json says {@code "engine":"djl"}, {@code
 * "sampleRateHz":16000} and a {@code "format"} of "djl" (nightscribe's network, DJL parameters),
 * "torchscript" (DJL's PyTorch engine) or "onnx" (DJL's ONNX Runtime engine); the rest of
 * model.json is a {@link CtcModelSpec}. Found through {@link java.util.ServiceLoader}. Stateless
 * and thread-safe.
 */
public final class DjlEngine implements AsrEngine {

  @Override
  public String name() {
    return "djl";
  }

  /**
   * Loads the network on the device of the first worker (a GPU when CUDA is present). The caller
   * closes the returned model.
   *
   * @throws NightscribeException CONFIGURATION when the package is not a 16 kHz DJL CTC package,
   *     model.json is incomplete, or the network file does not load
   */
  @Override
  public AsrModel load(ModelPackage modelPackage) {
    ModelDescriptor descriptor = modelPackage.descriptor();
    Optional<DjlFormat> format = DjlFormat.of(descriptor.format());
    if (!descriptor.engine().equals(name())
        || format.isEmpty()
        || descriptor.sampleRateHz() != AudioChunk.SAMPLE_RATE_HZ) {
      throw NightscribeException.configuration(
          "Cannot load model "
              + modelPackage.name()
              + " "
              + modelPackage.version()
              + " with DJL: it is engine "
              + descriptor.engine()
              + ", format "
              + descriptor.format()
              + ", "
              + descriptor.sampleRateHz()
              + " Hz (DJL loads engine djl, format "
              + String.join(
                  " or ", Arrays.stream(DjlFormat.values()).map(DjlFormat::modelJsonName).toList())
              + ", 16000 Hz)");
    }
    return new DjlModel(modelPackage, CtcModelSpec.of(modelPackage), format.get());
  }
}
