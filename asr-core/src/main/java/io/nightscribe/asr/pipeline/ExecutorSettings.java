package io.nightscribe.asr.pipeline;

import io.nightscribe.asr.engine.ComputeDevice;
import java.util.List;

/**
 * How a run spreads its work over threads.
 *
 * @param devices one engine worker per entry, each with its own session on that device
 * @param decodeWorkers threads reading and decoding inputs ahead of the engine workers
 * @param queuedBatches how many batches of decoded chunks may wait for an engine worker: bounds
 *     memory (a batch holds at most the settings' {@code maxBatchMillis} of audio), and keeps the
 *     engine busy
 */
public record ExecutorSettings(List<ComputeDevice> devices, int decodeWorkers, int queuedBatches) {
  public ExecutorSettings {
    devices = List.copyOf(devices);
    if (devices.isEmpty()) {
      throw new IllegalArgumentException("Invalid executor settings: no engine workers");
    }
    if (decodeWorkers < 1) {
      throw new IllegalArgumentException(
          "Invalid executor settings: decodeWorkers " + decodeWorkers);
    }
    if (queuedBatches < devices.size()) {
      throw new IllegalArgumentException(
          "Invalid executor settings: queuedBatches "
              + queuedBatches
              + " < workers "
              + devices.size());
    }
  }

  /** The same threads, with the engine workers on {@code workerDevices}, one worker each. */
  public ExecutorSettings onDevices(List<ComputeDevice> workerDevices) {
    return new ExecutorSettings(
        workerDevices, decodeWorkers, Math.max(queuedBatches, workerDevices.size()));
  }

  /** {@code workers} CPU engine workers, two decoders, two batches queued per worker. */
  public static ExecutorSettings onCpu(int workers) {
    return new ExecutorSettings(
        java.util.Collections.nCopies(workers, ComputeDevice.CPU),
        Math.min(2, workers),
        workers * 2);
  }
}
