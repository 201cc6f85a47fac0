package io.nightscribe.asr.vad.silero;

import io.nightscribe.asr.NightscribeException;
import io.nightscribe.asr.vad.SpeechDetector;
import io.nightscribe.asr.vad.SpeechModel;
import java.io.IOException;
import java.io.InputStream;

/**
 * Silero VAD 6.2.3 (MIT), its 16 kHz sequence model run by ONNX Runtime, found through {@link
 * java.util.ServiceLoader} as {@value #NAME}. The model travels in this module's jar
 * (models/silero-vad in the source tree says where it comes from). Stateless and thread-safe.
 */
public final class SileroVad implements SpeechDetector {
  /** The name decoding settings select this detector by. */
  public static final String NAME = "silero-vad-6.2.3";

  static final String MODEL_RESOURCE = "silero_vad_16k_sequence.onnx";

  @Override
  public String name() {
    return NAME;
  }

  /**
   * Loads the model into an ONNX Runtime session (about 1 MB, milliseconds). The caller closes it.
   *
   * @throws NightscribeException CONFIGURATION when the model is missing from the jar or ONNX
   *     Runtime cannot load it
   */
  @Override
  public SpeechModel load() {
    try (InputStream model = SileroVad.class.getResourceAsStream(MODEL_RESOURCE)) {
      if (model == null) {
        throw NightscribeException.configuration(
            "Cannot load speech detector "
                + NAME
                + ": resource "
                + MODEL_RESOURCE
                + " is not in the vad-silero jar (rebuild it with Maven, which copies it from"
                + " models/silero-vad)");
      }
      return new SileroModel(model.readAllBytes());
    } catch (IOException e) {
      throw NightscribeException.configuration(
          "Cannot load speech detector " + NAME + ": " + e.getMessage(), e);
    }
  }
}
