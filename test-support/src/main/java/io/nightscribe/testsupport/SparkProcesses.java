package io.nightscribe.testsupport;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Starts the JVMs of a test cluster: master, workers and client-mode drivers. */
final class SparkProcesses {
  /**
   * The class path's Scala build, read by the launcher code in the worker when it starts executors.
   */
  private static final String SCALA_VERSION = "2.13";

  private final SparkHome home;
  private final Path javaBin;

  SparkProcesses(SparkHome home) {
    this.home = home;
    this.javaBin = Path.of(System.getProperty("java.home"), "bin", "java");
  }

  /**
   * Starts {@code java <jvmOptions> -cp <SPARK_HOME class path + extra> <mainClass> <args>} bound
   * to {@code localIp}, its stdout and stderr appended to {@code log}.
   */
  Process start(
      List<String> jvmOptions,
      List<Path> extraClasspath,
      String mainClass,
      List<String> args,
      String localIp,
      Path log) {
    List<String> command = new ArrayList<>();
    command.add(javaBin.toString());
    command.addAll(jvmOptions);
    command.add("-cp");
    StringBuilder classPath = new StringBuilder(home.classPath());
    extraClasspath.forEach(entry -> classPath.append(File.pathSeparator).append(entry));
    command.add(classPath.toString());
    command.add(mainClass);
    command.addAll(args);
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(home.root().toFile())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    configure(builder.environment(), localIp);
    try {
      return builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot start " + mainClass + " with " + javaBin, e);
    }
  }

  private void configure(Map<String, String> env, String localIp) {
    // a developer's own Spark or Hadoop settings would reach the workers' executors: drop them
    env.keySet().removeIf(key -> key.startsWith("SPARK_") || key.startsWith("PYSPARK_"));
    env.remove("HADOOP_CONF_DIR");
    env.put("SPARK_HOME", home.root().toString());
    // else Spark binds to the first non-loopback interface it finds
    env.put("SPARK_LOCAL_IP", localIp);
    // else the worker's executor launch fails: "Cannot find any build directories"
    env.put("SPARK_SCALA_VERSION", SCALA_VERSION);
  }
}
