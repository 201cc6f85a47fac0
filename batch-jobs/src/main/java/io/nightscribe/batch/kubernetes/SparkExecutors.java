package io.nightscribe.batch.kubernetes;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * The executors of a pipeline that runs on Spark on Kubernetes. The pod that runs {@code
 * nightscribe} (the CronJob's, a Job's) is the Spark driver, in client mode: it plans and finishes
 * the run and its exit code is the run's; executors are pods it starts from the executor template.
 *
 * @param instances executor pods
 * @param cores cores per executor
 * @param memory heap per executor, in Spark's notation ("8g")
 * @param gpusPerExecutor {@code nvidia.com/gpu} per executor pod; 0 for none
 * @param gpusPerTask the GPU share of one task: 1 gives each task a GPU of its own, 0.5 lets two
 *     tasks share one
 * @param placement where executor pods may land (GPU nodes, for GPU executors)
 * @param conf further Spark settings; where one names a setting nightscribe writes, it wins
 */
public record SparkExecutors(
    int instances,
    int cores,
    String memory,
    int gpusPerExecutor,
    double gpusPerTask,
    Placement placement,
    Map<String, String> conf) {
  public SparkExecutors {
    if (instances < 1 || cores < 1) {
      throw new IllegalArgumentException(
          "Spark needs at least one executor with one core (got "
              + instances
              + " x "
              + cores
              + ")");
    }
    if (!memory.matches("[0-9]+[kmgtp]?")) {
      throw new IllegalArgumentException(
          "executor memory '" + memory + "' is not in Spark's notation (e.g. 4g or 512m)");
    }
    if (gpusPerExecutor < 0) {
      throw new IllegalArgumentException(
          "gpus per executor cannot be negative: " + gpusPerExecutor);
    }
    if (gpusPerExecutor > 0 && !(gpusPerTask > 0 && gpusPerTask <= gpusPerExecutor)) {
      throw new IllegalArgumentException(
          "gpus per task "
              + gpusPerTask
              + " must be above 0 and at most the "
              + gpusPerExecutor
              + " GPUs of an executor");
    }
    for (String key : conf.keySet()) {
      if (!key.matches("[A-Za-z0-9._-]+")) {
        throw new IllegalArgumentException(
            "Spark setting '" + key + "' is not a Spark property name (e.g. spark.speculation)");
      }
    }
    placement = gpusPerExecutor > 0 ? placement.forGpus() : placement;
    conf = Collections.unmodifiableMap(new TreeMap<>(conf));
  }
}
