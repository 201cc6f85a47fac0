package io.nightscribe.asr.storage;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A location in object storage: {@code s3://bucket/key} or {@code file:///absolute/folder/key}. For
 * {@code file}, the "bucket" is empty and the key is the absolute path without its leading slash. A
 * key ending in "/" names a prefix.
 *
 * @param scheme "s3" or "file"
 * @param bucket the S3 bucket, empty for file
 * @param key the object key or prefix, never starting with "/"; may be empty (the bucket or
 *     file-system root)
 */
public record StorageUri(String scheme, String bucket, String key)
    implements Comparable<StorageUri> {

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
    if (key.startsWith("/")) {
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

  /** The object at {@code relativeKey} under this prefix. */
  public StorageUri resolve(String relativeKey) {
    String relative = relativeKey.startsWith("/") ? relativeKey.substring(1) : relativeKey;
    return new StorageUri(scheme, bucket, asPrefix().key + relative);
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
