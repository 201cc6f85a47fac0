package io.nightscribe.asr.storage;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * A location in object storage: {@code s3://bucket/key} or {@code file:///absolute/folder/key}. For
 * {@code file}, the "bucket" is empty and the key is the absolute path without its leading slash. A
 * key ending in "/" names a prefix.
 *
 * @param scheme "s3" or "file"
 * @param bucket the S3 bucket, empty for file
 * @param key the object key or prefix; may be empty (the bucket or file-system root). An S3 key is
 *     any string and is kept verbatim (it may start with "/" or hold "." and ".." segments); a file
 *     key never starts with "/"
 */
public record StorageUri(String scheme, String bucket, String key)
    implements Comparable<StorageUri> {
  private static final int MAX_S3_KEY_BYTES = 1024;
  private static final int MAX_FILE_NAME_BYTES = 255;
  private static final int MAX_FILE_PATH_BYTES = 4095;

  public StorageUri {
    Objects.requireNonNull(scheme, "scheme");
    Objects.requireNonNull(bucket, "bucket");
    Objects.requireNonNull(key, "key");
    if (!scheme.equals("s3") && !scheme.equals("file")) {
      throw new IllegalArgumentException(
          "Invalid storage URI scheme: " + scheme + " (use s3:// or file://)");
    }
    if (scheme.equals("s3") && bucket.isEmpty()) {
      throw new IllegalArgumentException("Invalid S3 URI: no bucket (use s3://bucket/prefix/)");
    }
    if (scheme.equals("file") && key.startsWith("/")) {
      throw new IllegalArgumentException("Invalid storage key: starts with '/': " + key);
    }
  }

  /**
   * Parses {@code s3://bucket/key}, {@code file:///abs/path} or a plain absolute or relative path
   * (taken as file).
   *
   * @throws IllegalArgumentException naming the URI and the accepted forms
   */
  public static StorageUri parse(String text) {
    Objects.requireNonNull(text, "text");
    if (text.startsWith("s3://")) {
      String rest = text.substring("s3://".length());
      int slash = rest.indexOf('/');
      String bucket = slash < 0 ? rest : rest.substring(0, slash);
      String key = slash < 0 ? "" : rest.substring(slash + 1);
      return new StorageUri("s3", bucket, key);
    }
    if (text.startsWith("file:")) {
      String path = text.substring("file:".length());
      while (path.startsWith("//")) {
        path = path.substring(1);
      }
      boolean prefix = text.endsWith("/");
      return ofPath(Path.of(path), prefix);
    }
    if (text.contains("://")) {
      throw new IllegalArgumentException(
          "Invalid storage URI: " + text + " (use s3://bucket/prefix/ or file:///folder/)");
    }
    return ofPath(Path.of(text), text.endsWith("/"));
  }

  /** A file URI for a local path; {@code prefix} adds the trailing "/" that marks a folder. */
  public static StorageUri ofPath(Path path, boolean prefix) {
    String absolute = path.toAbsolutePath().normalize().toString();
    String key = absolute.substring(1);
    if (prefix && !key.isEmpty() && !key.endsWith("/")) {
      key = key + "/";
    }
    return new StorageUri("file", "", key);
  }

  /** True when this names a prefix (a folder) rather than one object. */
  public boolean isPrefix() {
    return key.isEmpty() || key.endsWith("/");
  }

  /** This URI as a prefix: with a trailing "/" unless empty. */
  public StorageUri asPrefix() {
    return isPrefix() ? this : new StorageUri(scheme, bucket, key + "/");
  }

  /** The prefix (folder) holding this object. */
  public StorageUri parent() {
    return new StorageUri(
        scheme, bucket, key.substring(0, key.lastIndexOf('/', key.length() - 2) + 1));
  }

  /**
   * The object at {@code relativeKey} under this prefix: the two keys joined as they are, never
   * normalized, so an S3 key like {@code a/../b} or {@code a//b} names that very object. Only a
   * file URI that would escape this prefix is refused: names for files must be made safe first (the
   * output layout escapes input keys).
   *
   * @throws IllegalArgumentException for a file URI whose joined path climbs above this prefix
   */
  public StorageUri resolve(String relativeKey) {
    StorageUri resolved = new StorageUri(scheme, bucket, asPrefix().key + relativeKey);
    if (scheme.equals("file") && !resolved.isNormalPath()) {
      throw new IllegalArgumentException(
          "Invalid file name: '"
              + relativeKey
              + "' under "
              + this
              + " has '.', '..' or empty segments (escape the key before naming a file after it)");
    }
    return resolved;
  }

  /**
   * Why storage cannot hold an object at this URI, or empty when it can: an S3 key over 1024 bytes,
   * a file name over 255 bytes or a path over 4095 bytes (Linux's limits), in UTF-8.
   */
  public Optional<String> limitExceeded() {
    if (scheme.equals("s3")) {
      int bytes = utf8Length(key);
      return bytes > MAX_S3_KEY_BYTES
          ? Optional.of(
              "its S3 key would be "
                  + bytes
                  + " bytes, over S3's limit of "
                  + MAX_S3_KEY_BYTES
                  + " (shorten the object's key or the output prefix)")
          : Optional.empty();
    }
    int pathBytes = utf8Length(key) + 1;
    if (pathBytes > MAX_FILE_PATH_BYTES) {
      return Optional.of(
          "its file path would be "
              + pathBytes
              + " bytes, over the limit of "
              + MAX_FILE_PATH_BYTES
              + " (shorten the object's key or the output folder)");
    }
    for (String name : key.split("/")) {
      int bytes = utf8Length(name);
      if (bytes > MAX_FILE_NAME_BYTES) {
        return Optional.of(
            "a file name in its path would be "
                + bytes
                + " bytes, over the file system's limit of "
                + MAX_FILE_NAME_BYTES
                + " (shorten that part of the object's key, or write to an s3:// output)");
      }
    }
    return Optional.empty();
  }

  /** True when a file URI's key is its own normal form: no ".", ".." or empty segment. */
  boolean isNormalPath() {
    return key.isEmpty() || Path.of("/" + key).normalize().toString().equals("/" + stripSlash());
  }

  private String stripSlash() {
    return key.endsWith("/") ? key.substring(0, key.length() - 1) : key;
  }

  private static int utf8Length(String text) {
    return text.getBytes(StandardCharsets.UTF_8).length;
  }

  /** The part of {@code child}'s key below this prefix. */
  public String relativize(StorageUri child) {
    String base = asPrefix().key;
    if (!child.scheme.equals(scheme)
        || !child.bucket.equals(bucket)
        || !child.key.startsWith(base)) {
      throw new IllegalArgumentException(child + " is not under " + this);
    }
    return child.key.substring(base.length());
  }

  /** The local path of a file URI. */
  public Path toPath() {
    if (!scheme.equals("file")) {
      throw new IllegalStateException("Not a file URI: " + this);
    }
    return Path.of("/" + key);
  }

  @Override
  public int compareTo(StorageUri other) {
    return toString().compareTo(other.toString());
  }

  @Override
  public String toString() {
    return scheme.equals("s3") ? "s3://" + bucket + "/" + key : "file:///" + key;
  }
}
