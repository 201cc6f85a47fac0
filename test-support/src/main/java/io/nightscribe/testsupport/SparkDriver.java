package io.nightscribe.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A running client-mode driver ({@code SparkSubmit} child JVM) started by {@link
 * SparkCluster#launch}, for tests that act while an application runs: kill an executor, read the
 * master's state, then {@link #await} the outcome.
 *
 * <p>Thread-safe. The caller closes it; closing kills the driver (and so its application) if it
 * still runs.
 */
public final class SparkDriver implements AutoCloseable {
  private static final Duration KILL_GRACE = Duration.ofSeconds(5);

  private final Process process;
  private final Path log;
  private final long startedNanos;

  SparkDriver(Process process, Path log, long startedNanos) {
    this.process = process;
    this.log = log;
    this.startedNanos = startedNanos;
  }

  public long pid() {
    return process.pid();
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** The driver's stdout and stderr so far. */
  public Path log() {
    return log;
  }

  /** What the driver has written so far. */
  public String output() {
    try {
      // not Files.readString: it throws on a malformed byte, and a test wants the text regardless
      return new String(Files.readAllBytes(log), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the Spark driver log " + log, e);
    }
  }

  /**
   * Waits for the driver to exit; kills it (and its child processes) when it outlives {@code
   * timeout}, reporting {@link SparkSubmitResult#timedOut()}.
   */
  public SparkSubmitResult await(Duration timeout) {
    boolean exited;
    try {
      exited = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      LocalProcesses.destroyTree(process, KILL_GRACE);
      throw new IllegalStateException("Interrupted waiting for the Spark driver; see " + log, e);
    }
    if (!exited) {
      LocalProcesses.destroyTree(process, KILL_GRACE);
    }
    Duration wall = Duration.ofNanos(System.nanoTime() - startedNanos);
    return new SparkSubmitResult(exited ? process.exitValue() : -1, output(), wall, !exited, log);
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      LocalProcesses.destroyTree(process, KILL_GRACE);
    }
  }
}
