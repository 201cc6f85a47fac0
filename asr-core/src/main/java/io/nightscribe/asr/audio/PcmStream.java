package io.nightscribe.asr.audio;

import java.io.Closeable;

/**
 * Decoded audio as 16 kHz mono float samples in [-1, 1] (a downmix may slightly exceed it),
 * delivered in bounded blocks so no file is ever whole in memory. Not thread-safe. The caller
 * closes it.
 */
public interface PcmStream extends Closeable {

  /** Sample rate of every block: always {@value AudioDecoder#TARGET_SAMPLE_RATE_HZ}. */
  default int sampleRateHz() {
    return AudioDecoder.TARGET_SAMPLE_RATE_HZ;
  }

  /** What the input was, with the corrupt packets skipped so far. */
  AudioProbe probe();

  /**
   * The next block of samples (at most a few seconds), or null at the end of the audio.
   *
   * @throws io.nightscribe.asr.NightscribeException BAD_INPUT when the audio turns out undecodable
   *     or truncated
   */
  float[] nextBlock();

  @Override
  void close();
}
