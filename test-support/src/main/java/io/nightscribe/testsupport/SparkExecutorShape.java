package io.nightscribe.testsupport;

import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * What one executor asks of a worker, as {@code spark.executor.cores}, {@code
 * spark.executor.memory} and {@code spark.executor.resource.<name>.amount} say.
 *
 * @param cores cores per executor, at least 1
 * @param memoryMb heap per executor in MiB, at least 1
 * @param resources custom resources per executor by name ({@code gpu} -> 1), amounts at least 1
 */
public record SparkExecutorShape(int cores, int memoryMb, Map<String, Integer> resources) {
  public SparkExecutorShape {
    if (cores < 1 || memoryMb < 1) {
      throw new IllegalArgumentException(
          "Invalid executor shape: " + cores + " cores, " + memoryMb + " MiB; both at least 1");
    }
    resources.forEach(
        (name, amount) -> {
          if (amount < 1) {
            throw new IllegalArgumentException(
                "Invalid executor resource amount " + name + "=" + amount + ": at least 1");
          }
        });
    resources = Map.copyOf(resources);
  }

  /** An executor asking for cores and memory only. */
  public static SparkExecutorShape of(int cores, int memoryMb) {
    return new SparkExecutorShape(cores, memoryMb, Map.of());
  }

  /** The same shape asking also for {@code amount} of {@code resource}. */
  public SparkExecutorShape with(String resource, int amount) {
    Map<String, Integer> more = new TreeMap<>(resources);
    more.put(resource, amount);
    return new SparkExecutorShape(cores, memoryMb, more);
  }

  @Override
  public String toString() {
    return (cores == 1 ? "1 core, " : cores + " cores, ")
        + memoryMb
        + " MiB"
        + new TreeMap<>(resources)
            .entrySet().stream()
                .map(e -> ", " + e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining());
  }
}
