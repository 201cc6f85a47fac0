package io.nightscribe.asr.vad;

/**
 * Scores one source's audio, frame after frame: each call continues where the previous one ended.
 * Not thread-safe: one decoder thread uses it, and closes it.
 *
 * <p>Callers score a source in blocks of the same number of frames (the last one excepted), so a
 * detector whose numbers depend in the last bits on how frames are grouped still scores the same
 * audio the same way every time.
 */
public interface SpeechScorer extends AutoCloseable {

  /**
   * The probability, in [0, 1], that each frame of {@code frames} is speech.
   *
   * @param frames 16 kHz samples, a whole number of frames
   * @throws io.nightscribe.asr.NightscribeException INTERNAL when the detector fails
   */
  float[] score(float[] frames);

  @Override
  void close();
}
