package io.nightscribe.spark;

import io.nightscribe.asr.engine.ComputeDevice;
import io.nightscribe.asr.pipeline.PackageTranscriber;
import io.nightscribe.asr.pipeline.TranscriptionInput;
import io.nightscribe.asr.storage.ObjectStores;
import io.nightscribe.asr.storage.StorageUri;
import io.nightscribe.runs.execution.InputOutcomes;
import io.nightscribe.runs.layout.OutputLayout;
import io.nightscribe.runs.layout.TranscriptWriter;
import io.nightscribe.runs.ledger.InputOutcome;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import org.apache.spark.TaskContext;
import org.apache.spark.resource.ResourceInformation;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The work of one Spark task: transcribes the inputs of its partition with this executor's model,
 * on the GPU Spark assigned the task (the CPU when none was assigned or the engine sees no such
 * GPU), writes each transcript to its deterministic key and reports every outcome to the driver.
 * Transcripts carry nothing of the attempt: a retried or speculative attempt writes the same bytes
 * to the same keys, and the driver records one report per partition.
 */
final class PartitionTranscription implements Serializable {
  private final RunReference run;
  private final int decodeThreads;
  private final InjectedFaults faults;

  /**
   * @param decodeThreads decoder threads per task, reading ahead of the engine worker
   * @param faults what a rehearsal makes go wrong
   */
  PartitionTranscription(RunReference run, int decodeThreads, InjectedFaults faults) {
    this.run = run;
    this.decodeThreads = decodeThreads;
    this.faults = faults;
  }

  TaskReport transcribe(TaskContext task, Iterator<PlannedInput> planned) {
    List<PlannedInput> inputs = new ArrayList<>();
    planned.forEachRemaining(inputs::add);
    // the shuffle that placed them kept no order: longest first again
    inputs.sort(
        Comparator.comparingLong(PlannedInput::sizeBytes)
            .reversed()
            .thenComparing(PlannedInput::key));
    PackageTranscriber.Loaded model = ExecutorModels.loaded(run, decodeThreads);
    Optional<String> assigned = assignedGpu(task);
    ComputeDevice device = ComputeDevice.forAssigned(assigned, model.gpuCount());
    ObjectStores stores = ExecutorModels.stores();
    StorageUri input = StorageUri.parse(run.input());
    StorageUri base = OutputLayout.inputBase(input);
    StorageUri transcripts = StorageUri.parse(run.transcripts());
    InputOutcomes outcomes =
        new InputOutcomes(
            new TranscriptWriter(stores),
            JsonMapper.builder()
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .build());
    List<InputOutcome> settled = Collections.synchronizedList(new ArrayList<>());
    model.run(
        stores.forUri(input),
        inputs.stream()
            .map(in -> new TranscriptionInput(in.key(), base.resolve(in.key())))
            .iterator(),
        outcome -> settled.add(outcomes.settle(outcome, transcripts)),
        List.of(device));
    faults.afterWriting(task);
    return new TaskReport(
        task.partitionId(),
        org.apache.spark.SparkEnv.get().executorId(),
        assigned.orElse(null),
        device.toString(),
        model.engineVersion(),
        ExecutorModels.loads(),
        settled);
  }

  private static Optional<String> assignedGpu(TaskContext task) {
    ResourceInformation gpu = task.resourcesJMap().get("gpu");
    return gpu == null || gpu.addresses().length == 0
        ? Optional.empty()
        : Optional.of(gpu.addresses()[0]);
  }
}
