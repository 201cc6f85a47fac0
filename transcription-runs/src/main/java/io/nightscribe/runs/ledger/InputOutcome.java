package io.nightscribe.runs.ledger;

import java.io.Serializable;
import java.util.Objects;
import java.util.Optional;

/**
 * What became of one input of a run, as the ledger records it: plain values, so a worker in another
 * process (a Spark task) can send it to the process that records the run.
 *
 * @param key the input's key relative to the run's input prefix
 * @param status {@link InputStatus#TRANSCRIBED} or {@link InputStatus#QUARANTINED}
 * @param sizeBytes its size as read (0 when it could not be opened)
 * @param etag its ETag as read (null when it could not be opened)
 * @param versionId its version as read, or null
 * @param sha256 the digest of the bytes read, or null when nothing was read
 * @param probeJson what it was (codec, rate, channels, duration), or null
 * @param audioMillis decoded duration
 * @param outputKey its transcript's key relative to the transcripts folder, or null
 * @param outputSha256 its transcript's digest, or null
 * @param errorReason why it was quarantined, or null
 * @param errorStage where it failed (read, decode, transcribe, write), or null
 * @param featuresJson what its audio and transcript looked like, for the run's drift profile
 *     (io.nightscribe.runs.drift.ObjectFeatures as JSON), or null
 */
public record InputOutcome(
    String key,
    InputStatus status,
    long sizeBytes,
    String etag,
    String versionId,
    String sha256,
    String probeJson,
    long audioMillis,
    String outputKey,
    String outputSha256,
    String errorReason,
    String errorStage,
    String featuresJson)
    implements Serializable {
  public InputOutcome {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(status, "status");
    if (status == InputStatus.PENDING) {
      throw new IllegalArgumentException("An outcome of " + key + " cannot be pending");
    }
    if (status == InputStatus.TRANSCRIBED
        ? outputKey == null || outputSha256 == null || sha256 == null || probeJson == null
        : errorReason == null || errorStage == null) {
      throw new IllegalArgumentException("Incomplete " + status + " outcome of " + key);
    }
  }

  /** A transcribed input and its transcript. */
  public static InputOutcome transcribed(
      String key,
      long sizeBytes,
      String etag,
      Optional<String> versionId,
      String sha256,
      String probeJson,
      long audioMillis,
      String outputKey,
      String outputSha256,
      String featuresJson) {
    return new InputOutcome(
        key,
        InputStatus.TRANSCRIBED,
        sizeBytes,
        etag,
        versionId.orElse(null),
        sha256,
        probeJson,
        audioMillis,
        outputKey,
        outputSha256,
        null,
        null,
        featuresJson);
  }

  /** A quarantined input, with the digest of what was read when anything was. */
  public static InputOutcome quarantined(
      String key, Optional<String> sha256, String reason, String stage) {
    return new InputOutcome(
        key,
        InputStatus.QUARANTINED,
        0,
        null,
        null,
        sha256.filter(s -> !s.isEmpty()).orElse(null),
        null,
        0,
        null,
        null,
        reason,
        stage,
        null);
  }
}
