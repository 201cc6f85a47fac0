package io.nightscribe.batch.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Options every command that opens the ledger shares. */
public class ContextOptions {
  @Option(
      names = "--config",
      paramLabel = "FILE",
      description =
          "Configuration file (YAML). Default: $NIGHTSCRIBE_CONFIG, else ./nightscribe.yml if present.")
  Path config;

  @Option(names = "--json", description = "Print the result as JSON on standard output.")
  boolean json;

  /** The configuration file to load, if any; an explicitly named file must exist. */
  java.util.Optional<Path> configFile() {
    return configFile(config);
  }

  /**
   * The configuration file to load: {@code config} when given (it must exist), else
   * $NIGHTSCRIBE_CONFIG, else ./nightscribe.yml if present.
   */
  static java.util.Optional<Path> configFile(Path config) {
    if (config != null) {
      if (!Files.isRegularFile(config)) {
        throw io.nightscribe.asr.NightscribeException.configuration(
            "Cannot read configuration " + config + ": no such file (fix --config)");
      }
      return java.util.Optional.of(config);
    }
    String fromEnvironment = System.getenv("NIGHTSCRIBE_CONFIG");
    if (fromEnvironment != null && !fromEnvironment.isBlank()) {
      Path path = Path.of(fromEnvironment);
      if (!Files.isRegularFile(path)) {
        throw io.nightscribe.asr.NightscribeException.configuration(
            "Cannot read configuration " + path + ": no such file (fix NIGHTSCRIBE_CONFIG)");
      }
      return java.util.Optional.of(path);
    }
    Path local = Path.of("nightscribe.yml");
    return Files.isRegularFile(local) ? java.util.Optional.of(local) : java.util.Optional.empty();
  }
}
