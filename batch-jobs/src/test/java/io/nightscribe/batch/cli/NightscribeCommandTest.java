package io.nightscribe.batch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Usage errors answer at once, with exit code 2 and one line naming the fix, before anything
 * starts.
 */
class NightscribeCommandTest {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private PrintStream originalOut;
  private PrintStream originalErr;

  @BeforeEach
  void captureOutput() {
    originalOut = System.out;
    originalErr = System.err;
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @AfterEach
  void restoreOutput() {
    System.setOut(originalOut);
    System.setErr(originalErr);
  }

  @Test
  void transcribeWithoutInputIsAUsageError() {
    int exit = NightscribeCommand.execute("transcribe");

    assertThat(exit).isEqualTo(2);
    assertThat(stderr())
        .startsWith(
            "nightscribe: Missing input: give --pipeline NAME, or --input URI with --output URI");
  }

  @Test
  void pipelineAndAdhocInputConflict() {
    int exit =
        NightscribeCommand.execute("transcribe", "--pipeline", "twi", "--input", "s3://b/k/");

    assertThat(exit).isEqualTo(2);
    assertThat(stderr())
        .contains("Conflicting options: --pipeline takes its input and output from the pipeline");
  }

  @Test
  void adhocNeedsAnOutput() {
    int exit = NightscribeCommand.execute("transcribe", "--input", "s3://b/k/");

    assertThat(exit).isEqualTo(2);
    assertThat(stderr())
        .contains("Missing option: an ad-hoc run needs both --input URI and --output URI");
  }

  @Test
  void malformedDateIsAUsageError() {
    int exit =
        NightscribeCommand.execute("transcribe", "--pipeline", "twi", "--date", "21/11/2026");

    assertThat(exit).isEqualTo(2);
    assertThat(stderr()).contains("--date").contains("21/11/2026");
  }

  @Test
  void aReportRangeEndingBeforeItStartsIsAUsageError() {
    int exit =
        NightscribeCommand.execute(
            "report", "--pipeline", "twi", "--from", "2026-11-30", "--to", "2026-11-01");

    assertThat(exit).isEqualTo(2);
    assertThat(stderr())
        .startsWith("nightscribe: Invalid range: --to 2026-11-01 is before --from 2026-11-30");
  }

  @Test
  void missingConfigFileIsAConfigurationError() {
    int exit =
        NightscribeCommand.execute(
            "transcribe", "--pipeline", "twi", "--config", "/nonexistent/ns.yml");

    assertThat(exit).isEqualTo(2);
    assertThat(stderr())
        .isEqualTo(
            "nightscribe: Cannot read configuration /nonexistent/ns.yml: no such file (fix"
                + " --config)\n");
  }

  @Test
  void helpDescribesExitCodes() {
    int exit = NightscribeCommand.execute("transcribe", "--help");

    assertThat(exit).isZero();
    assertThat(stdout())
        .contains("--pipeline=NAME")
        .contains("Exit codes: 0 all transcribed, 3 finished with quarantined inputs");
  }

  @Test
  void noCommandIsAUsageError() {
    assertThat(NightscribeCommand.execute()).isEqualTo(2);
    assertThat(stderr()).contains("Missing command: try 'nightscribe --help'");
  }

  @Test
  void aRealOnlyDatasetTakesNoSentenceCount() {
    int exit =
        NightscribeCommand.execute(
            "dataset", "build", "--output", "file:///tmp/d/", "--real-only", "--sentences", "5");

    assertThat(exit).isEqualTo(2);
    assertThat(stderr())
        .startsWith(
            "nightscribe: Invalid --sentences with --real-only: the real slice synthesizes"
                + " nothing\n");
  }

  @Test
  void aDatasetIsEitherRealOnlyOrWithoutReal() {
    int exit =
        NightscribeCommand.execute(
            "dataset", "build", "--output", "file:///tmp/d/", "--real-only", "--no-real");

    assertThat(exit).isEqualTo(2);
    assertThat(stderr()).contains("--real-only, --no-real are mutually exclusive");
  }

  @Test
  void aDatasetOutputMustBeAStorageUri() {
    int exit = NightscribeCommand.execute("dataset", "build", "--output", "ftp://host/d/");

    assertThat(exit).isEqualTo(2);
    assertThat(stderr())
        .startsWith(
            "nightscribe: Invalid --output: Invalid storage URI: ftp://host/d/ (use"
                + " s3://bucket/prefix/ or file:///folder/)\n");
  }

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(
      strings = {
        "transcribe",
        "backfill",
        "backfill request",
        "backfill status",
        "schedule list",
        "schedule pause",
        "schedule resume",
        "scheduler",
        "health",
        "replay",
        "lineage",
        "report",
        "models register",
        "models evaluate",
        "models promote",
        "models rollback",
        "score",
        "dataset build",
        "mlflow sync",
        "train"
      })
  void everyHelpFormatsCleanly(String command) {
    List<String> args = new java.util.ArrayList<>(List.of(command.split(" ")));
    args.add("--help");

    int exit = NightscribeCommand.execute(args.toArray(String[]::new));

    assertThat(exit).isZero();
    assertThat(stdout()).startsWith("Usage: nightscribe " + command);
    assertThat(stderr()).doesNotContain("Could not format");
  }

  @Test
  void datasetHelpNamesTheLayoutAndExitCodes() {
    int exit = NightscribeCommand.execute("dataset", "build", "--help");

    assertThat(exit).isZero();
    assertThat(stdout())
        .contains("--output=URI")
        .contains("audio/<slice>/<id>.wav")
        .contains("30% of them")
        .contains("Exit codes: 0 built; 1 failed");
  }

  private String stderr() {
    return err.toString(StandardCharsets.UTF_8);
  }

  private String stdout() {
    return out.toString(StandardCharsets.UTF_8);
  }
}
