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
 */
public record TranscriptionInput(String key, StorageUri uri, Optional<String> versionId) {
  public TranscriptionInput {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(uri, "uri");
    Objects.requireNonNull(versionId, "versionId");
  }

  /** The current version of the object at {@code uri}. */
  public TranscriptionInput(String key, StorageUri uri) {
    this(key, uri, Optional.empty());
  }
}
