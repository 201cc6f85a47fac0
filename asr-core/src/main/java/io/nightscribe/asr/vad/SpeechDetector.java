package io.nightscribe.asr.vad;

/**
 * A voice activity detector, found through {@link java.util.ServiceLoader} in {@code
 * META-INF/services/io.nightscribe.asr.vad.SpeechDetector}: how segmentation at pauses tells speech
 * from silence. Stateless and thread-safe; {@link #load} does the heavy work.
 */
public interface SpeechDetector {

  /**
   * The name decoding settings select it by, with its version ({@code silero-vad-6.2.3}): a run
   * records it, and a replay needs the same detector.
   */
  String name();

  /**
   * Loads the detector's model. The caller closes it.
   *
   * @throws io.nightscribe.asr.NightscribeException CONFIGURATION when the model cannot be loaded
   */
  SpeechModel load();
}
