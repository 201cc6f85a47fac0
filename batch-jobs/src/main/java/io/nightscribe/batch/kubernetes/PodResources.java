package io.nightscribe.batch.kubernetes;

/**
 * What a pod's main container asks for and may use. Limits equal requests unless set otherwise: a
 * CPU limit makes the JVM see that many cores (nightscribe runs one engine worker per core), and a
 * memory limit equal to the request keeps the pod from being killed first when a node runs short.
 *
 * @param cpu CPU request, a Kubernetes quantity ("2", "500m")
 * @param cpuLimit CPU limit
 * @param memory memory request ("4Gi")
 * @param memoryLimit memory limit; the JVM's heap is 75% of it (the image's MaxRAMPercentage)
 * @param gpus {@code nvidia.com/gpu} limit; 0 for none
 * @param scratch size limit of the pod's scratch volume: home (unpacked models and native
 *     libraries) and /tmp
 */
public record PodResources(
    String cpu, String cpuLimit, String memory, String memoryLimit, int gpus, String scratch) {
  public PodResources {
    Quantity.check("cpu", cpu);
    Quantity.check("cpu-limit", cpuLimit);
    Quantity.check("memory", memory);
    Quantity.check("memory-limit", memoryLimit);
    Quantity.check("scratch", scratch);
    if (gpus < 0) {
      throw new IllegalArgumentException("gpus " + gpus + " is negative: give 0 or more");
    }
  }
}
