package io.nightscribe.asr.chunk;

import io.nightscribe.asr.audio.PcmStream;
import io.nightscribe.asr.engine.DecodingSettings;
import io.nightscribe.asr.vad.SpeechDetectors;
import io.nightscribe.asr.vad.SpeechModel;

/**
 * How a run cuts every source: at pauses, or in fixed windows, as its {@link DecodingSettings} say.
 * Thread-safe: decoder threads open segmenters at once. Whoever made it closes it, after every
 * segmenter it opened is closed.
 */
public interface Segmentation extends AutoCloseable {

  /** A segmenter for one source's audio, chunks named {@code sourceId}. */
  Segmenter open(String sourceId, PcmStream stream);

  @Override
  default void close() {}

  /**
   * The segmentation {@code settings} ask for; cutting at pauses loads the speech detector they
   * name.
   *
   * @throws io.nightscribe.asr.NightscribeException CONFIGURATION when that detector is not
   *     installed or does not load
   */
  static Segmentation of(DecodingSettings settings, SpeechDetectors detectors) {
    if (settings.segmentation().isEmpty()) {
      return (sourceId, stream) -> new Chunker(sourceId, stream, settings);
    }
    SpeechModel detector = detectors.load(settings.segmentation().get().detector());
    return new Segmentation() {
      @Override
      public Segmenter open(String sourceId, PcmStream stream) {
        return new PauseSegmenter(sourceId, stream, detector, settings);
      }

      @Override
      public void close() {
        detector.close();
      }
    };
  }
}
