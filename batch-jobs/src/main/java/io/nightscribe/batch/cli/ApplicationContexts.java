package io.nightscribe.batch.cli;

import io.nightscribe.asr.NightscribeException;
import io.nightscribe.batch.NightscribeApplication;
import io.nightscribe.batch.job.RunProgress;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Starts the Spring context for a command, turning start-up failures into one-line configuration
 * errors.
 */
final class ApplicationContexts {
  private ApplicationContexts() {}

  static ConfigurableApplicationContext start(Optional<Path> configFile, RunProgress progress) {
    Map<String, Object> properties = new HashMap<>();
    configFile.ifPresent(
        file ->
            properties.put(
                "spring.config.additional-location", "optional:file:" + file.toAbsolutePath()));
    try {
      return new SpringApplicationBuilder(NightscribeApplication.class)
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
