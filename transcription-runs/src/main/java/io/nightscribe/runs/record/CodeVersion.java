package io.nightscribe.runs.record;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * The version of the code that ran: the build version and the git commit it was built from, read
 * from the git.properties the build writes.
 *
 * @param version the Maven version
 * @param gitCommit the full commit id, with "-dirty" when the tree had changes; "unknown" outside a
 *     git checkout
 */
public record CodeVersion(String version, String gitCommit) {

  /** Reads the version the build stamped into the class path. */
  public static CodeVersion fromClasspath() {
    Properties git = new Properties();
    try (InputStream in = CodeVersion.class.getResourceAsStream("/nightscribe-git.properties")) {
      if (in != null) {
        git.load(in);
      }
    } catch (IOException e) {
      throw new IllegalStateException("Cannot read nightscribe-git.properties", e);
    }
    String commit = git.getProperty("git.commit.id.full", "unknown");
    boolean dirty = Boolean.parseBoolean(git.getProperty("git.dirty", "false"));
    String version = git.getProperty("git.build.version", "unknown");
    return new CodeVersion(version, dirty ? commit + "-dirty" : commit);
  }
}
