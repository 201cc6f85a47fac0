package io.nightscribe.batch.cli;

import org.springframework.boot.logging.LoggingInitializationContext;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.core.env.StandardEnvironment;

/**
 * Logging for a command that starts no Spring context, configured as a context would configure it
 * (logback-spring.xml: warnings on standard error, JSON lines off a terminal). Left alone, logback
 * logs at INFO to standard output, into the results a script reads.
 */
final class CommandLogging {
  private CommandLogging() {}

  static void configure() {
    StandardEnvironment environment = new StandardEnvironment();
    environment.setActiveProfiles(ApplicationContexts.logProfile());
    LoggingSystem logging = LoggingSystem.get(CommandLogging.class.getClassLoader());
    logging.beforeInitialize();
    logging.initialize(new LoggingInitializationContext(environment), null, null);
  }
}
