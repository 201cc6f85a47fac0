package io.nightscribe.asr.engine.djl;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.IntStream;

/**
 * Splits a batch of chunks into forward passes ("buckets"), as {@link Batching} says. In {@link
 * Batching#SINGLE} and {@link Batching#BUCKETS} each chunk is padded to its length rounded up to a
 * whole step, so its padded input does not depend on what it was batched with: padding wastes less
 * than a step per chunk. SINGLE gives each chunk a pass of its own, so the pass's shape, and with
 * it the output to the last bit, depends on the chunk alone; BUCKETS lets chunks with the same
 * padded length share a pass, which gives the same words but may round confidences differently. In
 * {@link Batching#PADDED} the whole batch is one pass padded as its longest chunk is: shorter
 * chunks then get the same output frames as alone, but a model that reads no mask or lengths may
 * answer their last frames differently. {@link Batching#SORTED} is in between: passes of chunks of
 * similar length, each padded to its longest chunk.
 *
 * @param stepSamples the padding granularity, in samples
 * @param batching how chunks share passes
 */
record LengthBuckets(int stepSamples, Batching batching) {

  LengthBuckets {
    if (stepSamples < 1) {
      throw new IllegalArgumentException("Invalid bucket step: " + stepSamples + " samples");
    }
    Objects.requireNonNull(batching, "batching");
  }

  /** One forward pass: the chunks it holds (indices in the batch) and their padded length. */
  record Bucket(int paddedSamples, List<Integer> chunks) {
    Bucket {
      chunks = List.copyOf(chunks);
    }
  }

  /**
   * The passes for chunks of {@code sampleCounts} samples (shortest first, sorted longest first).
   */
  List<Bucket> plan(int[] sampleCounts) {
    List<Integer> byLength =
        IntStream.range(0, sampleCounts.length)
            .boxed()
            .sorted(Comparator.comparingInt((Integer i) -> sampleCounts[i]).thenComparing(i -> i))
            .toList();
    if (byLength.isEmpty()) {
      return List.of();
    }
    return switch (batching) {
      case SINGLE ->
          byLength.stream()
              .map(chunk -> new Bucket(padded(sampleCounts[chunk]), List.of(chunk)))
              .toList();
      case BUCKETS -> byPaddedLength(sampleCounts, byLength);
      case SORTED -> bySimilarLength(sampleCounts, byLength);
      case PADDED -> {
        int longest = sampleCounts[byLength.get(byLength.size() - 1)];
        yield List.of(new Bucket(padded(longest), byLength));
      }
    };
  }

  private List<Bucket> byPaddedLength(int[] sampleCounts, List<Integer> byLength) {
    Map<Integer, List<Integer>> buckets = new TreeMap<>();
    for (int chunk : byLength) {
      buckets.computeIfAbsent(padded(sampleCounts[chunk]), unused -> new ArrayList<>()).add(chunk);
    }
    return buckets.entrySet().stream()
        .map(entry -> new Bucket(entry.getKey(), entry.getValue()))
        .toList();
  }

  /** Passes of chunks taken longest first, each while its padding stays under a quarter. */
  private List<Bucket> bySimilarLength(int[] sampleCounts, List<Integer> shortestFirst) {
    List<Bucket> passes = new ArrayList<>();
    List<Integer> pass = new ArrayList<>();
    long ownSamples = 0;
    for (int i = shortestFirst.size() - 1; i >= 0; i--) {
      int chunk = shortestFirst.get(i);
      int own = padded(sampleCounts[chunk]);
      if (!pass.isEmpty()) {
        long passSamples = (long) padded(sampleCounts[pass.get(0)]) * (pass.size() + 1);
        if ((ownSamples + own) * 4 < passSamples * 3) {
          passes.add(new Bucket(padded(sampleCounts[pass.get(0)]), pass));
          pass = new ArrayList<>();
          ownSamples = 0;
        }
      }
      pass.add(chunk);
      ownSamples += own;
    }
    passes.add(new Bucket(padded(sampleCounts[pass.get(0)]), pass));
    return passes;
  }

  private int padded(int samples) {
    int steps = Math.max(1, (samples + stepSamples - 1) / stepSamples);
    return steps * stepSamples;
  }
}
