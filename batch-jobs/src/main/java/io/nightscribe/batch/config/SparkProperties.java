package io.nightscribe.batch.config;

import io.nightscribe.batch.spark.SparkResources;
import java.util.Map;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where and with what a pipeline with {@code runner: spark} runs: its {@code spark:} block.
 *
 * @param master the Spark master: {@code spark://host:7077} for a standalone cluster; empty or
 *     {@code k8s://...} for Spark on Kubernetes
 * @param executors executor count
 * @param executorCores cores per executor
 * @param executorMemory heap per executor ("4g")
 * @param gpusPerExecutor GPUs per executor
 * @param gpusPerTask a task's share of a GPU
 * @param conf further Spark settings, written last: they win
 */
public record SparkProperties(
    @DefaultValue("") String master,
    @DefaultValue("2") int executors,
    @DefaultValue("2") int executorCores,
    @DefaultValue("4g") String executorMemory,
    @DefaultValue("0") int gpusPerExecutor,
    @DefaultValue("1") double gpusPerTask,
    Map<String, String> conf) {
  public SparkProperties {
    conf = conf == null ? Map.of() : Map.copyOf(conf);
  }

  /** Whether it runs on Spark on Kubernetes (a k8s:// master, or none given). */
  boolean onKubernetes() {
    return master.isEmpty() || master.startsWith("k8s://");
  }

  /**
   * The settings as the submitter takes them.
   *
   * @throws IllegalArgumentException naming the setting that cannot work
   */
  public SparkResources resources() {
    return new SparkResources(
        master, executors, executorCores, executorMemory, gpusPerExecutor, gpusPerTask, conf);
  }
}
