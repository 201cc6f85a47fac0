package io.nightscribe.batch.kubernetes;

import java.util.Objects;
import java.util.Optional;

/**
 * One pipeline as it runs on Kubernetes.
 *
 * @param pipeline the pipeline's name, as declared
 * @param schedule its five-field cron expression; empty when it is not scheduled (it still gets
 *     backfill and replay Jobs)
 * @param timeZone the IANA zone the schedule is read in ("Africa/Accra")
 * @param resources what its pods ask for (on Spark: the driver's pod)
 * @param placement where its pods may land (on Spark: the driver's pod)
 * @param jobs how long its Jobs may take, and their retries and history
 * @param spark the executors, for a pipeline that runs on Spark on Kubernetes
 */
public record PipelineWorkload(
    String pipeline,
    Optional<String> schedule,
    String timeZone,
    PodResources resources,
    Placement placement,
    JobLimits jobs,
    Optional<SparkExecutors> spark) {
  public PipelineWorkload {
    Objects.requireNonNull(pipeline, "pipeline");
    Objects.requireNonNull(timeZone, "timeZone");
    Objects.requireNonNull(resources, "resources");
    Objects.requireNonNull(jobs, "jobs");
    placement = resources.gpus() > 0 ? placement.forGpus() : placement;
    if (spark.isPresent() && resources.gpus() > 0) {
      throw new IllegalArgumentException(
          "runs on Spark, whose driver needs no GPU: give the GPUs to the executors"
              + " (spark.gpus-per-executor) and set kubernetes.gpus to 0");
    }
  }
}
