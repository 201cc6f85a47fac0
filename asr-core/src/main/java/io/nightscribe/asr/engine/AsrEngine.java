package io.nightscribe.asr.engine;

import io.nightscribe.asr.model.ModelPackage;

/**
 * An engine family (Vosk, DJL), found through {@link java.util.ServiceLoader}. Thread-safe and
 * stateless.
 */
public interface AsrEngine {

  /** The name model packages use in {@code model.json} ("vosk", "djl"). */
  String name();

  /**
   * Loads a model package.
   *
   * @throws io.nightscribe.asr.NightscribeException CONFIGURATION when the package is not one this
   *     engine can load
   */
  AsrModel load(ModelPackage modelPackage);
}
