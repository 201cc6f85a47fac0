package io.nightscribe.asr.audio;

import io.nightscribe.asr.storage.SeekableObject;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * What a RIFF/WAVE header promises. FFmpeg clamps a WAV's data chunk to the bytes present, so a WAV
 * cut short would otherwise decode as a shorter, healthy file; reading the header itself lets the
 * decoder treat it like any other container that declares more than it holds.
 */
final class WavHeader {
  private static final int MAX_CHUNKS = 64;
  private static final long STREAMING_PLACEHOLDER = 0xFFFF_FFFFL;

  private WavHeader() {}

  /**
   * The duration the data chunk declares, or -1 when {@code object} is not a plain RIFF WAVE, or
   * its writer left the size open (0 or 0xFFFFFFFF, as streaming writers do).
   */
  static long declaredMillis(SeekableObject object) {
    ByteBuffer riff = readAt(object, 0, 12);
    if (riff == null || !tag(riff, 0).equals("RIFF") || !tag(riff, 8).equals("WAVE")) {
      return -1;
    }
    long byteRate = -1;
    long position = 12;
    for (int i = 0; i < MAX_CHUNKS; i++) {
      ByteBuffer chunk = readAt(object, position, 8);
      if (chunk == null) {
        return -1;
      }
      String id = tag(chunk, 0);
      long size = Integer.toUnsignedLong(chunk.getInt(4));
      if (id.equals("fmt ")) {
        // fmt: format tag (2 bytes), channels (2), sample rate (4), then the byte rate
        ByteBuffer rate = readAt(object, position + 16, 4);
        byteRate = rate == null ? -1 : Integer.toUnsignedLong(rate.getInt(0));
      } else if (id.equals("data")) {
        boolean open = size == 0 || size == STREAMING_PLACEHOLDER;
        return open || byteRate <= 0 ? -1 : size * 1000 / byteRate;
      }
      position += 8 + size + (size & 1);
    }
    return -1;
  }

  private static ByteBuffer readAt(SeekableObject object, long position, int length) {
    byte[] bytes = new byte[length];
    int filled = 0;
    while (filled < length) {
      int count = object.read(position + filled, bytes, filled, length - filled);
      if (count <= 0) {
        return null;
      }
      filled += count;
    }
    return ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
  }

  private static String tag(ByteBuffer buffer, int offset) {
    byte[] tag = new byte[4];
    buffer.get(offset, tag);
    return new String(tag, StandardCharsets.US_ASCII);
  }
}
