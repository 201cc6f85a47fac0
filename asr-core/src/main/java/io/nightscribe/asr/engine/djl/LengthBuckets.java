package io.nightscribe.asr.engine.djl;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;

/**
 * Splits a batch of chunks into forward passes. With bucketing, each chunk is padded to its length
 * rounded up to a whole step, and chunks with the same padded length share a pass: padding wastes
 * less than a step per chunk, and a chunk's padded input does not depend on what it was batched
 * with, so it gets the same words alone or in any batch. Without bucketing, the whole batch is one
 * pass padded as its longest chunk is: shorter chunks then get the same output frames as alone, but
 * a model that reads no mask or lengths may answer their last frames differently.
 *
 * @param stepSamples the padding granularity, in samples
 * @param enabled whether to bucket
 */
record LengthBuckets(int stepSamples, boolean enabled) {

  LengthBuckets {
    if (stepSamples < 1) {
      throw new IllegalArgumentException("Invalid bucket step: " + stepSamples + " samples");
    }
  }

  /** One forward pass: the chunks it holds (indices in the batch) and their padded length. */
  record Bucket(int paddedSamples, List<Integer> chunks) {
    Bucket {
      chunks = List.copyOf(chunks);
    }
  }

  /** The passes for chunks of {@code sampleCounts} samples, shortest first. */
  List<Bucket> plan(int[] sampleCounts) {
    List<Integer> byLength =
        IntStream.range(0, sampleCounts.length)
            .boxed()
            .sorted(Comparator.comparingInt((Integer i) -> sampleCounts[i]).thenComparing(i -> i))
            .toList();
    if (byLength.isEmpty()) {
      return List.of();
    }
    if (!enabled) {
      int longest = sampleCounts[byLength.get(byLength.size() - 1)];
      return List.of(new Bucket(padded(longest), byLength));
    }
    Map<Integer, List<Integer>> buckets = new TreeMap<>();
    for (int chunk : byLength) {
      buckets.computeIfAbsent(padded(sampleCounts[chunk]), unused -> new ArrayList<>()).add(chunk);
    }
    return buckets.entrySet().stream()
        .map(entry -> new Bucket(entry.getKey(), entry.getValue()))
        .toList();
  }

  private int padded(int samples) {
    int steps = Math.max(1, (samples + stepSamples - 1) / stepSamples);
    return steps * stepSamples;
  }
}
