package io.nightscribe.asr.storage;

import java.util.Objects;
import java.util.Optional;

/**
 * What a listing or a read says of one object, before its bytes are hashed.
 *
 * @param uri the object
 * @param sizeBytes its length
 * @param etag the store's entity tag without quotes (for file://, a digest of size and modification
 *     time)
 * @param versionId the version on a versioned bucket, empty otherwise
 */
public record ObjectInfo(StorageUri uri, long sizeBytes, String etag, Optional<String> versionId) {
  public ObjectInfo {
    Objects.requireNonNull(uri, "uri");
    Objects.requireNonNull(etag, "etag");
    Objects.requireNonNull(versionId, "versionId");
    if (sizeBytes < 0) {
      throw new IllegalArgumentException("Invalid size: " + sizeBytes);
    }
  }
}
