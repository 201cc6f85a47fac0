package io.nightscribe.testsupport;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * How a {@code SparkSubmit} child process ended.
 *
 * @param exitCode the driver JVM's exit code; -1 when it was killed after its timeout
 * @param output its stdout and stderr, interleaved as written (Spark logs to stderr at WARN)
 * @param wallTime from process start to exit
 * @param timedOut whether it was killed because it outlived its timeout
 * @param log the file holding {@code output}, kept under target/ for a look after a failure
 */
public record SparkSubmitResult(
    int exitCode, String output, Duration wallTime, boolean timedOut, Path log) {
  public boolean succeeded() {
    return !timedOut && exitCode == 0;
  }

  /**
   * Output lines starting with {@code prefix}, the prefix removed: how a test application reports.
   */
  public List<String> linesStartingWith(String prefix) {
    return output
        .lines()
        .filter(line -> line.startsWith(prefix))
        .map(line -> line.substring(prefix.length()))
        .toList();
  }

  /** For assertion messages: how it ended and the log's last lines. */
  public String describe() {
    return (timedOut ? "timed out after " + wallTime : "exit " + exitCode)
        + "; "
        + LocalProcesses.tail(log);
  }
}
