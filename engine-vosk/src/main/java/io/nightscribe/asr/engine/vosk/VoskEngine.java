package io.nightscribe.asr.engine.vosk;

import io.nightscribe.asr.NightscribeException;
import io.nightscribe.asr.engine.AsrEngine;
import io.nightscribe.asr.engine.AsrModel;
import io.nightscribe.asr.engine.AudioChunk;
import io.nightscribe.asr.model.ModelDescriptor;
import io.nightscribe.asr.model.ModelPackage;

/**
 * The Vosk (Kaldi) engine: loads packages whose model.json says {@code "engine":"vosk"}, {@code
 * "format":"kaldi"}, {@code "sampleRateHz":16000}. Found through {@link java.util.ServiceLoader}.
 * Stateless and thread-safe.
 */
public final class VoskEngine implements AsrEngine {
  /** The version of the Vosk library this engine is built against (its jar does not say). */
  public static final String VOSK_VERSION = "0.3.45";

  @Override
  public String name() {
    return "vosk";
  }

  /**
   * Loads the Kaldi model (seconds, a few hundred MB). The caller closes the returned model.
   *
   * @throws NightscribeException CONFIGURATION when the package is not a 16 kHz Kaldi package or
   *     Vosk cannot load it
   */
  @Override
  public AsrModel load(ModelPackage modelPackage) {
    ModelDescriptor descriptor = modelPackage.descriptor();
    if (!descriptor.engine().equals(name())
        || !descriptor.format().equals("kaldi")
        || descriptor.sampleRateHz() != AudioChunk.SAMPLE_RATE_HZ) {
      throw NightscribeException.configuration(
          "Cannot load model "
              + modelPackage.name()
              + " "
              + modelPackage.version()
              + " with Vosk: it is engine "
              + descriptor.engine()
              + ", format "
              + descriptor.format()
              + ", "
              + descriptor.sampleRateHz()
              + " Hz (Vosk loads engine vosk, format kaldi, 16000 Hz)");
    }
    return new VoskModel(modelPackage);
  }
}
