package io.nightscribe.batch.testing;

import io.nightscribe.testsupport.S3Endpoint;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The packaged application jar run as its own process through the {@code scripts/nightscribe}
 * launcher, with the start-up archive the build prepared for it: what a user and a CronJob run, and
 * a process a test can kill -9 (the launcher execs the JVM, so the process is the JVM). Its JVM
 * options are {@code -Xmx1g}, or the {@code nightscribe.java-options} property's (the integration
 * tests' pom sets them).
 */
public final class NightscribeProcess {
  private static final Duration TIMEOUT = Duration.ofMinutes(5);

  private final Path workDir;
  private final Map<String, String> environment = new HashMap<>();
  private int launches;

  /** A launcher whose processes run in {@code workDir} and write their output there. */
  public NightscribeProcess(Path workDir) {
    this.workDir = workDir;
  }

  /** Points the AWS SDK of the child at {@code s3}, through the standard environment variables. */
  public NightscribeProcess withS3(S3Endpoint s3) {
    environment.put("AWS_ENDPOINT_URL_S3", s3.uri().toString());
    environment.put("AWS_ACCESS_KEY_ID", s3.accessKeyId());
    environment.put("AWS_SECRET_ACCESS_KEY", s3.secretAccessKey());
    environment.put("AWS_REGION", s3.region());
    return this;
  }

  public NightscribeProcess withEnvironment(String name, String value) {
    environment.put(name, value);
    return this;
  }

  /** Runs {@code nightscribe ARGS...} to its end. */
  public Finished run(String... args) throws IOException, InterruptedException {
    return start(args).await();
  }

  /** Starts {@code nightscribe ARGS...} and returns at once. */
  public Running start(String... args) throws IOException {
    Files.createDirectories(workDir);
    int launch = ++launches;
    Path stdout = workDir.resolve("launch-" + launch + ".out");
    Path stderr = workDir.resolve("launch-" + launch + ".err");
    List<String> command = new ArrayList<>(List.of(launcher().toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(workDir.toFile())
            .redirectOutput(stdout.toFile())
            .redirectError(stderr.toFile());
    // the child must see only what the test gives it, not the developer's own set-up
    builder.environment().keySet().removeIf(name -> name.startsWith("NIGHTSCRIBE_"));
    builder.environment().keySet().removeIf(name -> name.startsWith("AWS_"));
    builder.environment().remove("JAVA_OPTS");
    builder.environment().put("NIGHTSCRIBE_JAR", jar().toString());
    builder.environment().put("NIGHTSCRIBE_APP_CACHE", preparedAppCache().toString());
    builder
        .environment()
        .put("JAVA_OPTS", System.getProperty("nightscribe.java-options", "-Xmx1g"));
    builder.environment().putAll(environment);
    return new Running(builder.start(), stdout, stderr);
  }

  private static Path launcher() {
    return existing("nightscribe.launcher", "launcher");
  }

  /**
   * Where the build prepared the launcher's start-up archive (the pre-integration-test phase runs
   * the launcher once): without it every process would start slowly and the first one would also
   * print the preparation, so its absence fails the test rather than passing it slowly.
   */
  private static Path preparedAppCache() throws IOException {
    Path cache = Path.of(System.getProperty("nightscribe.app-cache", ""));
    try (var archives = Files.find(cache, 2, (file, attributes) -> file.endsWith("app.jsa"))) {
      if (archives.findAny().isEmpty()) {
        throw new IllegalStateException(
            "No start-up archive under "
                + cache
                + ": the launcher could not prepare one; run 'mvn verify' and read its"
                + " prepare-startup-archive output");
      }
    }
    return cache;
  }

  private static Path existing(String property, String what) {
    String file = System.getProperty(property);
    if (file == null || !Files.isRegularFile(Path.of(file))) {
      throw new IllegalStateException(
          "No " + what + " at " + file + ": run integration tests through 'mvn verify'");
    }
    return Path.of(file);
  }

  private static Path jar() {
    return existing("nightscribe.jar", "application jar");
  }

  /** A started process. */
  public record Running(Process process, Path stdout, Path stderr) {
    public Finished await() throws IOException, InterruptedException {
      if (!process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError("nightscribe did not finish in " + TIMEOUT + ": " + read(stderr));
      }
      return new Finished(process.exitValue(), read(stdout), read(stderr));
    }

    /** SIGKILL: no shutdown hook, no finally block, nothing flushed. */
    public void kill() throws InterruptedException {
      process.destroyForcibly();
      process.waitFor();
    }

    private static String read(Path file) throws IOException {
      return Files.readString(file, StandardCharsets.UTF_8);
    }
  }

  /** What a finished process left. */
  public record Finished(int exitCode, String stdout, String stderr) {
    @Override
    public String toString() {
      return "exit " + exitCode + "\n--- stdout\n" + stdout + "\n--- stderr\n" + stderr;
    }
  }
}
