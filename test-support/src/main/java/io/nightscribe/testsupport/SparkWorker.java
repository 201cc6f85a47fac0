package io.nightscribe.testsupport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * One worker process of a {@link SparkCluster}, for fault tests: its pid, its executors' processes
 * and its files. Killing goes through {@link SparkCluster#killWorker(int)}.
 *
 * <p>Thread-safe (immutable; the process state it reports is read live).
 */
public final class SparkWorker {
  private static final String EXECUTOR_MAIN =
      "org.apache.spark.executor.CoarseGrainedExecutorBackend";

  private final int index;
  private final SparkWorkerSpec spec;
  private final Process process;
  private final int port;
  private final int webUiPort;
  private final Path log;
  private final Path workDir;

  SparkWorker(
      int index,
      SparkWorkerSpec spec,
      Process process,
      int port,
      int webUiPort,
      Path log,
      Path workDir) {
    this.index = index;
    this.spec = spec;
    this.process = process;
    this.port = port;
    this.webUiPort = webUiPort;
    this.log = log;
    this.workDir = workDir;
  }

  /** Position in {@link SparkCluster#workers()}, stable for the cluster's life. */
  public int index() {
    return index;
  }

  public SparkWorkerSpec spec() {
    return spec;
  }

  public long pid() {
    return process.pid();
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** The worker's RPC port on {@code spec().host()}, as the master's JSON reports it. */
  public int port() {
    return port;
  }

  public int webUiPort() {
    return webUiPort;
  }

  /** The worker JVM's stdout and stderr. */
  public Path log() {
    return log;
  }

  /**
   * Where the worker puts each executor's files, {@code <app-id>/<executor-id>/stderr} among them.
   */
  public Path workDir() {
    return workDir;
  }

  /**
   * The executor JVMs this worker runs now (its child processes running {@value #EXECUTOR_MAIN}).
   * Destroying one forcibly is an executor loss: the worker reports it and the master grants a
   * replacement.
   */
  public List<ProcessHandle> executors() {
    return process
        .descendants()
        .filter(child -> commandLine(child).contains(EXECUTOR_MAIN))
        .toList();
  }

  /**
   * The whole command line of a process: ProcessHandle.Info cuts it after the first 4 KiB on Linux,
   * before the main class of a JVM with a long class path.
   */
  private static String commandLine(ProcessHandle process) {
    try {
      return new String(
          Files.readAllBytes(Path.of("/proc", Long.toString(process.pid()), "cmdline")),
          StandardCharsets.UTF_8);
    } catch (IOException gone) {
      return "";
    }
  }

  Process process() {
    return process;
  }

  @Override
  public String toString() {
    return "worker " + index + " at " + spec.host() + ":" + port + " (pid " + pid() + ")";
  }
}
