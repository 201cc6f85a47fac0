package io.nightscribe.spark;

import io.nightscribe.runs.ledger.InputOutcome;
import java.io.Serializable;
import java.util.List;

/**
 * What one task of a run sends back to the driver: every input's outcome, and where it ran.
 *
 * @param partition the Spark partition
 * @param executorId the executor that ran the attempt whose result counts
 * @param assignedGpu the GPU address Spark assigned the task, or null
 * @param device the device the engine worker ran on ("gpu(1)", "cpu")
 * @param engineVersion the engine and native library versions
 * @param modelLoads how many times this executor's JVM has loaded a model so far
 * @param outcomes one per input of the partition
 */
public record TaskReport(
    int partition,
    String executorId,
    String assignedGpu,
    String device,
    String engineVersion,
    int modelLoads,
    List<InputOutcome> outcomes)
    implements Serializable {
  public TaskReport {
    outcomes = List.copyOf(outcomes);
  }
}
