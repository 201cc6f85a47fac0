package io.nightscribe.asr.vad;

/**
 * A loaded speech detector: heavy, shared by every decoder thread, thread-safe. Whoever loaded it
 * closes it, after every scorer it opened is closed.
 */
public interface SpeechModel extends AutoCloseable {

  /** Samples of 16 kHz audio per scored frame. */
  int frameSamples();

  /** Opens a scorer for one source's audio, from its first frame. */
  SpeechScorer open();

  @Override
  void close();
}
