package io.nightscribe.spark;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * How a run's pending inputs are spread over Spark partitions: longest first, each to the partition
 * with the least work so far (the LPT rule), and within a partition longest first too. So a 3-hour
 * file starts first and alone rather than waiting behind a queue of short ones, and partitions end
 * at about the same time. The work of an input is its size (its duration is not known before it is
 * read). Pure: the same inputs give the same plan.
 *
 * @param partitions the inputs of each partition, the partition with the most work first
 */
public record WorkPlan(List<List<PlannedInput>> partitions) {
  private static final Comparator<PlannedInput> LONGEST_FIRST =
      Comparator.comparingLong(PlannedInput::sizeBytes).reversed().thenComparing(PlannedInput::key);

  public WorkPlan {
    partitions = partitions.stream().map(List::copyOf).toList();
  }

  /**
   * Balances {@code inputs} over at most {@code slots} partitions (fewer when there are fewer
   * inputs).
   */
  public static WorkPlan balance(List<PlannedInput> inputs, int slots) {
    if (slots < 1) {
      throw new IllegalArgumentException("Invalid partition count: " + slots);
    }
    int count = Math.max(1, Math.min(slots, inputs.size()));
    List<Bin> bins = new ArrayList<>();
    PriorityQueue<Bin> lightest =
        new PriorityQueue<>(Comparator.comparingLong(Bin::weight).thenComparingInt(Bin::index));
    for (int i = 0; i < count; i++) {
      Bin bin = new Bin(i);
      bins.add(bin);
      lightest.add(bin);
    }
    inputs.stream()
        .sorted(LONGEST_FIRST)
        .forEach(
            input -> {
              Bin bin = lightest.poll();
              bin.add(input);
              lightest.add(bin);
            });
    return new WorkPlan(
        bins.stream()
            .sorted(Comparator.comparingLong(Bin::weight).reversed().thenComparingInt(Bin::index))
            .map(Bin::inputs)
            .toList());
  }

  /** The partition of every input, by key. */
  public Map<String, Integer> partitionOfKey() {
    Map<String, Integer> placement = new HashMap<>();
    for (int p = 0; p < partitions.size(); p++) {
      for (PlannedInput input : partitions.get(p)) {
        placement.put(input.key(), p);
      }
    }
    return placement;
  }

  /** The bytes of work in partition {@code index}. */
  public long weight(int index) {
    return partitions.get(index).stream().mapToLong(PlannedInput::sizeBytes).sum();
  }

  private static final class Bin {
    private final int index;
    private final List<PlannedInput> inputs = new ArrayList<>();
    private long weight;

    Bin(int index) {
      this.index = index;
    }

    void add(PlannedInput input) {
      inputs.add(input);
      weight += input.sizeBytes();
    }

    int index() {
      return index;
    }

    long weight() {
      return weight;
    }

    List<PlannedInput> inputs() {
      return inputs;
    }
  }
}
