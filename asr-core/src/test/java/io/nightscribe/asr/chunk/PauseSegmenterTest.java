package io.nightscribe.asr.chunk;

import static org.assertj.core.api.Assertions.assertThat;

import io.nightscribe.asr.engine.AudioChunk;
import io.nightscribe.asr.engine.DecodingSettings;
import io.nightscribe.asr.engine.PauseSegmentation;
import io.nightscribe.asr.testing.ArrayPcmStream;
import io.nightscribe.asr.testing.FakeSpeech;
import io.nightscribe.asr.testing.FakeSpeechDetector;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PauseSegmenterTest {
  /** Pauses of 2 s are longer than may be joined (1 s). */
  private static final DecodingSettings SETTINGS =
      new DecodingSettings(
          30_000,
          2_000,
          120_000,
          Map.of(),
          Optional.of(new PauseSegmentation(FakeSpeechDetector.NAME, 50, 300, 200, 20_000, 1_000)));

  /** Three groups of four 500 ms words, 2 s of silence between them: 10 s. */
  private static final float[] AUDIO = FakeSpeech.withPauses(12, 4, 4);

  @Test
  void cutsAtPausesTheSameChunksWhateverTheDecoderBlocks() {
    for (int blockSamples : new int[] {1, 999, 16_000, 200_000}) {
      List<AudioChunk> chunks = chunks(new FakeSpeechDetector.Model(), blockSamples);

      // speech ends inside a 32 ms frame: the padding starts after that frame
      assertThat(chunks).extracting(AudioChunk::startMillis).containsExactly(0L, 3_800L, 7_800L);
      assertThat(chunks)
          .extracting(AudioChunk::sampleCount)
          .containsExactly(35_456, 38_656, 35_200);
      for (AudioChunk chunk : chunks) {
        int from = (int) chunk.startMillis() * 16;
        assertThat(chunk.samples())
            .as("chunk %d read with blocks of %d", chunk.index(), blockSamples)
            .containsExactly(Arrays.copyOfRange(AUDIO, from, from + chunk.sampleCount()));
      }
      assertThat(chunks).extracting(AudioChunk::index).containsExactly(0, 1, 2);
    }
  }

  @Test
  void scoresFixedBlocksOfFramesFromTheStartWhateverTheDecoderBlocks() {
    for (int blockSamples : new int[] {1, 16_000, 200_000}) {
      FakeSpeechDetector.Model detector = new FakeSpeechDetector.Model();

      chunks(detector, blockSamples);

      // 10 s is 312.5 frames: four blocks of 64, then the rest with the last frame padded
      assertThat(detector.scoredBlocks).containsExactly(64, 64, 64, 64, 57);
    }
  }

  @Test
  void countsTheSilenceNoChunkHolds() {
    PauseSegmenter segmenter = segmenter(new FakeSpeechDetector.Model(), 16_000);
    while (segmenter.next() != null) {
      // reads to the end
    }
    assertThat(segmenter.decodedMillis()).isEqualTo(10_000);
  }

  @Test
  void silenceGivesNoChunk() {
    PauseSegmenter segmenter =
        new PauseSegmenter(
            "src",
            new ArrayPcmStream(new float[48_000], 4_000),
            new FakeSpeechDetector.Model(),
            SETTINGS);

    assertThat(segmenter.next()).isNull();
    assertThat(segmenter.decodedMillis()).isEqualTo(3_000);
  }

  private static List<AudioChunk> chunks(FakeSpeechDetector.Model detector, int blockSamples) {
    List<AudioChunk> chunks = new ArrayList<>();
    try (PauseSegmenter segmenter = segmenter(detector, blockSamples)) {
      for (AudioChunk chunk = segmenter.next(); chunk != null; chunk = segmenter.next()) {
        assertThat(chunk.sourceId()).isEqualTo("src");
        chunks.add(chunk);
      }
      assertThat(segmenter.next()).isNull();
    }
    return chunks;
  }

  private static PauseSegmenter segmenter(FakeSpeechDetector.Model detector, int blockSamples) {
    return new PauseSegmenter("src", new ArrayPcmStream(AUDIO, blockSamples), detector, SETTINGS);
  }
}
