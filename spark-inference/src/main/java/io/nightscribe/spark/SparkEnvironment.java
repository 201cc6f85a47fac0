package io.nightscribe.spark;

import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.spark.api.java.JavaSparkContext;

/** What a Spark run ran on, for its run record: the cluster, the executors, each task's device. */
final class SparkEnvironment {
  private SparkEnvironment() {}

  /**
   * Entries of run.json's environment: runner, spark version and master, the executors that
   * reported, every task's device (with the GPU Spark assigned it), model loads per executor and
   * task attempts.
   */
  static Map<String, String> describe(
      JavaSparkContext spark, Collection<TaskReport> reports, TaskStatistics tasks) {
    Map<String, String> environment = new TreeMap<>();
    environment.put("runner", "spark");
    environment.put("spark.version", spark.version());
    environment.put("spark.master", spark.master());
    Set<String> executors =
        reports.stream().map(TaskReport::executorId).collect(Collectors.toCollection(TreeSet::new));
    environment.put("spark.executors", Integer.toString(executors.size()));
    environment.put("spark.tasks", tasks.describe());
    environment.put(
        "engine", reports.stream().map(TaskReport::engineVersion).findFirst().orElse("not loaded"));
    environment.put(
        "devices",
        reports.stream()
            .map(
                report ->
                    "partition "
                        + report.partition()
                        + " on executor "
                        + report.executorId()
                        + ": "
                        + report.device()
                        + (report.assignedGpu() == null
                            ? ""
                            : " (assigned gpu " + report.assignedGpu() + ")"))
            .collect(Collectors.joining("; ")));
    Map<String, Integer> loads = new TreeMap<>();
    reports.forEach(report -> loads.merge(report.executorId(), report.modelLoads(), Math::max));
    environment.put(
        "model.loads",
        loads.values().stream().mapToInt(Integer::intValue).sum()
            + " on "
            + executors.size()
            + " executors");
    return environment;
  }
}
