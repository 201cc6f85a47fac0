package io.nightscribe.asr.engine;

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

  @Override
  public String toString() {
    return kind.equals("cpu") ? "cpu" : "gpu(" + index + ")";
  }
}
