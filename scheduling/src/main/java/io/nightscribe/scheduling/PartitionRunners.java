package io.nightscribe.scheduling;

import io.nightscribe.runs.partition.PartitionRunner;
import io.nightscribe.runs.partition.PipelineDefinition;

/**
 * Where the scheduler gets the runner of a pipeline's partitions: the one place that decides how a
 * pipeline runs (in process today; on Spark when the pipeline asks for it). Implementations are
 * thread-safe.
 */
@FunctionalInterface
public interface PartitionRunners {
  PartitionRunner forPipeline(PipelineDefinition pipeline);
}
