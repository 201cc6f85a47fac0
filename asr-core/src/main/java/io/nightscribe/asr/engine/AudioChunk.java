package io.nightscribe.asr.engine;

import java.util.Objects;

/**
 * A window of one source's audio, 16 kHz mono float, given to an engine. Chunks of one source
 * overlap; the engine does not need to know.
 *
 * @param sourceId which input this chunk belongs to (opaque to the engine)
 * @param index position of the chunk within its source, from 0
 * @param startMillis where the chunk starts in its source
 * @param samples the audio; the array is owned by the chunk (copied in, never exposed for writing)
 */
public record AudioChunk(String sourceId, int index, long startMillis, float[] samples) {
  public static final int SAMPLE_RATE_HZ = 16_000;

  public AudioChunk {
    Objects.requireNonNull(sourceId, "sourceId");
    Objects.requireNonNull(samples, "samples");
    if (index < 0 || startMillis < 0) {
      throw new IllegalArgumentException(
          "Invalid chunk position: index " + index + ", start " + startMillis + " ms");
    }
  }

  /** Length of the chunk's audio. */
  public long durationMillis() {
    return samples.length * 1000L / SAMPLE_RATE_HZ;
  }

  /** Number of samples, without copying them. */
  public int sampleCount() {
    return samples.length;
  }

  /**
   * The samples. Engines read them and must not write them; the array is not copied here because
   * chunks are large and read once.
   */
  @Override
  public float[] samples() {
    return samples;
  }
}
