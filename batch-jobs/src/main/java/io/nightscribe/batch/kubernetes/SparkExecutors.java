package io.nightscribe.batch.kubernetes;

import io.nightscribe.batch.spark.SparkResources;

/**
 * The executors of a pipeline that runs on Spark on Kubernetes. The pod that runs {@code
 * nightscribe} (the CronJob's, a Job's) is the Spark driver, in client mode: it plans and finishes
 * the run and its exit code is the run's; executors are pods it starts from the executor template.
 *
 * @param resources executor count, cores, memory and GPUs, and further Spark settings
 * @param placement where executor pods may land (GPU nodes, for GPU executors)
 */
public record SparkExecutors(SparkResources resources, Placement placement) {
  public SparkExecutors {
    placement = resources.gpusPerExecutor() > 0 ? placement.forGpus() : placement;
  }
}
