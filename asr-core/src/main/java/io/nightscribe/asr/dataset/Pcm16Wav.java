package io.nightscribe.asr.dataset;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Mono 16-bit PCM as a canonical 44-byte-header WAV file: the same samples always give the same
 * bytes, whatever tool produced them. Stateless and thread-safe.
 */
public final class Pcm16Wav {
  private static final int HEADER_BYTES = 44;

  private Pcm16Wav() {}

  /** The samples of raw signed 16-bit little-endian PCM; a trailing odd byte is dropped. */
  public static short[] samples(byte[] littleEndian) {
    short[] samples = new short[littleEndian.length / 2];
    ByteBuffer.wrap(littleEndian).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(samples);
    return samples;
  }

  /** A WAV file of {@code samples} at {@code sampleRateHz}. */
  public static byte[] encode(short[] samples, int sampleRateHz) {
    if (sampleRateHz <= 0) {
      throw new IllegalArgumentException("Invalid sample rate: " + sampleRateHz);
    }
    int dataBytes = Math.multiplyExact(samples.length, 2);
    ByteBuffer wav = ByteBuffer.allocate(HEADER_BYTES + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
    wav.put("RIFF".getBytes(StandardCharsets.US_ASCII))
        .putInt(HEADER_BYTES - 8 + dataBytes)
        .put("WAVE".getBytes(StandardCharsets.US_ASCII))
        .put("fmt ".getBytes(StandardCharsets.US_ASCII))
        .putInt(16)
        .putShort((short) 1) // PCM
        .putShort((short) 1) // mono
        .putInt(sampleRateHz)
        .putInt(sampleRateHz * 2) // bytes per second
        .putShort((short) 2) // bytes per frame
        .putShort((short) 16)
        .put("data".getBytes(StandardCharsets.US_ASCII))
        .putInt(dataBytes);
    wav.asShortBuffer().put(samples);
    return wav.array();
  }
}
