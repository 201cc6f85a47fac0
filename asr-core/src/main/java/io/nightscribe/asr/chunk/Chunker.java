package io.nightscribe.asr.chunk;

import io.nightscribe.asr.audio.PcmStream;
import io.nightscribe.asr.engine.AudioChunk;
import io.nightscribe.asr.engine.DecodingSettings;
import java.util.Arrays;
import java.util.Objects;

/**
 * Cuts one source's decoded audio into fixed, overlapping windows, streaming: chunk {@code i}
 * starts at {@code i * (chunkMillis - overlapMillis)} and lasts {@code chunkMillis}; the last one
 * may be shorter. A source shorter than a chunk gives one chunk, an empty source none. A chunk is
 * only emitted when it holds audio no earlier chunk held, so a source ending inside an overlap
 * gives no chunk made of overlap alone.
 *
 * <p>Memory: besides the chunk being built it keeps only the previous chunk's overlap tail and the
 * rest of the current block. Not thread-safe. Does not close the stream: its opener does.
 */
public final class Chunker implements Segmenter {
  private final String sourceId;
  private final PcmStream stream;
  private final int chunkSamples;
  private final int overlapSamples;
  private final long stepMillis;

  private float[] tail = new float[0];
  private float[] block = new float[0];
  private int blockOffset;
  private boolean streamEnded;
  private int nextIndex;
  private long decodedSamples;

  /**
   * @param sourceId given to every chunk
   * @param stream 16 kHz mono audio; the chunker reads it to its end
   * @param settings chunk length and overlap
   */
  public Chunker(String sourceId, PcmStream stream, DecodingSettings settings) {
    this.sourceId = Objects.requireNonNull(sourceId, "sourceId");
    this.stream = Objects.requireNonNull(stream, "stream");
    requireChunkRate(stream);
    this.chunkSamples = samplesOf(settings.chunkMillis());
    this.overlapSamples = samplesOf(settings.overlapMillis());
    this.stepMillis = settings.chunkMillis() - settings.overlapMillis();
  }

  @Override
  public AudioChunk next() {
    float[] samples = new float[chunkSamples];
    System.arraycopy(tail, 0, samples, 0, tail.length);
    int filled = tail.length;
    int fresh = 0;
    while (filled < chunkSamples && nextBlockReady()) {
      int take = Math.min(chunkSamples - filled, block.length - blockOffset);
      System.arraycopy(block, blockOffset, samples, filled, take);
      blockOffset += take;
      filled += take;
      fresh += take;
    }
    decodedSamples += fresh;
    if (fresh == 0) {
      tail = new float[0];
      return null;
    }
    float[] chunkAudio = filled == chunkSamples ? samples : Arrays.copyOf(samples, filled);
    int keep = Math.min(overlapSamples, filled);
    tail = Arrays.copyOfRange(chunkAudio, filled - keep, filled);
    AudioChunk chunk = new AudioChunk(sourceId, nextIndex, nextIndex * stepMillis, chunkAudio);
    nextIndex++;
    return chunk;
  }

  @Override
  public long decodedMillis() {
    return decodedSamples * 1000 / AudioChunk.SAMPLE_RATE_HZ;
  }

  /** Refuses a stream whose sample rate is not the chunks'. */
  static void requireChunkRate(PcmStream stream) {
    if (stream.sampleRateHz() != AudioChunk.SAMPLE_RATE_HZ) {
      throw new IllegalArgumentException(
          "Invalid stream sample rate: "
              + stream.sampleRateHz()
              + " Hz (chunks are "
              + AudioChunk.SAMPLE_RATE_HZ
              + " Hz)");
    }
  }

  private boolean nextBlockReady() {
    while (blockOffset == block.length) {
      if (streamEnded) {
        return false;
      }
      float[] read = stream.nextBlock();
      if (read == null) {
        streamEnded = true;
        block = new float[0];
        blockOffset = 0;
        return false;
      }
      block = read;
      blockOffset = 0;
    }
    return true;
  }

  private static int samplesOf(long millis) {
    return Math.toIntExact(millis * AudioChunk.SAMPLE_RATE_HZ / 1000);
  }
}
