package io.nightscribe.testsupport;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One {@code spark-submit} in client mode: the application jar and main class, {@code --conf}
 * settings, extra jars and arguments. Build it with {@link #of} and the {@code with*} methods; each
 * returns a new value.
 *
 * <p>The driver runs in the submitting child JVM: {@code spark.driver.memory} becomes its {@code
 * -Xmx} and {@code spark.driver.extraJavaOptions} its options (split at whitespace), as the
 * spark-submit script would do; {@code spark.driver.extraClassPath} is not applied, use {@link
 * #withDriverClasspath}.
 *
 * @param appJar the application jar; executors fetch it from the driver
 * @param mainClass the class whose {@code main} runs in the driver
 * @param conf {@code --conf} settings in order; these override the cluster's defaults
 * @param jars more jars for driver and executors ({@code --jars})
 * @param driverClasspath more entries for the driver JVM's class path only
 * @param args the application's arguments
 * @param timeout how long {@link SparkCluster#submit} waits before killing the driver
 */
public record SparkSubmission(
    Path appJar,
    String mainClass,
    Map<String, String> conf,
    List<Path> jars,
    List<Path> driverClasspath,
    List<String> args,
    Duration timeout) {
  private static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(3);

  public SparkSubmission {
    if (appJar == null || mainClass == null || mainClass.isBlank()) {
      throw new IllegalArgumentException(
          "Invalid submission: an app jar and a main class are needed");
    }
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("Invalid submission timeout " + timeout + ": positive");
    }
    conf = Collections.unmodifiableMap(new LinkedHashMap<>(conf));
    jars = List.copyOf(jars);
    driverClasspath = List.copyOf(driverClasspath);
    args = List.copyOf(args);
  }

  /** A submission of {@code mainClass} from {@code appJar}, no settings, a 3-minute timeout. */
  public static SparkSubmission of(Path appJar, String mainClass) {
    return new SparkSubmission(
        appJar, mainClass, Map.of(), List.of(), List.of(), List.of(), DEFAULT_TIMEOUT);
  }

  public SparkSubmission withConf(String key, String value) {
    Map<String, String> more = new LinkedHashMap<>(conf);
    more.put(key, value);
    return new SparkSubmission(appJar, mainClass, more, jars, driverClasspath, args, timeout);
  }

  public SparkSubmission withJars(Path... more) {
    return new SparkSubmission(
        appJar, mainClass, conf, concat(jars, List.of(more)), driverClasspath, args, timeout);
  }

  public SparkSubmission withDriverClasspath(Path... more) {
    return new SparkSubmission(
        appJar, mainClass, conf, jars, concat(driverClasspath, List.of(more)), args, timeout);
  }

  public SparkSubmission withArgs(String... more) {
    return new SparkSubmission(
        appJar, mainClass, conf, jars, driverClasspath, concat(args, List.of(more)), timeout);
  }

  public SparkSubmission withTimeout(Duration limit) {
    return new SparkSubmission(appJar, mainClass, conf, jars, driverClasspath, args, limit);
  }

  private static <T> List<T> concat(List<T> first, List<T> second) {
    List<T> all = new ArrayList<>(first);
    all.addAll(second);
    return all;
  }
}
