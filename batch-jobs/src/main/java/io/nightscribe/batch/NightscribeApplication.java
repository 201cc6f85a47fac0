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
    // models come from packages and the class path only: DJL must never reach for a model hub or
    // download native libraries at run time (set ai.djl.offline=false to allow it)
    if (System.getProperty("ai.djl.offline") == null) {
      System.setProperty("ai.djl.offline", "true");
    }
    System.exit(NightscribeCommand.execute(args));
  }
}
