package io.nightscribe.batch.cli;

import io.nightscribe.asr.NightscribeException;
import io.nightscribe.batch.config.HealthConfiguration;
import io.nightscribe.batch.config.ModelOperationsConfiguration;
import io.nightscribe.batch.config.NightscribeApplication;
import io.nightscribe.batch.config.SchedulingConfiguration;
import io.nightscribe.batch.config.TranscriptionConfiguration;
import io.nightscribe.batch.scheduler.SchedulerServiceConfiguration;
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
  /**
   * Every context but the scheduler service's leaves Quartz out: a command that started it would
   * join the cluster and fire nights itself.
   */
  private static final Map<String, Object> NO_QUARTZ =
      Map.of(
          "spring.autoconfigure.exclude",
          "org.springframework.boot.quartz.autoconfigure.QuartzAutoConfiguration");

  private ApplicationContexts() {}

  /** A context for transcription: runs, backfills, replay, lineage, the MLflow mirror. */
  static ConfigurableApplicationContext transcription(
      Optional<Path> configFile, RunProgress progress) {
    return start(configFile, progress, TranscriptionConfiguration.class);
  }

  /** A context for the schedules: listing, pausing and resuming them. */
  static ConfigurableApplicationContext scheduling(Optional<Path> configFile) {
    return start(configFile, RunProgress.SILENT, SchedulingConfiguration.class);
  }

  /**
   * A context for the health checks alone: it opens no ledger connection and runs no migration at
   * start, so a ledger that is down is reported like any other dependency.
   */
  static ConfigurableApplicationContext health(Optional<Path> configFile) {
    return start(
        configFile,
        RunProgress.SILENT,
        HealthConfiguration.class,
        WebApplicationType.NONE,
        with(NO_QUARTZ, "spring.flyway.enabled", "false"));
  }

  /**
   * The scheduler service: Quartz, and /actuator/health on {@code port} (when empty, on server.port
   * of the configuration, default 8080).
   */
  static ConfigurableApplicationContext scheduler(
      Optional<Path> configFile, Optional<Integer> port) {
    return start(
        configFile,
        RunProgress.SILENT,
        SchedulerServiceConfiguration.class,
        WebApplicationType.SERVLET,
        SchedulerServiceConfiguration.defaults(),
        port.map(p -> new String[] {"--server.port=" + p}).orElse(new String[0]));
  }

  /** A context for model operations: training and the evaluation gate. */
  static ConfigurableApplicationContext modelOperations(Optional<Path> configFile) {
    return start(configFile, RunProgress.SILENT, ModelOperationsConfiguration.class);
  }

  private static ConfigurableApplicationContext start(
      Optional<Path> configFile, RunProgress progress, Class<?> purpose) {
    return start(configFile, progress, purpose, WebApplicationType.NONE, NO_QUARTZ);
  }

  /**
   * @param defaults properties the configuration may override
   * @param arguments properties that override the configuration ({@code --key=value})
   */
  private static ConfigurableApplicationContext start(
      Optional<Path> configFile,
      RunProgress progress,
      Class<?> purpose,
      WebApplicationType web,
      Map<String, Object> defaults,
      String... arguments) {
    Map<String, Object> properties = new HashMap<>(defaults);
    configFile.ifPresent(
        file ->
            properties.put(
                "spring.config.additional-location", "optional:file:" + file.toAbsolutePath()));
    try {
      return new SpringApplicationBuilder(NightscribeApplication.class, purpose)
          .web(web)
          .bannerMode(Banner.Mode.OFF)
          .logStartupInfo(false)
          .profiles(logProfile())
          .properties(properties)
          .initializers(
              context -> context.getBeanFactory().registerSingleton("runProgress", progress))
          .run(arguments);
    } catch (RuntimeException e) {
      throw explain(e);
    }
  }

  private static Map<String, Object> with(
      Map<String, Object> properties, String key, Object value) {
    Map<String, Object> more = new HashMap<>(properties);
    more.put(key, value);
    return more;
  }

  /**
   * The profile that picks the log format: {@code NIGHTSCRIBE_LOG_FORMAT} ({@code plain} or {@code
   * json}) when set, else plain lines on a terminal and JSON lines elsewhere.
   */
  static String logProfile() {
    String format = System.getenv().getOrDefault("NIGHTSCRIBE_LOG_FORMAT", "");
    if (format.equals("plain")) {
      return "terminal";
    }
    return format.equals("json") || System.console() == null ? "json-logs" : "terminal";
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
