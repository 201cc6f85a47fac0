package io.nightscribe.testsupport;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The jars that become a test cluster's {@code SPARK_HOME/jars}: from the system property {@value
 * SparkCluster#CLASSPATH_PROPERTY} when set, else from the test JVM's class path.
 */
final class SparkRuntimeClasspath {
  /**
   * Logging backends that would compete with Spark's log4j2 binding: with logback beside it every
   * Spark process logs at DEBUG (about 36,000 lines per run), and log4j-to-slf4j with
   * log4j-slf4j2-impl makes a loop.
   */
  private static final Pattern COMPETING_LOGGING =
      Pattern.compile(
          "(logback-classic|logback-core|slf4j-simple|slf4j-nop|slf4j-jdk14|slf4j-reload4j"
              + "|slf4j-log4j12|log4j-to-slf4j|log4j-over-slf4j)-\\d.*\\.jar");

  private static final Pattern SPARK_CORE = Pattern.compile("spark-core_2\\.13-.*\\.jar");
  private static final Pattern LOG4J2_BINDING = Pattern.compile("log4j-slf4j2-impl-\\d.*\\.jar");
  private static final Logger LOG = LoggerFactory.getLogger(SparkRuntimeClasspath.class);

  private SparkRuntimeClasspath() {}

  /**
   * The jar files to link, in class-path order, one per file name.
   *
   * @throws IllegalStateException when there is no spark-core_2.13 jar among them
   */
  static List<Path> jars() {
    String explicit = System.getProperty(SparkCluster.CLASSPATH_PROPERTY);
    boolean fromProperty = explicit != null && !explicit.isBlank();
    String source =
        fromProperty
            ? "system property " + SparkCluster.CLASSPATH_PROPERTY
            : "the test class path (system property "
                + SparkCluster.CLASSPATH_PROPERTY
                + " is not set)";
    List<Path> jars =
        select(fromProperty ? expand(explicit) : System.getProperty("java.class.path", ""));
    if (jars.stream()
        .noneMatch(jar -> SPARK_CORE.matcher(jar.getFileName().toString()).matches())) {
      throw new IllegalStateException(
          "Cannot make a SPARK_HOME: no spark-core_2.13 jar in "
              + source
              + "; add org.apache.spark:spark-core_2.13 (provided) and the build-classpath"
              + " execution shown in SparkCluster's javadoc");
    }
    if (jars.stream()
        .noneMatch(jar -> LOG4J2_BINDING.matcher(jar.getFileName().toString()).matches())) {
      LOG.warn("No log4j-slf4j2-impl jar in {}: the Spark processes will log nothing", source);
    }
    return jars;
  }

  /** A class path, or {@code @FILE}: the class path written in FILE (as a build writes one). */
  private static String expand(String classPath) {
    if (!classPath.startsWith("@")) {
      return classPath;
    }
    Path file = Path.of(classPath.substring(1));
    try {
      return Files.readString(file).strip();
    } catch (IOException e) {
      throw new IllegalStateException(
          "Cannot read the Spark class path from "
              + file
              + " (system property "
              + SparkCluster.CLASSPATH_PROPERTY
              + "): build the module that writes it first ("
              + e.getMessage()
              + ")",
          e);
    }
  }

  /**
   * Keeps existing jar files (class directories cannot go into {@code jars/}: the application ships
   * its own classes), drops competing logging backends and repeated file names.
   */
  static List<Path> select(String classPath) {
    Map<String, Path> byName = new LinkedHashMap<>();
    Arrays.stream(classPath.split(Pattern.quote(File.pathSeparator)))
        .filter(entry -> !entry.isBlank())
        .map(Path::of)
        .filter(path -> path.getFileName().toString().endsWith(".jar"))
        .filter(Files::isRegularFile)
        .filter(jar -> !COMPETING_LOGGING.matcher(jar.getFileName().toString()).matches())
        .forEach(jar -> byName.putIfAbsent(jar.getFileName().toString(), jar.toAbsolutePath()));
    return List.copyOf(byName.values());
  }
}
