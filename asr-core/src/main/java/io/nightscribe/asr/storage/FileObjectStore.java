package io.nightscribe.asr.storage;

import io.nightscribe.asr.ErrorCategory;
import io.nightscribe.asr.NightscribeException;
import io.nightscribe.asr.Sha256;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.UUID;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code file://} folders as object storage: the embedded default. Keys are absolute paths; a
 * listing walks the folder tree lazily in key order, as S3 lists.
 *
 * <p>Writes are atomic: the bytes go to a hidden temporary file in the target folder, which is then
 * renamed over the target, so readers see the old file or the whole new one. An opened object keeps
 * reading the file it opened even if a write replaces it. The ETag is a digest of size and
 * modification time; there are no versions, so {@link ObjectInfo#versionId()} is always empty.
 *
 * <p>Thread-safe and stateless; {@link #close()} does nothing.
 */
public final class FileObjectStore implements ObjectStore {
  private static final Logger log = LoggerFactory.getLogger(FileObjectStore.class);
  private static final String TEMP_PREFIX = ".nightscribe-tmp-";

  @Override
  public Stream<ObjectInfo> list(StorageUri prefix) {
    requireFile(prefix);
    String keyPrefix = prefix.key();
    Path folder = Path.of("/" + keyPrefix.substring(0, keyPrefix.lastIndexOf('/') + 1));
    Iterator<Path> files = translatingFailures(new FileTreeIterator(folder), prefix);
    return StreamSupport.stream(
            Spliterators.spliteratorUnknownSize(
                files, Spliterator.ORDERED | Spliterator.NONNULL | Spliterator.DISTINCT),
            false)
        .filter(path -> !path.getFileName().toString().startsWith(TEMP_PREFIX))
        .map(path -> StorageUri.ofPath(path, false))
        .filter(uri -> uri.key().startsWith(keyPrefix))
        .flatMap(uri -> stat(uri).stream());
  }

  @Override
  public Optional<ObjectInfo> stat(StorageUri uri) {
    requireFile(uri);
    try {
      BasicFileAttributes attributes =
          Files.readAttributes(uri.toPath(), BasicFileAttributes.class);
      return attributes.isRegularFile() ? Optional.of(info(uri, attributes)) : Optional.empty();
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw failure("stat", uri, e);
    }
  }

  @Override
  public SeekableObject open(StorageUri uri) {
    requireObject(uri);
    FileChannel channel;
    try {
      channel = FileChannel.open(uri.toPath(), StandardOpenOption.READ);
    } catch (IOException e) {
      throw failure("read", uri, e);
    }
    try {
      BasicFileAttributes attributes =
          Files.readAttributes(uri.toPath(), BasicFileAttributes.class);
      ObjectInfo info =
          new ObjectInfo(uri, channel.size(), etag(channel.size(), attributes), Optional.empty());
      log.debug("Opened {} ({} bytes)", uri, info.sizeBytes());
      return new FileObject(channel, info);
    } catch (IOException e) {
      closeQuietly(channel, e);
      throw failure("read", uri, e);
    }
  }

  /**
   * Always fails: files have no versions.
   *
   * @throws NightscribeException CONFIGURATION, saying file:// has no versions
   */
  @Override
  public SeekableObject open(StorageUri uri, String versionId) {
    throw NightscribeException.configuration(
        "Cannot read "
            + uri
            + " at version "
            + versionId
            + ": file:// storage has no versions (replay from a versioned s3:// bucket, or"
            + " read the current file)");
  }

  @Override
  public ObjectInfo write(StorageUri uri, InputStream content) {
    requireObject(uri);
    Path target = uri.toPath();
    // the temporary name does not grow with the target's: a name near the 255-byte limit still fits
    Path temp = target.resolveSibling(TEMP_PREFIX + UUID.randomUUID());
    try {
      Files.createDirectories(target.getParent());
      try (FileChannel channel =
              FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
          OutputStream out = Channels.newOutputStream(channel)) {
        content.transferTo(out);
        channel.force(true);
      }
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      deleteQuietly(temp, e);
      throw failure("write", uri, e);
    }
    ObjectInfo written =
        stat(uri)
            .orElseThrow(
                () ->
                    NightscribeException.transientFailure(
                        "Cannot write " + uri + ": another process deleted it right away", null));
    log.debug("Wrote {} ({} bytes)", uri, written.sizeBytes());
    return written;
  }

  @Override
  public void delete(StorageUri uri) {
    requireObject(uri);
    try {
      Files.deleteIfExists(uri.toPath());
    } catch (IOException e) {
      throw failure("delete", uri, e);
    }
  }

  private static ObjectInfo info(StorageUri uri, BasicFileAttributes attributes) {
    return new ObjectInfo(
        uri, attributes.size(), etag(attributes.size(), attributes), Optional.empty());
  }

  private static String etag(long sizeBytes, BasicFileAttributes attributes) {
    Instant modified = attributes.lastModifiedTime().toInstant();
    String identity = sizeBytes + ":" + modified.getEpochSecond() + "." + modified.getNano();
    return Sha256.hex(identity.getBytes(StandardCharsets.US_ASCII)).substring(0, 32);
  }

  private static void requireFile(StorageUri uri) {
    if (!uri.scheme().equals("file")) {
      throw new IllegalArgumentException("Not a file:// URI: " + uri);
    }
  }

  private static void requireObject(StorageUri uri) {
    requireFile(uri);
    if (uri.isPrefix()) {
      throw new IllegalArgumentException("Not an object but a folder: " + uri);
    }
    // the last line of defence for "never outside the output root": a path that the file system
    // would normalize names another file than the key says
    if (!uri.isNormalPath()) {
      throw new IllegalArgumentException(
          "Invalid file key: " + uri + " has '.', '..' or empty segments (escape it first)");
    }
  }

  static NightscribeException failure(String verb, StorageUri uri, IOException e) {
    String prefix = "Cannot " + verb + " " + uri + ": ";
    if (e instanceof NoSuchFileException) {
      return NightscribeException.badInput(prefix + "no such file", e);
    }
    if (e instanceof AccessDeniedException) {
      return NightscribeException.configuration(
          prefix + "permission denied (give the job's user access to " + e.getMessage() + ")", e);
    }
    String reason = String.valueOf(e.getMessage());
    if (reason.contains("No space left")) {
      return new NightscribeException(
          ErrorCategory.RESOURCE_EXHAUSTED, prefix + "no space left on the device", e);
    }
    return NightscribeException.transientFailure(prefix + reason, e);
  }

  private static Iterator<Path> translatingFailures(Iterator<Path> files, StorageUri prefix) {
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        try {
          return files.hasNext();
        } catch (UncheckedIOException e) {
          throw failure("list", prefix, e.getCause());
        }
      }

      @Override
      public Path next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        return files.next();
      }
    };
  }

  private static void closeQuietly(FileChannel channel, Exception primary) {
    try {
      channel.close();
    } catch (IOException e) {
      primary.addSuppressed(e);
    }
  }

  private static void deleteQuietly(Path temp, Exception primary) {
    try {
      Files.deleteIfExists(temp);
    } catch (IOException e) {
      primary.addSuppressed(e);
    }
  }

  /** One open file, read by position through its channel. */
  private static final class FileObject implements SeekableObject {
    private final FileChannel channel;
    private final ObjectInfo info;
    private final Sha256Tracker tracker;

    FileObject(FileChannel channel, ObjectInfo info) {
      this.channel = channel;
      this.info = info;
      this.tracker = new Sha256Tracker(this::readAt, info);
    }

    @Override
    public ObjectInfo info() {
      return info;
    }

    @Override
    public int read(long position, byte[] buffer, int offset, int length) {
      return tracker.read(position, buffer, offset, length);
    }

    @Override
    public String sha256() {
      return tracker.sha256();
    }

    private int readAt(long position, byte[] buffer, int offset, int length) {
      if (length == 0) {
        return 0;
      }
      try {
        return channel.read(ByteBuffer.wrap(buffer, offset, length), position);
      } catch (IOException e) {
        throw failure("read", info.uri(), e);
      }
    }

    @Override
    public void close() {
      try {
        channel.close();
      } catch (IOException e) {
        throw failure("close", info.uri(), e);
      }
    }
  }
}
