package io.nightscribe.asr.engine;

import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * Where a session runs: the CPU, or GPU number {@code index}.
 *
 * @param kind "cpu" or "gpu"
 * @param index the GPU ordinal; -1 for the CPU
 */
public record ComputeDevice(String kind, int index) {
  public static final ComputeDevice CPU = new ComputeDevice("cpu", -1);

  public ComputeDevice {
    if (kind.equals("cpu") ? index != -1 : !kind.equals("gpu") || index < 0) {
      throw new IllegalArgumentException("Invalid device: " + kind + " " + index);
    }
  }

  public static ComputeDevice gpu(int index) {
    return new ComputeDevice("gpu", index);
  }

  /**
   * The device of each of {@code workers} engine workers: GPUs round-robin when there are any, the
   * CPU otherwise.
   *
   * @param gpuCount CUDA devices present, 0 for none
   */
  public static List<ComputeDevice> forWorkers(int gpuCount, int workers) {
    if (gpuCount < 0 || workers < 1) {
      throw new IllegalArgumentException(
          "Invalid device assignment: " + workers + " workers on " + gpuCount + " GPUs");
    }
    return IntStream.range(0, workers)
        .mapToObj(worker -> gpuCount > 0 ? gpu(worker % gpuCount) : CPU)
        .toList();
  }

  /**
   * The device of a worker a cluster manager assigned a GPU (a Spark task's "gpu" resource): that
   * GPU when the engine sees it, the CPU when none was assigned or the engine sees no such GPU.
   *
   * @param assignedAddress the GPU's address as the cluster gave it ("0", "1", ...), if any
   * @param gpuCount GPUs the engine sees here
   */
  public static ComputeDevice forAssigned(Optional<String> assignedAddress, int gpuCount) {
    if (assignedAddress.isEmpty()) {
      return CPU;
    }
    int index;
    try {
      index = Integer.parseInt(assignedAddress.get().strip());
    } catch (NumberFormatException e) {
      return CPU;
    }
    return index >= 0 && index < gpuCount ? gpu(index) : CPU;
  }

  @Override
  public String toString() {
    return kind.equals("cpu") ? "cpu" : "gpu(" + index + ")";
  }
}
