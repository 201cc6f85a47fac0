package io.nightscribe.spark;

import java.io.Serializable;
import java.util.Objects;

/**
 * One input of a run as a Spark task receives it.
 *
 * @param key its key relative to the run's input prefix
 * @param sizeBytes its size when planned: the weight the driver balances partitions by
 */
public record PlannedInput(String key, long sizeBytes) implements Serializable {
  public PlannedInput {
    Objects.requireNonNull(key, "key");
    if (sizeBytes < 0) {
      throw new IllegalArgumentException("Invalid size of " + key + ": " + sizeBytes);
    }
  }
}
