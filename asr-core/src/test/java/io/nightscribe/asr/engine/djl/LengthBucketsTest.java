package io.nightscribe.asr.engine.djl;

import static org.assertj.core.api.Assertions.assertThat;

import io.nightscribe.asr.engine.djl.LengthBuckets.Bucket;
import java.util.List;
import org.junit.jupiter.api.Test;

class LengthBucketsTest {

  @Test
  void padsEachChunkToAWholeStepAndBatchesEqualPaddedLengthsShortestFirst() {
    int[] samples = {480_000, 40_000, 17_000, 480_000, 33_000, 0};

    assertThat(new LengthBuckets(16_000, true).plan(samples))
        .containsExactly(
            new Bucket(16_000, List.of(5)),
            new Bucket(32_000, List.of(2)),
            new Bucket(48_000, List.of(4, 1)),
            new Bucket(480_000, List.of(0, 3)));
  }

  @Test
  void withoutBucketingPadsTheWholeBatchAsItsLongestChunk() {
    assertThat(new LengthBuckets(16_000, false).plan(new int[] {20_000, 50_000, 10_000}))
        .containsExactly(new Bucket(64_000, List.of(2, 0, 1)));
  }
}
