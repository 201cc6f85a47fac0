package io.nightscribe.asr.audio;

import io.nightscribe.asr.Sha256;
import io.nightscribe.asr.storage.ObjectInfo;
import io.nightscribe.asr.storage.SeekableObject;
import io.nightscribe.asr.storage.StorageUri;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** A {@link SeekableObject} over bytes held in memory, counting the reads made of it. */
class InMemorySeekableObject implements SeekableObject {
  private final byte[] bytes;
  private final ObjectInfo info;
  private int reads;
  private long farthestReadEnd;

  InMemorySeekableObject(String key, byte[] bytes) {
    this.bytes = bytes.clone();
    this.info =
        new ObjectInfo(
            new StorageUri("file", "", "mem/" + key), bytes.length, "etag", Optional.empty());
  }

  static InMemorySeekableObject of(Path file) {
    try {
      return new InMemorySeekableObject(file.getFileName().toString(), Files.readAllBytes(file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public ObjectInfo info() {
    return info;
  }

  @Override
  public int read(long position, byte[] buffer, int offset, int length) {
    if (position >= bytes.length) {
      return -1;
    }
    int count = (int) Math.min(length, bytes.length - position);
    System.arraycopy(bytes, (int) position, buffer, offset, count);
    reads++;
    farthestReadEnd = Math.max(farthestReadEnd, position + count);
    return count;
  }

  int reads() {
    return reads;
  }

  long farthestReadEnd() {
    return farthestReadEnd;
  }

  @Override
  public String sha256() {
    return Sha256.hex(Sha256.newDigest().digest(bytes));
  }

  @Override
  public void close() {}
}
