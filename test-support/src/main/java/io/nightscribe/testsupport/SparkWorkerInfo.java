package io.nightscribe.testsupport;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One worker as the master reports it (an entry of {@code workers} in the master's {@code /json/}).
 *
 * @param id the master's worker id, {@code worker-<time>-<host>-<port>}
 * @param host the worker's address
 * @param port the worker's RPC port
 * @param state {@code ALIVE}, {@code DEAD}, {@code DECOMMISSIONED} or {@code UNKNOWN}
 * @param cores cores the worker offers
 * @param coresUsed cores held by executors now
 * @param memoryMb memory the worker offers in MiB
 * @param memoryUsedMb memory held by executors now, MiB
 * @param resources custom resources the worker offers, addresses by name ({@code gpu -> [0, 1]})
 * @param resourcesUsed addresses held by executors now, by name
 */
public record SparkWorkerInfo(
    String id,
    String host,
    int port,
    String state,
    int cores,
    int coresUsed,
    int memoryMb,
    int memoryUsedMb,
    Map<String, List<String>> resources,
    Map<String, List<String>> resourcesUsed) {
  public SparkWorkerInfo {
    resources = copy(resources);
    resourcesUsed = copy(resourcesUsed);
  }

  public boolean isAlive() {
    return "ALIVE".equals(state);
  }

  /**
   * Whether this worker, empty, could run one executor of {@code shape}: judged on what it offers,
   * not on what is free now, because an executor that fits no worker at all is never granted and
   * the application waits forever ("Initial job has not accepted any resources").
   */
  public boolean canEverHost(SparkExecutorShape shape) {
    return cores >= shape.cores()
        && memoryMb >= shape.memoryMb()
        && shape.resources().entrySet().stream()
            .allMatch(
                need -> resources.getOrDefault(need.getKey(), List.of()).size() >= need.getValue());
  }

  private static Map<String, List<String>> copy(Map<String, List<String>> byName) {
    return Map.copyOf(
        byName.entrySet().stream()
            .collect(Collectors.toMap(Map.Entry::getKey, e -> List.copyOf(e.getValue()))));
  }
}
