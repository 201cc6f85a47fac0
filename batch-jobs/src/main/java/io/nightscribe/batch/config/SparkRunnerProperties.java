package io.nightscribe.batch.config;

import java.util.Map;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What {@code nightscribe k8s render} needs of a pipeline's runner: {@code
 * nightscribe.pipelines.<name>.runner} and its {@code spark:} block.
 *
 * @param runner {@code in-process} (default) or {@code spark}
 * @param spark the Spark settings, for {@code runner: spark}
 */
public record SparkRunnerProperties(
    @DefaultValue("in-process") String runner, @DefaultValue SparkProperties spark) {

  /** Whether the pipeline runs on Spark on Kubernetes (a k8s:// master, or none given). */
  boolean onKubernetes() {
    return runner.equals("spark")
        && (spark.master().isEmpty() || spark.master().startsWith("k8s://"));
  }

  /**
   * @param master the Spark master; empty or k8s://... for Spark on Kubernetes
   * @param executors executor count
   * @param executorCores cores per executor
   * @param executorMemory heap per executor ("4g")
   * @param gpusPerExecutor GPUs per executor
   * @param gpusPerTask a task's share of a GPU
   * @param conf further Spark settings
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
      conf = conf == null ? Map.of() : conf;
    }
  }
}
