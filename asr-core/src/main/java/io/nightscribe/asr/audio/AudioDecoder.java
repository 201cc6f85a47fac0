package io.nightscribe.asr.audio;

import io.nightscribe.asr.storage.SeekableObject;

/**
 * Turns an encoded object into a {@link PcmStream}. Thread-safe; each call opens an independent
 * stream.
 *
 * <p>Throws {@link io.nightscribe.asr.NightscribeException} with category BAD_INPUT for anything
 * wrong with the input itself — empty, not audio, unsupported codec, absurd sample rate or channel
 * count, zero length — with a message naming the object and the reason.
 */
public interface AudioDecoder {
  int TARGET_SAMPLE_RATE_HZ = 16_000;

  /**
   * Probes {@code source} and opens a decoding stream over it. The stream reads {@code source} but
   * does not close it.
   *
   * @param displayName how to name the input in error messages (its URI)
   */
  PcmStream open(SeekableObject source, String displayName);
}
