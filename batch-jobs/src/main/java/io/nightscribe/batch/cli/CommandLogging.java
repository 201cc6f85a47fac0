package io.nightscribe.batch.cli;

import java.util.Map;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingInitializationContext;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

/**
 * Logging for a command that starts no Spring context, configured as a context configures it:
 * logback-spring.xml (standard error, JSON lines off a terminal) and application.yml's levels
 * (nightscribe's own lines at INFO, others from WARN). Left alone, logback logs at INFO to standard
 * output, into the results a script reads.
 */
final class CommandLogging {
  private CommandLogging() {}

  static void configure() {
    StandardEnvironment environment = new StandardEnvironment();
    environment.setActiveProfiles(ApplicationContexts.logProfile());
    environment
        .getPropertySources()
        .addFirst(
            new MapPropertySource(
                "nightscribe-logging",
                Map.of("logging.structured.json.customizer", RedactingLogMembers.class.getName())));
    LoggingSystem logging = LoggingSystem.get(CommandLogging.class.getClassLoader());
    logging.beforeInitialize();
    logging.initialize(new LoggingInitializationContext(environment), null, null);
    logging.setLogLevel("io.nightscribe", LogLevel.INFO);
  }
}
