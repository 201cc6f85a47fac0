package io.nightscribe.runs.record;

import java.util.Map;
import java.util.TreeMap;

/** The JVM and operating system this process runs on, as run records and replays name them. */
public final class HostEnvironment {
  private HostEnvironment() {}

  /** "jvm" and "os" entries, sorted. */
  public static Map<String, String> describe() {
    Map<String, String> environment = new TreeMap<>();
    environment.put(
        "jvm",
        System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
    environment.put(
        "os",
        System.getProperty("os.name")
            + " "
            + System.getProperty("os.version")
            + " "
            + System.getProperty("os.arch"));
    return environment;
  }
}
