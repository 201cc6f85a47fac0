package io.nightscribe.asr.storage;

import java.io.Closeable;

/**
 * One opened object that can be read in order or at any position (ranged reads), and that hashes
 * its bytes with SHA-256 while they are read. Not thread-safe: one decoder reads it.
 *
 * <p>Reads in order from the start feed the hash directly. When a reader jumps ahead, the skipped
 * bytes are hashed later from ranged reads, so {@link #sha256()} always describes the whole object.
 */
public interface SeekableObject extends Closeable {

  /** The object as it was opened: size, ETag, versionId. */
  ObjectInfo info();

  /**
   * Reads up to {@code length} bytes at {@code position} into {@code buffer}. Returns the number
   * read, or -1 at the end of the object.
   */
  int read(long position, byte[] buffer, int offset, int length);

  /**
   * The lowercase hex SHA-256 of the whole object. Reads whatever part of the object has not been
   * read yet. Call once reading is done.
   */
  String sha256();

  @Override
  void close();
}
