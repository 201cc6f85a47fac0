package io.nightscribe.asr.manifest;

import io.nightscribe.asr.audio.AudioProbe;
import java.util.Objects;
import java.util.Optional;

/**
 * One line of inputs.jsonl: an input object as it was read.
 *
 * @param key the object key relative to the run's input prefix
 * @param versionId its version on a versioned bucket
 * @param etag its ETag
 * @param sizeBytes its length
 * @param sha256 digest of the bytes read
 * @param probe what it was, when it could be probed
 */
public record InputEntry(
    String key,
    Optional<String> versionId,
    String etag,
    long sizeBytes,
    String sha256,
    Optional<AudioProbe> probe) {
  public InputEntry {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(versionId, "versionId");
    Objects.requireNonNull(etag, "etag");
    Objects.requireNonNull(sha256, "sha256");
    Objects.requireNonNull(probe, "probe");
  }
}
