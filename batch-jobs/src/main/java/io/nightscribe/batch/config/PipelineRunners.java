package io.nightscribe.batch.config;

import io.nightscribe.asr.NightscribeException;
import io.nightscribe.runs.partition.PartitionRequest;
import io.nightscribe.runs.partition.PartitionResult;
import io.nightscribe.runs.partition.PartitionRunner;
import io.nightscribe.runs.partition.PartitionState;
import io.nightscribe.runs.partition.PipelineDefinition;
import io.nightscribe.scheduling.PartitionRunners;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Runs each partition where its pipeline says ({@code runner: in-process} or {@code spark}), or
 * where the command line says ({@code --runner}): the one place that decides, for {@code
 * transcribe}, backfills and the scheduler alike. A partition's state is the ledger's, whichever
 * runner made it. Thread-safe.
 */
public final class PipelineRunners implements PartitionRunner, PartitionRunners {
  private final PartitionRunner inProcess;
  private final Function<SparkProperties, PartitionRunner> onSpark;
  private final Map<String, PipelineProperties> pipelines;
  private final SparkProperties adHoc;

  /**
   * @param onSpark a runner on the cluster a {@code spark:} block names
   */
  public PipelineRunners(
      PartitionRunner inProcess,
      Function<SparkProperties, PartitionRunner> onSpark,
      NightscribeProperties properties) {
    this.inProcess = inProcess;
    this.onSpark = onSpark;
    this.pipelines = properties.pipelines();
    this.adHoc = properties.spark().adHoc();
  }

  /**
   * The runner of every partition, whatever its pipeline says: {@code in-process} or {@code spark};
   * empty keeps each pipeline's own.
   *
   * @throws NightscribeException CONFIGURATION for another name
   */
  public PartitionRunner choosing(Optional<String> runner) {
    if (runner.isEmpty()) {
      return this;
    }
    return switch (runner.get()) {
      case PipelineProperties.IN_PROCESS -> inProcess;
      case PipelineProperties.SPARK ->
          new PartitionRunner() {
            @Override
            public PartitionResult run(PartitionRequest request) {
              return onSpark.apply(sparkOf(request.pipeline())).run(request);
            }

            @Override
            public PartitionState state(PartitionRequest request) {
              return inProcess.state(request);
            }
          };
      default -> throw unknownRunner(runner.get(), "--runner");
    };
  }

  @Override
  public PartitionRunner forPipeline(PipelineDefinition pipeline) {
    return runnerOf(pipeline.name());
  }

  @Override
  public PartitionResult run(PartitionRequest request) {
    return runnerOf(request.pipeline()).run(request);
  }

  @Override
  public PartitionState state(PartitionRequest request) {
    return inProcess.state(request);
  }

  private PartitionRunner runnerOf(String pipeline) {
    PipelineProperties declared = pipelines.get(pipeline);
    if (declared == null) {
      return inProcess;
    }
    return switch (declared.runner()) {
      case PipelineProperties.IN_PROCESS -> inProcess;
      case PipelineProperties.SPARK -> onSpark.apply(declared.spark());
      default ->
          throw unknownRunner(declared.runner(), "nightscribe.pipelines." + pipeline + ".runner");
    };
  }

  private SparkProperties sparkOf(String pipeline) {
    PipelineProperties declared = pipelines.get(pipeline);
    return declared == null ? adHoc : declared.spark();
  }

  private static NightscribeException unknownRunner(String runner, String where) {
    return NightscribeException.configuration(
        "Unknown runner '"
            + runner
            + "' in "
            + where
            + " (use "
            + PipelineProperties.IN_PROCESS
            + " or "
            + PipelineProperties.SPARK
            + ")");
  }
}
