package io.nightscribe.batch.cli;

import io.nightscribe.asr.NightscribeException;
import io.nightscribe.batch.config.ModelOperationsConfiguration;
import io.nightscribe.batch.config.NightscribeApplication;
import io.nightscribe.batch.config.TranscriptionConfiguration;
import io.nightscribe.runs.execution.RunProgress;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Starts the Spring context for a command with the wiring of its purpose, turning start-up failures
 * into one-line configuration errors.
 */
final class ApplicationContexts {
  private ApplicationContexts() {}

  /** A context for transcription: runs, backfills, replay, lineage, the MLflow mirror. */
  static ConfigurableApplicationContext transcription(
      Optional<Path> configFile, RunProgress progress) {
    return start(configFile, progress, TranscriptionConfiguration.class);
  }

  /** A context for model operations: training and the evaluation gate. */
  static ConfigurableApplicationContext modelOperations(Optional<Path> configFile) {
    return start(configFile, RunProgress.SILENT, ModelOperationsConfiguration.class);
  }

  private static ConfigurableApplicationContext start(
      Optional<Path> configFile, RunProgress progress, Class<?> purpose) {
    Map<String, Object> properties = new HashMap<>();
    configFile.ifPresent(
        file ->
            properties.put(
                "spring.config.additional-location", "optional:file:" + file.toAbsolutePath()));
    try {
      return new SpringApplicationBuilder(NightscribeApplication.class, purpose)
          .web(WebApplicationType.NONE)
          .bannerMode(Banner.Mode.OFF)
          .logStartupInfo(false)
          .profiles(logProfile())
          .properties(properties)
          .initializers(
              context -> context.getBeanFactory().registerSingleton("runProgress", progress))
          .run();
    } catch (RuntimeException e) {
      throw explain(e);
    }
  }

  /** The profile that picks the log format: plain lines on a terminal, JSON lines elsewhere. */
  static String logProfile() {
    return System.console() == null ? "json-logs" : "terminal";
  }

  private static RuntimeException explain(RuntimeException e) {
    Throwable root = e;
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof NightscribeException known) {
        return known;
      }
      root = t;
    }
    if (root instanceof java.sql.SQLException || root instanceof java.net.ConnectException) {
      return NightscribeException.configuration(
          "Cannot open the ledger database: "
              + root.getMessage()
              + " (check spring.datasource.url and credentials)",
          e);
    }
    return NightscribeException.configuration("Cannot start nightscribe: " + root.getMessage(), e);
  }
}
