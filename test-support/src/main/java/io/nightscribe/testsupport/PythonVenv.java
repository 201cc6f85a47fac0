package io.nightscribe.testsupport;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The project's Python virtualenv, which scripts/setup.sh fills (MLflow, moto, onnx,
 * kubernetes-validate): {@code $NIGHTSCRIBE_VENV}, else {@code ~/.cache/nightscribe/mlflow-venv}.
 */
public final class PythonVenv {
  /** Overrides where the virtualenv is. */
  public static final String ENVIRONMENT_VARIABLE = "NIGHTSCRIBE_VENV";

  private PythonVenv() {}

  /** The virtualenv's folder, whether it exists or not. */
  public static Path location() {
    String override = System.getenv(ENVIRONMENT_VARIABLE);
    return override != null && !override.isBlank()
        ? Path.of(override)
        : Path.of(System.getProperty("user.home"), ".cache", "nightscribe", "mlflow-venv");
  }

  /**
   * A program of the virtualenv's {@code bin/}.
   *
   * @throws IllegalStateException when it is not there, naming the script that installs it
   */
  public static Path program(String name) {
    Path program = location().resolve("bin").resolve(name);
    if (!Files.isExecutable(program)) {
      throw new IllegalStateException(
          "No "
              + program
              + ": run scripts/setup.sh (scripts/test.sh does), which installs it, or set "
              + ENVIRONMENT_VARIABLE
              + " to the virtualenv that has it");
    }
    return program;
  }
}
