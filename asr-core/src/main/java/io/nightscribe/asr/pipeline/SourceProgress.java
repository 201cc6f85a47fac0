package io.nightscribe.asr.pipeline;

import io.nightscribe.asr.audio.AudioLevels;
import io.nightscribe.asr.audio.AudioProbe;
import io.nightscribe.asr.engine.ChunkHypothesis;
import io.nightscribe.asr.manifest.InputEntry;
import io.nightscribe.asr.storage.ObjectInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One input in flight: what its decoder learned and which chunk answers have come back. The decoder
 * thread writes the metadata before {@link #finishDecoding}; engine threads add answers; completion
 * is claimed exactly once.
 */
final class SourceProgress {
  final TranscriptionInput input;
  volatile ObjectInfo info;
  volatile AudioProbe probe;
  volatile String sha256;
  volatile long decodedMillis;
  volatile AudioLevels levels;

  private final List<ChunkHypothesis> answers = new ArrayList<>();
  private int expectedChunks = -1;
  private boolean completed;
  private boolean quarantined;

  SourceProgress(TranscriptionInput input) {
    this.input = input;
  }

  /** Records one chunk's answer; true when this may have been the last one. */
  synchronized boolean add(ChunkHypothesis answer) {
    answers.add(answer);
    return expectedChunks >= 0;
  }

  synchronized void finishDecoding(int chunkCount) {
    expectedChunks = chunkCount;
  }

  /** True for exactly one caller, once every chunk is answered. */
  synchronized boolean claimCompletion() {
    if (completed || quarantined || expectedChunks < 0 || answers.size() < expectedChunks) {
      return false;
    }
    completed = true;
    return true;
  }

  synchronized void markQuarantined() {
    quarantined = true;
  }

  synchronized boolean isQuarantined() {
    return quarantined;
  }

  synchronized List<ChunkHypothesis> answers() {
    return List.copyOf(answers);
  }

  /** The input entry once decoding finished and the hash is known. */
  InputEntry entry() {
    return new InputEntry(
        input.key(),
        info.versionId(),
        info.etag(),
        info.sizeBytes(),
        sha256,
        Optional.ofNullable(probe));
  }

  /** The input entry of an input quarantined before its hash was known: the hash is left empty. */
  InputEntry partialEntry() {
    return new InputEntry(
        input.key(),
        info.versionId(),
        info.etag(),
        info.sizeBytes(),
        sha256 == null ? "" : sha256,
        Optional.ofNullable(probe));
  }
}
