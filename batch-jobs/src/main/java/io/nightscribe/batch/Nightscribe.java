package io.nightscribe.batch;

import io.nightscribe.batch.cli.NightscribeCommand;

/**
 * The {@code nightscribe} command's entry point. The command line is parsed before anything starts,
 * so --help and usage errors answer at once; a command that needs the ledger starts the Spring
 * application itself.
 */
public final class Nightscribe {
  private Nightscribe() {}

  public static void main(String[] args) {
    // models come from packages and the class path only: DJL must never reach for a model hub or
    // download native libraries at run time (set ai.djl.offline=false to allow it)
    if (System.getProperty("ai.djl.offline") == null) {
      System.setProperty("ai.djl.offline", "true");
    }
    System.exit(NightscribeCommand.execute(args));
  }
}
