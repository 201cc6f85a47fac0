package io.nightscribe.asr.manifest;

import java.util.Objects;

/**
 * One line of outputs.jsonl: a transcript written by the run.
 *
 * @param key the transcript's key relative to the run's output prefix
 * @param sha256 digest of the transcript's bytes
 * @param sourceKey the input it transcribes, relative to the input prefix
 * @param sourceSha256 digest of that input
 */
public record OutputEntry(String key, String sha256, String sourceKey, String sourceSha256) {
  public OutputEntry {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(sha256, "sha256");
    Objects.requireNonNull(sourceKey, "sourceKey");
    Objects.requireNonNull(sourceSha256, "sourceSha256");
  }
}
