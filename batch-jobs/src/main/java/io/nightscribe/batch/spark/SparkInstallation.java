package io.nightscribe.batch.spark;

import io.nightscribe.asr.NightscribeException;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What submits the nightscribe Spark application: the distribution's {@code bin/spark-submit} when
 * {@code SPARK_HOME} has one, else {@code java -cp ... org.apache.spark.deploy.SparkSubmit} on the
 * Spark jars the build resolved (spark-inference's {@code target/spark-runtime.classpath}), with
 * the JVM options Spark's own launcher would add. Either way the application is the spark-inference
 * jar and the jars of its class path, which executors load from the same paths ({@code
 * spark.executor.extraClassPath}): on this machine's cluster, or in the image every pod runs.
 *
 * @param sparkHome a Spark distribution, if one is installed
 * @param application the spark-inference jar
 * @param applicationClasspath the jars it needs beside Spark
 * @param sparkClasspath Spark's jars, to run SparkSubmit without a distribution
 * @param java the java launcher for that case
 */
public record SparkInstallation(
    Optional<Path> sparkHome,
    Path application,
    List<Path> applicationClasspath,
    List<Path> sparkClasspath,
    Path java) {

  static final String SUBMIT_MAIN = "org.apache.spark.deploy.SparkSubmit";

  /**
   * The module options and Netty settings Spark's launcher adds to every Spark JVM on Java 17+
   * (org.apache.spark.launcher.JavaModuleOptions); a driver started by plain {@code java} needs
   * them too.
   */
  private static final List<String> SPARK_JVM_OPTIONS =
      List.of(
          "-XX:+IgnoreUnrecognizedVMOptions",
          "--add-modules=jdk.incubator.vector",
          "--add-opens=java.base/java.lang=ALL-UNNAMED",
          "--add-opens=java.base/java.lang.invoke=ALL-UNNAMED",
          "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
          "--add-opens=java.base/java.io=ALL-UNNAMED",
          "--add-opens=java.base/java.net=ALL-UNNAMED",
          "--add-opens=java.base/java.nio=ALL-UNNAMED",
          "--add-opens=java.base/java.util=ALL-UNNAMED",
          "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
          "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
          "--add-opens=java.base/jdk.internal.ref=ALL-UNNAMED",
          "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
          "--add-opens=java.base/sun.nio.cs=ALL-UNNAMED",
          "--add-opens=java.base/sun.security.action=ALL-UNNAMED",
          "--add-opens=java.base/sun.util.calendar=ALL-UNNAMED",
          "-Dio.netty.tryReflectionSetAccessible=true");

  /**
   * Finds the installation.
   *
   * @param sparkHome {@code SPARK_HOME}, or empty
   * @param application the spark-inference jar
   * @param applicationClasspath a file holding its class path (as the build writes it)
   * @param sparkClasspath a file holding Spark's class path, or empty where a distribution is used
   * @throws NightscribeException CONFIGURATION naming what is missing and how to get it
   */
  public static SparkInstallation locate(
      Optional<Path> sparkHome,
      Optional<Path> application,
      Optional<Path> applicationClasspath,
      Optional<Path> sparkClasspath) {
    Optional<Path> distribution =
        sparkHome.filter(home -> Files.isExecutable(home.resolve("bin/spark-submit")));
    Path jar =
        application
            .filter(Files::isRegularFile)
            .orElseThrow(
                () ->
                    missing(
                        "the nightscribe Spark application (nightscribe.spark.application: "
                            + application.map(Path::toString).orElse("not set")
                            + ")"));
    List<Path> classpath =
        readClasspath(applicationClasspath, "nightscribe.spark.application-classpath");
    List<Path> spark =
        distribution.isPresent()
            ? List.of()
            : readClasspath(sparkClasspath, "nightscribe.spark.runtime-classpath");
    return new SparkInstallation(
        distribution,
        jar,
        classpath,
        spark,
        Path.of(System.getProperty("java.home"), "bin", "java"));
  }

  /**
   * The command that submits in client mode, up to (not including) SparkSubmit's own arguments.
   *
   * @param driverMemory the driver's heap in Spark's notation
   */
  public List<String> submitCommand(String driverMemory) {
    List<String> command = new ArrayList<>();
    if (sparkHome.isPresent()) {
      command.add(sparkHome.get().resolve("bin/spark-submit").toString());
      command.addAll(List.of("--driver-class-path", joined(applicationClasspath)));
      return command;
    }
    command.add(java.toString());
    command.addAll(SPARK_JVM_OPTIONS);
    command.add("-Xmx" + heap(driverMemory));
    List<Path> driverClasspath = new ArrayList<>(sparkClasspath);
    driverClasspath.add(application);
    driverClasspath.addAll(applicationClasspath);
    command.addAll(List.of("-cp", joined(driverClasspath)));
    command.add(SUBMIT_MAIN);
    return command;
  }

  /** The executors' extra class path: the application and its jars. */
  public String executorClasspath() {
    List<Path> entries = new ArrayList<>();
    entries.add(application);
    entries.addAll(applicationClasspath);
    return joined(entries);
  }

  /** Where the submitting process finds Spark's configuration ({@code SPARK_HOME}). */
  public Map<String, String> environment() {
    return sparkHome.map(home -> Map.of("SPARK_HOME", home.toString())).orElse(Map.of());
  }

  /** Spark reads a size without unit as MiB, the JVM as bytes. */
  private static String heap(String sparkMemory) {
    return sparkMemory.chars().allMatch(Character::isDigit) ? sparkMemory + "m" : sparkMemory;
  }

  private static String joined(List<Path> entries) {
    return String.join(File.pathSeparator, entries.stream().map(Path::toString).toList());
  }

  private static List<Path> readClasspath(Optional<Path> file, String key) {
    Path path =
        file.filter(Files::isRegularFile)
            .orElseThrow(
                () ->
                    missing(
                        "the class path file "
                            + key
                            + " ("
                            + file.map(Path::toString).orElse("not set")
                            + ")"));
    try {
      return Arrays.stream(Files.readString(path).strip().split(Pattern.quote(File.pathSeparator)))
          .filter(entry -> !entry.isBlank())
          .map(Path::of)
          .toList();
    } catch (IOException e) {
      throw NightscribeException.configuration(
          "Cannot read " + key + " " + path + ": " + e.getMessage(), e);
    }
  }

  private static NightscribeException missing(String what) {
    return NightscribeException.configuration(
        "Cannot run on Spark: "
            + what
            + " does not exist (build it with mvn package, or run scripts/nightscribe, which"
            + " points nightscribe.spark.* at the build)");
  }
}
