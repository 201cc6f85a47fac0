package io.nightscribe.asr.engine;

import java.util.List;
import java.util.Objects;

/**
 * An engine's answer for one chunk: its words in time order, timed relative to the chunk's start.
 *
 * @param chunk the chunk this answers (same sourceId, index and start)
 * @param words the recognized words; empty for silence
 */
public record ChunkHypothesis(AudioChunkRef chunk, List<RecognizedWord> words) {
  public ChunkHypothesis {
    Objects.requireNonNull(chunk, "chunk");
    words = List.copyOf(words);
  }

  /** Identifies a chunk without holding its audio. */
  public record AudioChunkRef(String sourceId, int index, long startMillis, long durationMillis) {
    public static AudioChunkRef of(AudioChunk chunk) {
      return new AudioChunkRef(
          chunk.sourceId(), chunk.index(), chunk.startMillis(), chunk.durationMillis());
    }
  }
}
