package io.nightscribe.runs.ledger;

import io.nightscribe.asr.audio.AudioProbe;
import io.nightscribe.asr.json.JsonFields;
import io.nightscribe.asr.manifest.JsonLinesManifest;
import java.util.Optional;

/**
 * One input of a run as the ledger holds it.
 *
 * @param key key relative to the run's input prefix
 * @param sizeBytes size when planned
 * @param etag ETag when planned
 * @param versionId version when planned
 * @param status where it stands
 * @param sha256 digest of the bytes read, once read
 * @param probeJson what the input was, once probed
 * @param audioMillis decoded duration
 * @param outputKey the transcript's key relative to the transcripts prefix
 * @param outputSha256 the transcript's digest
 * @param errorReason why it was quarantined
 * @param errorStage where it failed
 * @param processingMillis wall time from a decoder taking the input up until its outcome was
 *     recorded; empty when not measured (inputs recorded by Spark or before it was measured)
 * @param featuresJson what its audio and transcript looked like (drift profile), once transcribed
 */
public record InputRow(
    String key,
    long sizeBytes,
    String etag,
    Optional<String> versionId,
    InputStatus status,
    Optional<String> sha256,
    Optional<String> probeJson,
    long audioMillis,
    Optional<String> outputKey,
    Optional<String> outputSha256,
    Optional<String> errorReason,
    Optional<String> errorStage,
    Optional<Long> processingMillis,
    Optional<String> featuresJson) {

  /**
   * What the input was, once probed, read the way manifests read it: rows recorded before a field
   * existed (say {@code skippedPackets}) still parse.
   */
  public Optional<AudioProbe> probe() {
    String what = "the ledger's probe of " + key;
    return probeJson().map(text -> JsonLinesManifest.readProbe(JsonFields.parse(text, what), what));
  }
}
