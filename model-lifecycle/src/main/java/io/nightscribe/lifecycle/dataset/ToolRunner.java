package io.nightscribe.lifecycle.dataset;

import io.nightscribe.asr.NightscribeException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs an external program to its end or its timeout. Thread-safe: each call runs its own process.
 */
final class ToolRunner {
  private static final String OUTPUT_FILE = "tool-output.txt";

  private final Duration timeout;

  ToolRunner(Duration timeout) {
    this.timeout = timeout;
  }

  /**
   * Runs {@code command} in {@code folder} (one call at a time per folder) and returns what it
   * printed, standard output and error together.
   *
   * @throws NightscribeException CONFIGURATION when the program is not installed, INTERNAL when it
   *     exits with an error or does not finish in time, naming the command and its last line of
   *     output
   */
  String run(List<String> command, Path folder) {
    Finished finished = execute(command, folder);
    if (finished.exitCode() != 0) {
      throw NightscribeException.internal(
          "Cannot run "
              + String.join(" ", command)
              + ": exit "
              + finished.exitCode()
              + lastLine(finished.printed()),
          null);
    }
    return finished.printed();
  }

  /**
   * What {@code command} printed, whatever its exit code: {@code flite --version} exits with 1.
   *
   * @throws NightscribeException as {@link #run}, except for the exit code
   */
  String printed(List<String> command, Path folder) {
    return execute(command, folder).printed();
  }

  /** The output goes through a file, so a chatty program cannot block on a full pipe. */
  private Finished execute(List<String> command, Path folder) {
    String program = command.get(0);
    Path output = folder.resolve(OUTPUT_FILE);
    Process process;
    try {
      process =
          new ProcessBuilder(command)
              .directory(folder.toFile())
              .redirectErrorStream(true)
              .redirectOutput(output.toFile())
              .start();
    } catch (IOException e) {
      throw NightscribeException.configuration(
          "Cannot run " + program + ": not installed (run scripts/setup.sh)", e);
    }
    try {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        throw NightscribeException.internal(
            "Cannot run "
                + String.join(" ", command)
                + ": still running after "
                + timeout.toSeconds()
                + " s",
            null);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw NightscribeException.internal("Cannot run " + program + ": interrupted", e);
    }
    return new Finished(process.exitValue(), read(output));
  }

  private static String read(Path output) {
    try {
      return new String(Files.readAllBytes(output), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String lastLine(String printed) {
    List<String> lines = printed.strip().lines().toList();
    return lines.isEmpty() ? "" : ": " + lines.get(lines.size() - 1).strip();
  }

  private record Finished(int exitCode, String printed) {}
}
