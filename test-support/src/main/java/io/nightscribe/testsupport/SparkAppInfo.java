package io.nightscribe.testsupport;

import java.util.Map;

/**
 * One application as the master reports it (an entry of {@code activeapps} in its {@code /json/}).
 *
 * @param id the application id, {@code app-<time>-<n>}
 * @param name {@code spark.app.name}
 * @param state {@code WAITING} until it holds executors, then {@code RUNNING}; {@code FINISHED},
 *     {@code FAILED}, {@code KILLED} at the end
 * @param coresGranted cores its executors hold now
 * @param memoryPerExecutorMb {@code spark.executor.memory} in MiB
 * @param resourcesPerExecutor {@code spark.executor.resource.<name>.amount} by name
 */
public record SparkAppInfo(
    String id,
    String name,
    String state,
    int coresGranted,
    int memoryPerExecutorMb,
    Map<String, Integer> resourcesPerExecutor) {
  public SparkAppInfo {
    resourcesPerExecutor = Map.copyOf(resourcesPerExecutor);
  }

  /**
   * The executor this application asks for, with one core: the master's JSON does not report {@code
   * spark.executor.cores}.
   */
  public SparkExecutorShape executorShapeWithOneCore() {
    return new SparkExecutorShape(1, memoryPerExecutorMb, resourcesPerExecutor);
  }
}
