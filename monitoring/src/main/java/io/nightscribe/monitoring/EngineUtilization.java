package io.nightscribe.monitoring;

/**
 * The engine busy ratio of {@link NightMetric#ENGINE_BUSY}: the engine workers' summed time in
 * engine calls over their summed wall time, each worker counted from its start to its stop (or to
 * now while it runs). With workers that start together and run to the end, that is summed call time
 * / (workers x wall time since the first of them started). A ratio well below 1 says the workers
 * (the GPUs) waited for decoded audio: the night is bound by I/O or decoding.
 *
 * <p>Times are {@link System#nanoTime()} readings passed in, so the arithmetic is testable without
 * a clock. Thread-safe.
 */
public final class EngineUtilization {
  private long busyNanos;
  private long stoppedWorkerNanos;
  private long runningSinceSum;
  private int running;

  /** A worker started at {@code nanoTime}. */
  public synchronized void workerStarted(long nanoTime) {
    running++;
    runningSinceSum += nanoTime;
  }

  /** The worker that started at {@code startedNanoTime} stopped at {@code nanoTime}. */
  public synchronized void workerStopped(long startedNanoTime, long nanoTime) {
    if (running == 0) {
      throw new IllegalStateException("Cannot stop an engine worker: none is running");
    }
    running--;
    runningSinceSum -= startedNanoTime;
    stoppedWorkerNanos += nanoTime - startedNanoTime;
  }

  /** One engine call took {@code nanos}. */
  public synchronized void called(long nanos) {
    if (nanos < 0) {
      throw new IllegalArgumentException("Invalid engine call time: " + nanos + " ns");
    }
    busyNanos += nanos;
  }

  /**
   * The busy ratio at {@code nanoTime}, in [0, 1]; 0 before any worker has run. Capped at 1: a call
   * still being timed when its worker stops cannot make the workers more than fully busy.
   */
  public synchronized double ratio(long nanoTime) {
    long workerNanos = stoppedWorkerNanos + running * nanoTime - runningSinceSum;
    if (workerNanos <= 0) {
      return 0;
    }
    return Math.min(1, (double) busyNanos / workerNanos);
  }
}
