package io.nightscribe.batch.cli;

import io.nightscribe.runs.record.CodeVersion;
import picocli.CommandLine;

/** Prints the build version and git commit the code was built from. */
public class VersionProvider implements CommandLine.IVersionProvider {
  @Override
  public String[] getVersion() {
    CodeVersion code = CodeVersion.fromClasspath();
    return new String[] {"nightscribe " + code.version() + " (commit " + code.gitCommit() + ")"};
  }
}
