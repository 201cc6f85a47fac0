package io.nightscribe.asr.manifest;

import java.util.Objects;

/**
 * A manifest as written: its bytes and their sha256 (the hash a run record keeps).
 *
 * @param bytes the JSON Lines, UTF-8, one entry per line, each line ending in "\n"; copied in and
 *     out
 * @param sha256 lowercase hex sha256 of {@code bytes}
 */
public record EncodedManifest(byte[] bytes, String sha256) {
  public EncodedManifest {
    bytes = Objects.requireNonNull(bytes, "bytes").clone();
    Objects.requireNonNull(sha256, "sha256");
  }

  @Override
  public byte[] bytes() {
    return bytes.clone();
  }

  /** Number of entries (lines). */
  public int lineCount() {
    int count = 0;
    for (byte b : bytes) {
      if (b == '\n') {
        count++;
      }
    }
    return count;
  }
}
