package io.nightscribe.asr.audio;

import io.nightscribe.asr.storage.ObjectInfo;
import io.nightscribe.asr.storage.SeekableObject;
import io.nightscribe.asr.storage.StorageUri;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * A {@link SeekableObject} over a local file, for fixtures too big to hold in memory. Public so the
 * decode benchmark can use it; it does not hash.
 */
public final class FileSeekableObject implements SeekableObject {
  private final FileChannel channel;
  private final ObjectInfo info;

  public FileSeekableObject(Path file) {
    try {
      this.channel = FileChannel.open(file, StandardOpenOption.READ);
      this.info =
          new ObjectInfo(StorageUri.ofPath(file, false), channel.size(), "etag", Optional.empty());
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
    try {
      return channel.read(ByteBuffer.wrap(buffer, offset, length), position);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public String sha256() {
    throw new UnsupportedOperationException("not needed by decoding tests");
  }

  @Override
  public void close() {
    try {
      channel.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
