package io.nightscribe.asr.training;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * How one epoch walks the training split: utterances sorted by length and cut into batches of at
 * most a given number of padded frames (so padding stays small), in an order drawn from the seed
 * and the epoch. The same inputs always give the same plan, which is what lets a killed training
 * resume at the batch it stopped at.
 */
public final class BatchPlan {
  private BatchPlan() {}

  /**
   * The batches of {@code epoch}, as lists of indices into {@code utterances}.
   *
   * @param maxBatchFrames padded frames a batch may hold (longest utterance x batch size)
   */
  public static List<List<Integer>> of(
      List<Utterance> utterances, int maxBatchFrames, long seed, int epoch) {
    List<Integer> byLength = new ArrayList<>();
    for (int i = 0; i < utterances.size(); i++) {
      byLength.add(i);
    }
    byLength.sort(
        Comparator.comparingInt((Integer i) -> utterances.get(i).frames())
            .thenComparing(i -> utterances.get(i).entry().key()));
    List<List<Integer>> batches = new ArrayList<>();
    List<Integer> batch = new ArrayList<>();
    for (int index : byLength) {
      int longest = utterances.get(index).frames();
      if (!batch.isEmpty() && (batch.size() + 1) * longest > maxBatchFrames) {
        batches.add(List.copyOf(batch));
        batch.clear();
      }
      batch.add(index);
    }
    if (!batch.isEmpty()) {
      batches.add(List.copyOf(batch));
    }
    SplittableRandom random = new SplittableRandom(seed * 1_000_003L + epoch);
    for (int i = batches.size() - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      List<Integer> swap = batches.get(i);
      batches.set(i, batches.get(j));
      batches.set(j, swap);
    }
    return List.copyOf(batches);
  }
}
