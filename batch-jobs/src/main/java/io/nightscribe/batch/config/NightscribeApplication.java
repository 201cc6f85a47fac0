package io.nightscribe.batch.config;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Import;

/**
 * The nightscribe application. {@link #main} parses the command line first, so --help and usage
 * errors answer at once; a command that needs the ledger starts a Spring context with the wiring of
 * its purpose only ({@link io.nightscribe.batch.config.TranscriptionConfiguration} or {@link
 * io.nightscribe.batch.config.ModelOperationsConfiguration}), beside what every command shares.
 */
@SpringBootConfiguration
@EnableAutoConfiguration(
    excludeName = {
      "org.springframework.boot.batch.autoconfigure.BatchAutoConfiguration",
      "org.springframework.boot.batch.autoconfigure.BatchJobLauncherAutoConfiguration"
    })
@ConfigurationPropertiesScan
@Import(CoreConfiguration.class)
public class NightscribeApplication {}
