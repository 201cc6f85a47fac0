package io.nightscribe.batch.spark;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The Spark cluster a pipeline runs on and what its application asks of it, validated: the same for
 * a standalone cluster and for Spark on Kubernetes.
 *
 * @param master {@code spark://host:7077}; empty or {@code k8s://...} on Kubernetes
 * @param executors executor count
 * @param executorCores cores per executor
 * @param executorMemory heap per executor, in Spark's notation ("8g")
 * @param gpusPerExecutor GPUs per executor; 0 for none
 * @param gpusPerTask the GPU share of one task: 1 gives each task a GPU of its own, 0.5 lets two
 *     tasks share one
 * @param conf further Spark settings; where one names a setting nightscribe writes, it wins
 */
public record SparkResources(
    String master,
    int executors,
    int executorCores,
    String executorMemory,
    int gpusPerExecutor,
    double gpusPerTask,
    Map<String, String> conf) {
  public SparkResources {
    if (executors < 1 || executorCores < 1) {
      throw new IllegalArgumentException(
          "Spark needs at least one executor with one core (got "
              + executors
              + " x "
              + executorCores
              + ")");
    }
    if (!executorMemory.matches("[0-9]+[kmgtp]?")) {
      throw new IllegalArgumentException(
          "executor memory '" + executorMemory + "' is not in Spark's notation (e.g. 4g or 512m)");
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
    conf = Collections.unmodifiableMap(new TreeMap<>(conf));
  }

  /**
   * The executors' settings: count, cores, memory and GPUs as Spark spells them ({@code
   * spark.cores.max} too, which is how a standalone master limits an application's executors).
   */
  public Map<String, String> executorSettings() {
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("spark.executor.instances", String.valueOf(executors));
    settings.put("spark.executor.cores", String.valueOf(executorCores));
    settings.put("spark.cores.max", String.valueOf(executors * executorCores));
    settings.put("spark.executor.memory", executorMemory);
    if (gpusPerExecutor > 0) {
      settings.put("spark.executor.resource.gpu.amount", String.valueOf(gpusPerExecutor));
      settings.put(
          "spark.task.resource.gpu.amount",
          BigDecimal.valueOf(gpusPerTask).stripTrailingZeros().toPlainString());
    }
    return settings;
  }
}
