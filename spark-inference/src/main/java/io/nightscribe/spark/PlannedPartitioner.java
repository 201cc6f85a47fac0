package io.nightscribe.spark;

import java.util.Map;
import org.apache.spark.Partitioner;

/** Places each input, by key, in the partition its {@link WorkPlan} gave it. */
final class PlannedPartitioner extends Partitioner {
  private final Map<String, Integer> partitionOfKey;
  private final int partitions;

  PlannedPartitioner(WorkPlan plan) {
    this.partitionOfKey = Map.copyOf(plan.partitionOfKey());
    this.partitions = plan.partitions().size();
  }

  @Override
  public int numPartitions() {
    return partitions;
  }

  @Override
  public int getPartition(Object key) {
    Integer partition = partitionOfKey.get((String) key);
    if (partition == null) {
      throw new IllegalArgumentException("Input " + key + " is not in the run's plan");
    }
    return partition;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof PlannedPartitioner planned
        && planned.partitionOfKey.equals(partitionOfKey);
  }

  @Override
  public int hashCode() {
    return partitionOfKey.hashCode();
  }
}
