package io.nightscribe.asr.pipeline;

import io.nightscribe.asr.storage.StorageUri;
import java.util.Objects;

/**
 * One object to transcribe.
 *
 * @param key its key relative to the run's input prefix: what manifests and output names use
 * @param uri where to read it
 */
public record TranscriptionInput(String key, StorageUri uri) {
  public TranscriptionInput {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(uri, "uri");
  }
}
