package io.nightscribe.asr.pipeline;

import io.nightscribe.asr.storage.StorageUri;
import java.util.Objects;
import java.util.Optional;

/**
 * One object to transcribe.
 *
 * @param key its key relative to the run's input prefix: what manifests and output names use
 * @param uri where to read it
 * @param versionId the exact version to read (a replay reads what the original run read); empty for
 *     the current one
 * @param listedEtag the ETag the object had when the run listed it: an object that has another one
 *     when it is read changed in between, and is quarantined rather than transcribed as something
 *     the run never planned; empty to read whatever is there
 */
public record TranscriptionInput(
    String key, StorageUri uri, Optional<String> versionId, Optional<String> listedEtag) {
  public TranscriptionInput {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(uri, "uri");
    Objects.requireNonNull(versionId, "versionId");
    Objects.requireNonNull(listedEtag, "listedEtag");
  }

  /** One exact version of the object at {@code uri}, or its current one. */
  public TranscriptionInput(String key, StorageUri uri, Optional<String> versionId) {
    this(key, uri, versionId, Optional.empty());
  }

  /** The current version of the object at {@code uri}. */
  public TranscriptionInput(String key, StorageUri uri) {
    this(key, uri, Optional.empty());
  }

  /** The object at {@code uri} as it was listed with {@code etag}. */
  public static TranscriptionInput listed(String key, StorageUri uri, String etag) {
    return new TranscriptionInput(
        key, uri, Optional.empty(), Optional.ofNullable(etag).filter(e -> !e.isEmpty()));
  }
}
