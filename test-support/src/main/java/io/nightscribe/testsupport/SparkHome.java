package io.nightscribe.testsupport;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A Spark distribution made of links: {@code jars/} links to the runtime jars, {@code conf/} holds
 * {@code log4j2.properties}. Workers start executors with {@code
 * $SPARK_HOME/conf:$SPARK_HOME/jars/*}, so this folder is what every Spark process of a test
 * cluster runs.
 */
final class SparkHome {
  /**
   * WARN, as a default Spark process prints ~150 INFO lines; the master's and workers' own INFO
   * lines stay: one per registration, launch and removal, which is what a fault test's log needs.
   */
  private static final String LOG4J2 =
      """
      rootLogger.level = warn
      rootLogger.appenderRef.stderr.ref = stderr
      appender.stderr.type = Console
      appender.stderr.name = stderr
      appender.stderr.target = SYSTEM_ERR
      appender.stderr.layout.type = PatternLayout
      appender.stderr.layout.pattern = %d{HH:mm:ss.SSS} %p %c{1}: %m%n%ex
      logger.master.name = org.apache.spark.deploy.master.Master
      logger.master.level = info
      logger.worker.name = org.apache.spark.deploy.worker.Worker
      logger.worker.level = info
      """;

  private final Path root;

  private SparkHome(Path root) {
    this.root = root;
  }

  /** Creates {@code root} with links to {@code jars}. */
  static SparkHome create(Path root, List<Path> jars) {
    try {
      Files.createDirectories(root.resolve("jars"));
      Files.createDirectories(root.resolve("conf"));
      for (Path jar : jars) {
        Files.createSymbolicLink(root.resolve("jars").resolve(jar.getFileName()), jar);
      }
      Files.writeString(root.resolve("conf").resolve("log4j2.properties"), LOG4J2);
      return new SparkHome(root);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot make a SPARK_HOME in " + root, e);
    }
  }

  Path root() {
    return root;
  }

  /** The class path of every Spark JVM, as the worker builds it for executors. */
  String classPath() {
    return root.resolve("conf") + File.pathSeparator + root.resolve("jars") + "/*";
  }

  /**
   * Writes an executable resource discovery script printing {@code addresses} as {@code
   * resourceName}, the way a real GPU node's script reports its devices.
   */
  Path discoveryScript(String fileName, String resourceName, List<String> addresses) {
    String json =
        addresses.stream().map(a -> "\"" + a + "\"").collect(Collectors.joining(",", "[", "]"));
    Path script = root.resolve("discovery").resolve(fileName);
    try {
      Files.createDirectories(script.getParent());
      Files.writeString(
          script,
          "#!/bin/sh\necho '{\"name\":\"" + resourceName + "\",\"addresses\":" + json + "}'\n");
      Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
      return script;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the discovery script " + script, e);
    }
  }
}
