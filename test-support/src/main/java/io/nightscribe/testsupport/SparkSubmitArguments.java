package io.nightscribe.testsupport;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The command-line arguments of {@code org.apache.spark.deploy.SparkSubmit} for a submission. */
final class SparkSubmitArguments {
  private SparkSubmitArguments() {}

  /**
   * The driver JVM's options: {@code spark.driver.memory} as {@code -Xmx} (default 1g) and {@code
   * spark.driver.extraJavaOptions} split at whitespace (no quoting), as the spark-submit script
   * would apply them; SparkSubmit itself ignores both in client mode.
   */
  static List<String> driverJvmOptions(SparkSubmission submission) {
    List<String> options = new ArrayList<>();
    options.add("-Xmx" + heap(submission.conf().getOrDefault("spark.driver.memory", "1g")));
    String extra = submission.conf().getOrDefault("spark.driver.extraJavaOptions", "").strip();
    if (!extra.isEmpty()) {
      options.addAll(List.of(extra.split("\\s+")));
    }
    return options;
  }

  /** Spark reads a memory size without unit as MiB, the JVM as bytes. */
  private static String heap(String sparkMemory) {
    return sparkMemory.chars().allMatch(Character::isDigit) ? sparkMemory + "m" : sparkMemory;
  }

  /**
   * Client mode with the driver on {@code driverHost}; the submission's settings come after the
   * defaults, so they win (SparkSubmit keeps the last {@code --conf} of a key).
   */
  static List<String> of(String masterUrl, String driverHost, SparkSubmission submission) {
    Map<String, String> conf = new LinkedHashMap<>();
    // executors connect back to the driver: it must listen where they can reach it, on loopback
    conf.put("spark.driver.host", driverHost);
    conf.put("spark.driver.bindAddress", driverHost);
    // a UI per test application costs a port and a second; nobody looks at it
    conf.put("spark.ui.enabled", "false");
    // the progress bar's carriage returns would garble the captured output
    conf.put("spark.ui.showConsoleProgress", "false");
    conf.putAll(submission.conf());
    List<String> args = new ArrayList<>();
    args.addAll(List.of("--master", masterUrl, "--deploy-mode", "client"));
    conf.forEach((key, value) -> args.addAll(List.of("--conf", key + "=" + value)));
    if (!submission.jars().isEmpty()) {
      args.add("--jars");
      args.add(submission.jars().stream().map(Path::toString).collect(Collectors.joining(",")));
    }
    args.addAll(List.of("--class", submission.mainClass()));
    args.add(submission.appJar().toString());
    args.addAll(submission.args());
    return args;
  }
}
