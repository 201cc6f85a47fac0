package io.nightscribe.batch;

import static org.assertj.core.api.Assertions.assertThat;

import io.nightscribe.batch.testing.NightscribeProcess;
import io.nightscribe.testsupport.S3Endpoint;
import io.nightscribe.testsupport.S3ProxyServer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a user sees when the set-up is wrong: exit 2 and one line naming the problem and the fix.
 */
class ConfigurationErrorsIT {
  @TempDir Path workDir;

  @Test
  void anUnknownPipelineIsNamedWithTheOnesThatExist() throws Exception {
    var result =
        new NightscribeProcess(workDir)
            .run(
                "transcribe",
                "--pipeline",
                "nope",
                "--config",
                config("s3://any/{date}/").toString());

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
    assertThat(lastLine(result.stderr())).contains("nope").contains("calls");
  }

  @Test
  void aMissingBucketIsNamed() throws Exception {
    S3Endpoint s3 = S3ProxyServer.shared().endpoint();
    var result =
        new NightscribeProcess(workDir)
            .withS3(s3)
            .run(
                "transcribe",
                "--pipeline",
                "calls",
                "--date",
                "2026-11-21",
                "--config",
                config("s3://no-such-bucket-here/{date}/").toString());

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
    assertThat(lastLine(result.stderr())).contains("no-such-bucket-here").contains("bucket");
  }

  @Test
  void missingCredentialsAreNamedWithWhereToPutThem() throws Exception {
    var result =
        new NightscribeProcess(workDir)
            .withEnvironment("AWS_REGION", "us-east-1")
            .withEnvironment("AWS_CONFIG_FILE", workDir.resolve("none").toString())
            .withEnvironment("AWS_SHARED_CREDENTIALS_FILE", workDir.resolve("none").toString())
            .withEnvironment("AWS_EC2_METADATA_DISABLED", "true")
            .run(
                "transcribe",
                "--pipeline",
                "calls",
                "--date",
                "2026-11-21",
                "--config",
                config("s3://some-bucket/{date}/").toString());

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
    assertThat(lastLine(result.stderr())).containsIgnoringCase("credentials").contains("AWS_");
  }

  private Path config(String input) throws Exception {
    return Files.writeString(
        workDir.resolve("nightscribe.yml"),
        """
        nightscribe:
          home: %s
          pipelines:
            calls:
              input: %s
              output: file://%s/
        """
            .formatted(workDir.resolve("home"), input, workDir.resolve("out")));
  }

  /** The user-facing line: logs go to standard error too, as JSON lines, before it. */
  private static String lastLine(String stderr) {
    String[] lines = stderr.strip().split("\n");
    String last = lines[lines.length - 1];
    assertThat(last).startsWith("nightscribe: ");
    return last;
  }
}
