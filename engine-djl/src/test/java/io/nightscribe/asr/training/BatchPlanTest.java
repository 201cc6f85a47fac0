package io.nightscribe.asr.training;

import static org.assertj.core.api.Assertions.assertThat;

import io.nightscribe.asr.acoustic.Features;
import io.nightscribe.asr.manifest.DatasetEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BatchPlanTest {
  private final List<Utterance> utterances = utterances(200);

  @Test
  void everyUtteranceIsInExactlyOneBatchAndNoBatchExceedsTheFrameBudget() {
    List<List<Integer>> plan = BatchPlan.of(utterances, 2_000, 1, 0);

    List<Integer> seen = plan.stream().flatMap(List::stream).sorted().toList();
    assertThat(seen).hasSize(200).doesNotHaveDuplicates();
    for (List<Integer> batch : plan) {
      int longest = batch.stream().mapToInt(i -> utterances.get(i).frames()).max().orElseThrow();
      assertThat(longest * batch.size()).isLessThanOrEqualTo(Math.max(2_000, longest));
    }
  }

  @Test
  void theSameSeedAndEpochGiveTheSamePlanAndAnotherEpochAnotherOrder() {
    assertThat(BatchPlan.of(utterances, 2_000, 1, 3))
        .isEqualTo(BatchPlan.of(utterances, 2_000, 1, 3));
    assertThat(BatchPlan.of(utterances, 2_000, 1, 4))
        .isNotEqualTo(BatchPlan.of(utterances, 2_000, 1, 3));
    assertThat(BatchPlan.of(utterances, 2_000, 1, 4))
        .containsExactlyInAnyOrderElementsOf(BatchPlan.of(utterances, 2_000, 1, 3));
  }

  static List<Utterance> utterances(int count) {
    Random random = new Random(42);
    List<Utterance> utterances = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      int frames = 20 + random.nextInt(300);
      utterances.add(
          new Utterance(
              new DatasetEntry(
                  "u" + i, "file:///u" + i + ".wav", "text " + i, "0".repeat(64), "synthetic"),
              DataSplit.TRAIN,
              new int[] {3, 4},
              new Features(new float[frames * 2], frames, 2)));
    }
    return utterances;
  }
}
