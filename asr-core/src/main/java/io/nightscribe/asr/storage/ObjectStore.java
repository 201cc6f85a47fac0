package io.nightscribe.asr.storage;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Object storage of one scheme. Implementations are thread-safe and shared; close them with the
 * application.
 *
 * <p>Failures are {@link io.nightscribe.asr.NightscribeException}s: CONFIGURATION for a missing
 * bucket or missing credentials, TRANSIENT for network errors and throttling, BAD_INPUT for an
 * object that vanished or changed while being read.
 */
public interface ObjectStore extends AutoCloseable {

  /**
   * The objects under {@code prefix}, in key order, fetched lazily page by page (so a prefix of
   * millions of keys costs one page of memory). Close the stream to stop paging. Keys ending in "/"
   * (folder markers) are skipped.
   */
  Stream<ObjectInfo> list(StorageUri prefix);

  /** The current metadata of one object, or empty if there is none. */
  Optional<ObjectInfo> stat(StorageUri uri);

  /**
   * Opens one object for reading, pinned to the version (or ETag) it has now: ranged reads of the
   * returned object never see a newer write. The caller closes it.
   */
  SeekableObject open(StorageUri uri);

  /**
   * Opens one exact version of an object on a versioned bucket (for replay). The caller closes it.
   */
  SeekableObject open(StorageUri uri, String versionId);

  /**
   * Writes an object from a stream of unknown length, multipart when it is large, and returns what
   * was stored. The write is atomic: readers see the old object or the whole new one, never a part.
   */
  ObjectInfo write(StorageUri uri, InputStream content);

  /** Writes a small object held in memory. */
  default ObjectInfo write(StorageUri uri, byte[] content) {
    return write(uri, new java.io.ByteArrayInputStream(content));
  }

  /** Deletes an object if it exists. */
  void delete(StorageUri uri);

  /** The whole object in memory: for small objects only, such as transcripts and manifests. */
  default byte[] readAllBytes(StorageUri uri) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      copyTo(uri, out);
    } catch (IOException e) {
      throw new UncheckedIOException("A byte array cannot fail to write", e);
    }
    return out.toByteArray();
  }

  /**
   * Streams the whole object into {@code out}, a block at a time.
   *
   * @throws IOException when writing to {@code out} fails (reading fails as this interface says)
   */
  default void copyTo(StorageUri uri, OutputStream out) throws IOException {
    try (SeekableObject object = open(uri)) {
      byte[] buffer = new byte[64 * 1024];
      long position = 0;
      int read;
      while ((read = object.read(position, buffer, 0, buffer.length)) > 0) {
        out.write(buffer, 0, read);
        position += read;
      }
    }
  }

  @Override
  default void close() {}
}
