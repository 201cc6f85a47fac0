package io.nightscribe.batch;

import io.nightscribe.batch.cli.NightscribeCommand;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The nightscribe application. {@link #main} parses the command line first, so --help and usage
 * errors answer at once; commands that need the ledger or the job start the Spring context
 * themselves.
 */
@SpringBootApplication(
    excludeName = {
      "org.springframework.boot.batch.autoconfigure.BatchAutoConfiguration",
      "org.springframework.boot.batch.autoconfigure.BatchJobLauncherAutoConfiguration"
    })
@ConfigurationPropertiesScan
public class NightscribeApplication {

  public static void main(String[] args) {
    System.exit(NightscribeCommand.execute(args));
  }
}
