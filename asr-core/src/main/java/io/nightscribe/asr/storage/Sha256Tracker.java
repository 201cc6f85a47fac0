package io.nightscribe.asr.storage;

import io.nightscribe.asr.NightscribeException;
import io.nightscribe.asr.Sha256;
import java.security.MessageDigest;
import java.util.Objects;

/**
 * Hashes an object with SHA-256 as a side effect of reading it, so a decoder that reads in order
 * costs exactly one read of each byte. Reads that continue the hashed prefix feed the digest; reads
 * elsewhere (after a seek) pass through unhashed, and {@link #sha256()} reads the remainder that
 * was never hashed. Not thread-safe, like the {@link SeekableObject} that owns it.
 */
final class Sha256Tracker {

  /** Positional reads of one object, as {@link SeekableObject#read} defines them. */
  @FunctionalInterface
  interface RangeReader {
    int read(long position, byte[] buffer, int offset, int length);
  }

  private static final int FINISH_BUFFER_BYTES = 256 * 1024;

  private final RangeReader source;
  private final ObjectInfo info;
  private final MessageDigest digest = Sha256.newDigest();
  private long hashedBytes;
  private String hex;

  /**
   * @param source where bytes come from; its reads go through {@link #read} to be hashed
   * @param info the object as opened; its size says when the hash is complete
   */
  Sha256Tracker(RangeReader source, ObjectInfo info) {
    this.source = Objects.requireNonNull(source, "source");
    this.info = Objects.requireNonNull(info, "info");
  }

  /** Reads through the source, feeding the digest with whatever extends the hashed prefix. */
  int read(long position, byte[] buffer, int offset, int length) {
    Objects.checkFromIndexSize(offset, length, buffer.length);
    if (position < 0) {
      throw new IllegalArgumentException("Invalid position: " + position);
    }
    int read = source.read(position, buffer, offset, length);
    if (read > 0 && hex == null && position <= hashedBytes && hashedBytes < position + read) {
      int alreadyHashed = (int) (hashedBytes - position);
      digest.update(buffer, offset + alreadyHashed, read - alreadyHashed);
      hashedBytes = position + read;
    }
    return read;
  }

  /** How many bytes from position 0 have been hashed so far. */
  long hashedBytes() {
    return hashedBytes;
  }

  /**
   * The hex SHA-256 of the whole object, reading the part not hashed yet. Later calls return the
   * same value.
   *
   * @throws NightscribeException BAD_INPUT when the object ends before or after its opened size
   */
  String sha256() {
    if (hex != null) {
      return hex;
    }
    byte[] buffer = new byte[(int) Math.min(FINISH_BUFFER_BYTES, Math.max(1, remaining()))];
    while (hashedBytes < info.sizeBytes()) {
      int want = (int) Math.min(buffer.length, remaining());
      if (read(hashedBytes, buffer, 0, want) < 0) {
        throw changed("it ended at byte " + hashedBytes + " of " + info.sizeBytes());
      }
    }
    if (source.read(hashedBytes, buffer, 0, 1) > 0) {
      throw changed("it grew past its size of " + info.sizeBytes() + " bytes");
    }
    hex = Sha256.hex(digest);
    return hex;
  }

  private long remaining() {
    return info.sizeBytes() - hashedBytes;
  }

  private NightscribeException changed(String how) {
    return NightscribeException.badInput(
        "Cannot read " + info.uri() + ": it changed while reading (" + how + ")");
  }
}
