package io.nightscribe.asr.engine;

import io.nightscribe.asr.model.ModelPackage;
import java.util.Collections;
import java.util.List;

/**
 * A loaded model: heavy, loaded once per JVM, shared by all workers, thread-safe. Whoever loaded it
 * closes it, after every session is closed.
 */
public interface AsrModel extends AutoCloseable {

  /** The package the model was loaded from. */
  ModelPackage modelPackage();

  /** The engine's own version and native library versions, for the run record ("vosk 0.3.45"). */
  String engineVersion();

  /**
   * The device each of {@code workers} engine workers opens its session on. By default every worker
   * runs on the CPU; engines that can use GPUs say which.
   */
  default List<ComputeDevice> devicesFor(int workers) {
    return Collections.nCopies(workers, ComputeDevice.CPU);
  }

  /**
   * How many GPUs this engine can open sessions on here: 0 when it runs on the CPU only, or when
   * CUDA is absent.
   */
  default int gpuCount() {
    return 0;
  }

  /** Opens a session on {@code device} with {@code settings}. */
  AsrSession openSession(ComputeDevice device, DecodingSettings settings);

  @Override
  void close();
}
