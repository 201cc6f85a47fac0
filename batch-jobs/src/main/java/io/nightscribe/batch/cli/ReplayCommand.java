package io.nightscribe.batch.cli;

import io.nightscribe.asr.storage.StorageUri;
import io.nightscribe.runs.execution.RunProgress;
import io.nightscribe.runs.layout.OutputLayout;
import io.nightscribe.runs.ledger.MlflowSync;
import io.nightscribe.runs.ledger.RunRow;
import io.nightscribe.runs.mlflow.MlflowMirror;
import io.nightscribe.runs.replay.ReplayRecorder;
import io.nightscribe.runs.replay.ReplayReport;
import io.nightscribe.runs.replay.Replayer;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.json.JsonMapper;

/** {@code nightscribe replay}: re-execute a finished run and prove its outputs. */
@Command(
    name = "replay",
    mixinStandardHelpOptions = true,
    description = {
      "Re-execute a finished run and prove whether its outputs are the same.",
      "Checks every input (the exact version the run read on a versioned bucket, else its sha256) and the",
      "model's sha256, transcribes the same inputs with the recorded model and settings into a separate",
      "location (never over the original) and compares every output byte for byte. Writes replay.json and",
      "replay.html there, records the replay in the ledger and mirrors it to MLflow tagged with the",
      "original run."
    },
    footer = {
      "",
      "Examples:",
      "  nightscribe replay run-5d0c8f9e-3b7a-4c1e-9d2f-0a6b4e8c1f37",
      "  nightscribe replay 8f14e45fceea167a5a36dedd4bea2543 --verify-inputs-only",
      "",
      "Exit codes: 0 IDENTICAL (or VERIFIED with --verify-inputs-only), 4 DIFFERENT, 5 INPUT_CHANGED,",
      "6 MODEL_UNAVAILABLE, 1 failed, 2 usage or configuration error."
    })
public class ReplayCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Mixin ContextOptions context;

  @Parameters(
      paramLabel = "RUN_ID",
      description = "nightscribe's run id, or the run's MLflow run id.")
  String runId;

  @Option(
      names = "--output",
      paramLabel = "URI",
      description =
          "Where the replay's transcripts and report go (default: <output root>/_replays/<replay id>/).")
  String output;

  @Option(
      names = "--verify-inputs-only",
      description = "Check the inputs and the model, without re-running.")
  boolean verifyOnly;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    try (var application =
        ApplicationContexts.transcription(context.configFile(), RunProgress.SILENT)) {
      Replayer replayer = application.getBean(Replayer.class);
      ReplayRecorder recorder = application.getBean(ReplayRecorder.class);
      RunRow original = replayer.original(runId);
      String replayId = Replayer.newReplayId();
      StorageUri location =
          output == null
              ? Replayer.defaultLocation(original, replayId)
              : parseLocation(output).asPrefix();
      Instant startedAt = application.getBean(Clock.class).instant();
      recorder.started(original, replayId, location);
      ReplayReport report = replayer.replay(original, replayId, location, verifyOnly);
      MlflowMirror.Result mirrored = recorder.finished(report, startedAt);
      var folder = new OutputLayout.ReplayFolder(location);
      if (context.json) {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("verdict", report.verdict().name());
        summary.put("summary", report.summary());
        summary.put("replayId", replayId);
        summary.put("originalRunId", original.runId());
        summary.put("report", folder.report().toString());
        summary.put("html", folder.page().toString());
        summary.put("mlflow", mirrored.state().value());
        summary.put("mlflowRunId", mirrored.mlflowRunId().orElse(null));
        out.println(application.getBean(JsonMapper.class).writeValueAsString(summary));
      } else {
        print(out, report, folder, mirrored);
      }
      return report.verdict().exitCode();
    }
  }

  private StorageUri parseLocation(String uri) {
    try {
      return StorageUri.parse(uri);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "Invalid --output: " + e.getMessage());
    }
  }

  private static void print(
      PrintWriter out,
      ReplayReport report,
      OutputLayout.ReplayFolder folder,
      MlflowMirror.Result mirrored) {
    out.printf(
        "%s: replay of run %s (%s %s): %s%n",
        report.verdict(),
        report.original().runId(),
        report.original().pipeline(),
        report.original().date() == null ? "adhoc" : report.original().date(),
        report.summary());
    for (ReplayReport.InputCheck input : report.inputs()) {
      if (!input.same()) {
        out.printf(
            "  input %s %s: %s%n", input.key(), input.status().toLowerCase(), input.detail());
      }
    }
    for (ReplayReport.OutputComparison output : report.outputs()) {
      if (!output.identical()) {
        out.printf(
            "  output %s differs%s%s%s%n",
            output.key(),
            output.wordErrorRate() == null
                ? ""
                : String.format(
                    java.util.Locale.ROOT, " (WER %.1f%%)", output.wordErrorRate() * 100),
            output.diff() == null ? "" : ": " + output.diff(),
            output.detail() == null ? "" : " [" + output.detail() + "]");
      }
    }
    for (String caveat : report.caveats().subList(1, report.caveats().size())) {
      out.println("  note: " + caveat);
    }
    out.printf("  report: %s%n  page:   %s%n", folder.report(), folder.page());
    if (mirrored.state() != MlflowSync.DISABLED) {
      out.printf(
          "  mlflow: %s%s%n",
          mirrored.state().value(), mirrored.mlflowRunId().map(id -> " " + id).orElse(""));
    }
  }
}
