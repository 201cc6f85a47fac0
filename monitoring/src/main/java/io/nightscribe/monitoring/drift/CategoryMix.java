package io.nightscribe.monitoring.drift;

import java.util.Map;
import java.util.TreeMap;

/**
 * How many of a run's objects fell into each category of one categorical feature.
 *
 * @param counts category to count, sorted by category; every count positive
 */
public record CategoryMix(Map<String, Long> counts) {
  public CategoryMix {
    TreeMap<String, Long> copy = new TreeMap<>();
    counts.forEach(
        (category, count) -> {
          if (category == null || category.isEmpty()) {
            throw new IllegalArgumentException("Invalid category mix: empty category");
          }
          if (count == null || count <= 0) {
            throw new IllegalArgumentException(
                "Invalid category mix: count " + count + " for '" + category + "'");
          }
          copy.put(category, count);
        });
    counts = java.util.Collections.unmodifiableSortedMap(copy);
  }

  /** All objects counted. */
  public long total() {
    return counts.values().stream().mapToLong(Long::longValue).sum();
  }

  /** The count of {@code category}, 0 when absent. */
  public long count(String category) {
    return counts.getOrDefault(category, 0L);
  }
}
