package io.nightscribe.asr.engine.djl;

import static org.assertj.core.api.Assertions.assertThat;

import io.nightscribe.asr.engine.djl.LengthBuckets.Bucket;
import java.util.List;
import org.junit.jupiter.api.Test;

class LengthBucketsTest {

  private static final int[] SAMPLES = {480_000, 40_000, 17_000, 480_000, 33_000, 0};

  @Test
  void singlePadsEachChunkToAWholeStepInAPassOfItsOwnShortestFirst() {
    assertThat(new LengthBuckets(16_000, Batching.SINGLE).plan(SAMPLES))
        .containsExactly(
            new Bucket(16_000, List.of(5)),
            new Bucket(32_000, List.of(2)),
            new Bucket(48_000, List.of(4)),
            new Bucket(48_000, List.of(1)),
            new Bucket(480_000, List.of(0)),
            new Bucket(480_000, List.of(3)));
  }

  @Test
  void bucketsPadEachChunkToAWholeStepAndBatchEqualPaddedLengthsShortestFirst() {
    assertThat(new LengthBuckets(16_000, Batching.BUCKETS).plan(SAMPLES))
        .containsExactly(
            new Bucket(16_000, List.of(5)),
            new Bucket(32_000, List.of(2)),
            new Bucket(48_000, List.of(4, 1)),
            new Bucket(480_000, List.of(0, 3)));
  }

  @Test
  void sortedFillsPassesLongestFirstWhilePaddingStaysUnderAQuarter() {
    // padded: 480k, 48k, 32k, 480k, 48k, 16k; a third row of 480k-wide would be mostly padding
    assertThat(new LengthBuckets(16_000, Batching.SORTED).plan(SAMPLES))
        .containsExactly(
            new Bucket(480_000, List.of(3, 0)), new Bucket(48_000, List.of(1, 4, 2, 5)));
  }

  @Test
  void paddedPadsTheWholeBatchAsItsLongestChunk() {
    assertThat(new LengthBuckets(16_000, Batching.PADDED).plan(new int[] {20_000, 50_000, 10_000}))
        .containsExactly(new Bucket(64_000, List.of(2, 0, 1)));
  }

  @Test
  void anEmptyBatchNeedsNoPass() {
    for (Batching batching : Batching.values()) {
      assertThat(new LengthBuckets(16_000, batching).plan(new int[0])).isEmpty();
    }
  }
}
