package io.nightscribe.testsupport;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs Prometheus's promtool (Debian package {@code prometheus}) for the rule tests: the rule
 * file's own (monitoring) and the PrometheusRule's that {@code nightscribe k8s render} writes
 * (batch-jobs).
 */
public final class Promtool {
  /** Overrides where promtool is. */
  public static final String ENV = "NIGHTSCRIBE_PROMTOOL";

  public static final String INSTALL_HINT =
      "promtool is missing: install Debian's prometheus package (apt-get install prometheus;"
          + " scripts/setup.sh does it) or set "
          + ENV
          + " to the promtool binary";

  private Promtool() {}

  /** The promtool binary, or an {@link AssertionError} with the install hint: never a skip. */
  public static Path find() {
    String override = System.getenv(ENV);
    if (override != null && !override.isBlank()) {
      Path path = Path.of(override);
      if (Files.isExecutable(path)) {
        return path;
      }
      throw new AssertionError(INSTALL_HINT + " (" + ENV + "=" + override + " is not executable)");
    }
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      Path candidate = Path.of(dir, "promtool");
      if (!dir.isEmpty() && Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    throw new AssertionError(INSTALL_HINT);
  }

  /** Runs promtool with {@code arguments}; returns its exit code and output. */
  public static Result run(List<String> arguments) {
    List<String> command = new ArrayList<>();
    command.add(find().toString());
    command.addAll(arguments);
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      byte[] output = process.getInputStream().readAllBytes();
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError("promtool did not finish within 60 s: " + command);
      }
      return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new AssertionError("Cannot run " + command, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("Interrupted running " + command, e);
    }
  }

  /** What promtool said. */
  public record Result(int exitCode, String output) {}
}
