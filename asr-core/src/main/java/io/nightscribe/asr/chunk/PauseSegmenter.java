package io.nightscribe.asr.chunk;

import io.nightscribe.asr.audio.PcmStream;
import io.nightscribe.asr.engine.AudioChunk;
import io.nightscribe.asr.engine.DecodingSettings;
import io.nightscribe.asr.vad.SpeechModel;
import io.nightscribe.asr.vad.SpeechScorer;
import java.util.Arrays;
import java.util.Objects;

/**
 * Cuts one source's audio at pauses, streaming, as {@link SegmentPlanner} plans it from the scores
 * of a {@link SpeechScorer}. Silence between segments is read and counted, never handed to the
 * engine.
 *
 * <p>Frames are scored in blocks of {@value #FRAMES_PER_SCORE} from the start of the source, the
 * last block shorter (its last frame padded with zeros), whatever blocks the decoder delivers: the
 * same audio is scored the same way every time. Memory: the audio from the start of the segment
 * being planned (at most a chunk, plus the pause that may still join it) and one scoring block. Not
 * thread-safe. Closes the scorer, not the stream.
 */
final class PauseSegmenter implements Segmenter {
  /** Frames per call of the scorer: about two seconds at 16 kHz. */
  static final int FRAMES_PER_SCORE = 64;

  private final String sourceId;
  private final PcmStream stream;
  private final SpeechScorer scorer;
  private final int frameSamples;
  private final SegmentPlanner planner;

  private float[] audio = new float[AudioChunk.SAMPLE_RATE_HZ * 4];
  private long audioStart;
  private int audioLength;
  private long scoredSamples;
  private boolean streamEnded;
  private int nextIndex;

  /**
   * @param detector scores the frames; a scorer of its own is opened for this source
   * @param settings cut at pauses as their segmentation says
   */
  PauseSegmenter(
      String sourceId, PcmStream stream, SpeechModel detector, DecodingSettings settings) {
    this.sourceId = Objects.requireNonNull(sourceId, "sourceId");
    this.stream = Objects.requireNonNull(stream, "stream");
    Chunker.requireChunkRate(stream);
    this.frameSamples = detector.frameSamples();
    this.planner = new SegmentPlanner(frameSamples, settings);
    this.scorer = detector.open();
  }

  @Override
  public AudioChunk next() {
    SegmentPlanner.Cut cut;
    while ((cut = planner.nextCut()) == null) {
      if (streamEnded) {
        return null;
      }
      readAndScore();
    }
    float[] samples =
        Arrays.copyOfRange(audio, (int) (cut.start() - audioStart), (int) (cut.end() - audioStart));
    AudioChunk chunk =
        new AudioChunk(
            sourceId, nextIndex++, cut.start() * 1000 / AudioChunk.SAMPLE_RATE_HZ, samples);
    dropBefore(planner.retainFrom());
    return chunk;
  }

  @Override
  public long decodedMillis() {
    return (audioStart + audioLength) * 1000 / AudioChunk.SAMPLE_RATE_HZ;
  }

  @Override
  public void close() {
    scorer.close();
  }

  /** Reads one block of audio and scores every whole block of frames it completes. */
  private void readAndScore() {
    float[] block = stream.nextBlock();
    if (block == null) {
      streamEnded = true;
      long total = audioStart + audioLength;
      scoreFrames(total - scoredSamples);
      planner.finish(total);
      return;
    }
    append(block);
    long blockSamples = (long) FRAMES_PER_SCORE * frameSamples;
    while (audioStart + audioLength - scoredSamples >= blockSamples) {
      scoreFrames(blockSamples);
    }
    dropBefore(planner.retainFrom());
  }

  /** Scores {@code samples} from the first unscored one, the last frame padded with zeros. */
  private void scoreFrames(long samples) {
    if (samples <= 0) {
      return;
    }
    int frames = (int) ((samples + frameSamples - 1) / frameSamples);
    float[] input = new float[frames * frameSamples];
    System.arraycopy(audio, (int) (scoredSamples - audioStart), input, 0, (int) samples);
    for (float probability : scorer.score(input)) {
      planner.frame(probability);
    }
    scoredSamples += samples;
  }

  private void append(float[] block) {
    if (audioLength + block.length > audio.length) {
      audio = Arrays.copyOf(audio, Math.max(audio.length * 2, audioLength + block.length));
    }
    System.arraycopy(block, 0, audio, audioLength, block.length);
    audioLength += block.length;
  }

  /** Forgets audio before {@code sample}, keeping whatever is not scored yet. */
  private void dropBefore(long sample) {
    int drop = (int) (Math.min(sample, scoredSamples) - audioStart);
    if (drop <= 0) {
      return;
    }
    System.arraycopy(audio, drop, audio, 0, audioLength - drop);
    audioLength -= drop;
    audioStart += drop;
  }
}
