package io.nightscribe.batch.testing;

import io.nightscribe.batch.plain.PlainNight;
import io.nightscribe.testsupport.PostgresServer;
import io.nightscribe.testsupport.S3Endpoint;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@link PlainNight} run as its own process on a class path without any Spring jar: the run core
 * driven by a plain {@code main}, against a ledger database in the shared PostgreSQL and an S3
 * server.
 */
public final class PlainNightProcess {
  private final Path workDir;
  private final S3Endpoint s3;

  public PlainNightProcess(Path workDir, S3Endpoint s3) {
    this.workDir = workDir;
    this.s3 = s3;
  }

  /**
   * Runs {@code PlainNight} over one pipeline's night to its end.
   *
   * @param mode "run" for the whole night, "plan" to plan its run and stop
   */
  public Finished run(
      String ledgerUrl,
      String pipeline,
      String inputTemplate,
      String outputRoot,
      String date,
      String mode)
      throws Exception {
    PostgresServer postgres = PostgresServer.shared();
    String springFree =
        Files.readString(Path.of(System.getProperty("spring-free.classpath"))).strip();
    String testClasses =
        Path.of(PlainNight.class.getProtectionDomain().getCodeSource().getLocation().toURI())
            .toString();
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dlogback.configurationFile=" + Path.of(testClasses, "plain-night-logback.xml"),
                "-cp",
                testClasses + File.pathSeparator + springFree,
                PlainNight.class.getName(),
                ledgerUrl,
                postgres.user(),
                postgres.password(),
                Path.of("..", "sql").toAbsolutePath().normalize().toString(),
                workDir.resolve("plain-models").toString(),
                pipeline,
                inputTemplate,
                outputRoot,
                date,
                mode));
    Files.createDirectories(workDir);
    Path out = workDir.resolve("plain-" + System.nanoTime() + ".out");
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile());
    builder.environment().put("AWS_ENDPOINT_URL_S3", s3.uri().toString());
    builder.environment().put("AWS_ACCESS_KEY_ID", s3.accessKeyId());
    builder.environment().put("AWS_SECRET_ACCESS_KEY", s3.secretAccessKey());
    builder.environment().put("AWS_REGION", s3.region());
    Process process = builder.start();
    if (!process.waitFor(5, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new AssertionError(
          "The plain night did not finish in 5 minutes: " + Files.readString(out));
    }
    return new Finished(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
  }

  /** What the plain main printed, and how it ended. */
  public record Finished(int exitCode, String stdout) {
    @Override
    public String toString() {
      return "exit " + exitCode + "\n" + stdout;
    }
  }
}
