package io.nightscribe.testsupport;

import java.util.List;
import java.util.regex.Pattern;

/**
 * What one standalone worker offers: its loopback address, cores, memory and (fake) GPU addresses.
 *
 * @param host an address in 127.0.0.0/8 the worker binds to; workers on different addresses are
 *     different hosts to Spark (speculation never places a copy on the host of the original)
 * @param cores cores offered to executors, at least 1
 * @param memoryMb memory offered to executors in MiB, at least 512
 * @param gpuAddresses addresses the worker's GPU discovery script reports; empty for no GPU
 */
public record SparkWorkerSpec(String host, int cores, int memoryMb, List<String> gpuAddresses) {
  private static final Pattern LOOPBACK =
      Pattern.compile("127\\.(25[0-5]|2[0-4]\\d|1?\\d?\\d)(\\.(25[0-5]|2[0-4]\\d|1?\\d?\\d)){2}");

  public SparkWorkerSpec {
    if (host == null || !LOOPBACK.matcher(host).matches()) {
      throw new IllegalArgumentException(
          "Invalid worker host '" + host + "': use an address in 127.0.0.0/8");
    }
    if (cores < 1) {
      throw new IllegalArgumentException("Invalid worker cores " + cores + ": at least 1");
    }
    if (memoryMb < 512) {
      throw new IllegalArgumentException(
          "Invalid worker memory " + memoryMb + " MiB: at least 512");
    }
    gpuAddresses = List.copyOf(gpuAddresses);
  }

  /** A worker without GPUs. */
  public static SparkWorkerSpec onHost(String host, int cores, int memoryMb) {
    return new SparkWorkerSpec(host, cores, memoryMb, List.of());
  }

  /** The same worker with a GPU discovery script reporting {@code addresses}. */
  public SparkWorkerSpec withGpus(String... addresses) {
    return new SparkWorkerSpec(host, cores, memoryMb, List.of(addresses));
  }
}
