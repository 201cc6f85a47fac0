package io.nightscribe.asr.chunk;

import static org.assertj.core.api.Assertions.assertThat;

import io.nightscribe.asr.engine.AudioChunk;
import io.nightscribe.asr.engine.DecodingSettings;
import io.nightscribe.asr.testing.ArrayPcmStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChunkerTest {
  private static final DecodingSettings SETTINGS =
      DecodingSettings.fixedWindows(1_000, 200, 10_000, Map.of()); // 16000 samples, step 800 ms

  @Test
  void cutsOverlappingChunksWhateverTheBlockSize() {
    for (int blockSamples : new int[] {1, 999, 16_000, 100_000}) {
      // given 2.5 s of numbered samples
      float[] audio = ramp(40_000);

      // when
      List<AudioChunk> chunks = chunks(audio, blockSamples);

      // then chunks start every 800 ms, last one shorter, each holding exactly its window
      assertThat(chunks).extracting(AudioChunk::startMillis).containsExactly(0L, 800L, 1600L);
      assertThat(chunks)
          .extracting(AudioChunk::sampleCount)
          .containsExactly(16_000, 16_000, 14_400);
      for (AudioChunk chunk : chunks) {
        int from = (int) chunk.startMillis() * 16;
        assertThat(chunk.samples())
            .containsExactly(Arrays.copyOfRange(audio, from, from + chunk.sampleCount()));
        assertThat(chunk.sourceId()).isEqualTo("src");
      }
      assertThat(chunks).extracting(AudioChunk::index).containsExactly(0, 1, 2);
    }
  }

  @Test
  void shortSourceGivesOneChunkAndEmptySourceNone() {
    assertThat(chunks(ramp(5), 3)).singleElement().extracting(AudioChunk::sampleCount).isEqualTo(5);
    assertThat(chunks(new float[0], 3)).isEmpty();
  }

  @Test
  void sourceEndingInsideAnOverlapGivesNoChunkOfOverlapAlone() {
    // given exactly one chunk of audio: a second chunk would hold only the first one's tail
    assertThat(chunks(ramp(16_000), 4_096)).hasSize(1);
    // and one sample more needs a second chunk
    assertThat(chunks(ramp(16_001), 4_096))
        .extracting(AudioChunk::sampleCount)
        .containsExactly(16_000, 3_201);
  }

  private static List<AudioChunk> chunks(float[] audio, int blockSamples) {
    Chunker chunker = new Chunker("src", new ArrayPcmStream(audio, blockSamples), SETTINGS);
    List<AudioChunk> chunks = new ArrayList<>();
    for (AudioChunk chunk = chunker.next(); chunk != null; chunk = chunker.next()) {
      chunks.add(chunk);
    }
    assertThat(chunker.next()).isNull();
    return chunks;
  }

  private static float[] ramp(int samples) {
    float[] audio = new float[samples];
    for (int i = 0; i < samples; i++) {
      audio[i] = i;
    }
    return audio;
  }
}
