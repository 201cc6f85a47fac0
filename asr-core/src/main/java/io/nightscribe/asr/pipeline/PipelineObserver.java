package io.nightscribe.asr.pipeline;

import java.time.Duration;

/**
 * Watches where a {@link TranscriptionExecutor}'s time goes, for metrics: storage reads, decoding,
 * engine calls and the queue between them. Every method defaults to doing nothing, so an observer
 * implements only what it reports.
 *
 * <p>Called from the decoder threads and the engine workers at once: implementations are
 * thread-safe and quick (they run on the hot path). Durations are wall-clock time, never negative.
 */
public interface PipelineObserver {

  /**
   * One input's storage reads took {@code took} in all: opening it, every read the decoder made and
   * hashing what it left unread.
   */
  default void read(Duration took) {}

  /**
   * One input's decoding and chunking took {@code took}, its storage reads and the time it waited
   * for room in the queue excluded. Not called for an input quarantined while being read.
   */
  default void decoded(Duration took) {}

  /** An engine worker started, at {@code nanoTime} ({@link System#nanoTime()}). */
  default void engineWorkerStarted(long nanoTime) {}

  /** One engine call on a batch took {@code took}. */
  default void engineCalled(Duration took) {}

  /**
   * The engine worker that started at {@code startedNanoTime} stopped at {@code stoppedNanoTime}
   * (both {@link System#nanoTime()}).
   */
  default void engineWorkerStopped(long startedNanoTime, long stoppedNanoTime) {}

  /** Decoded chunks waiting for an engine worker now. */
  default void queuedChunks(int chunks) {}

  /** An observer that observes nothing. */
  PipelineObserver NONE = new PipelineObserver() {};
}
