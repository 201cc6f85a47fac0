package io.nightscribe.asr.pipeline;

import io.nightscribe.asr.storage.ObjectInfo;
import io.nightscribe.asr.storage.SeekableObject;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Splits the time one decoder thread spends on one input into storage reads, waits for room in the
 * queue and the rest (decoding and chunking). Used by that thread alone.
 */
final class TimedWork {
  private final long startedNanos = System.nanoTime();
  private long readNanos;
  private long waitNanos;

  /** Runs a storage call, counting its time as reading. */
  <T> T reads(Supplier<T> call) {
    long started = System.nanoTime();
    try {
      return call.get();
    } finally {
      readNanos += System.nanoTime() - started;
    }
  }

  /** Runs a wait for the queue, counting its time as neither reading nor decoding. */
  boolean waits(BooleanSupplier wait) {
    long started = System.nanoTime();
    try {
      return wait.getAsBoolean();
    } finally {
      waitNanos += System.nanoTime() - started;
    }
  }

  /** {@code object}, with every read counted as reading. */
  SeekableObject timed(SeekableObject object) {
    return new SeekableObject() {
      @Override
      public ObjectInfo info() {
        return object.info();
      }

      @Override
      public int read(long position, byte[] buffer, int offset, int length) {
        long started = System.nanoTime();
        try {
          return object.read(position, buffer, offset, length);
        } finally {
          readNanos += System.nanoTime() - started;
        }
      }

      @Override
      public String sha256() {
        return reads(object::sha256);
      }

      @Override
      public void close() {
        object.close();
      }
    };
  }

  Duration readTime() {
    return Duration.ofNanos(readNanos);
  }

  /** Tells {@code observer} the input's read time and its decoding time. */
  void report(PipelineObserver observer) {
    long decodeNanos = System.nanoTime() - startedNanos - readNanos - waitNanos;
    observer.read(readTime());
    observer.decoded(Duration.ofNanos(Math.max(0, decodeNanos)));
  }
}
