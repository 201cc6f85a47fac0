package io.nightscribe.batch.cli;

import io.nightscribe.asr.storage.StorageUri;
import io.nightscribe.runs.execution.RunProgress;
import io.nightscribe.runs.lineage.LineageTracer;
import io.nightscribe.runs.lineage.TranscriptLineage;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** {@code nightscribe lineage}: from a transcript to the run, model and data behind it. */
@Command(
    name = "lineage",
    mixinStandardHelpOptions = true,
    description = {
      "Trace a transcript to the run, source audio, model and training data behind it.",
      "Shows the runs that wrote exactly its bytes, its source audio (version and sha256), the model version,",
      "and the training run and dataset digest behind that model where nightscribe trained it."
    },
    footer = {
      "",
      "Example:",
      "  nightscribe lineage s3://transcripts/twi/date=2026-11-21/calls/0001.wav.json --json",
      "",
      "Exit codes: 0 traced, 1 no run in the ledger wrote these bytes there (or it is no transcript),",
      "2 usage or configuration error."
    })
public class LineageCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Mixin ContextOptions context;

  @Parameters(paramLabel = "TRANSCRIPT_URI", description = "An s3:// or file:// transcript.")
  String transcript;

  @Override
  public Integer call() {
    StorageUri uri;
    try {
      uri = StorageUri.parse(transcript);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "Invalid TRANSCRIPT_URI: " + e.getMessage());
    }
    PrintWriter out = spec.commandLine().getOut();
    try (var application =
        ApplicationContexts.transcription(context.configFile(), RunProgress.SILENT)) {
      TranscriptLineage lineage = application.getBean(LineageTracer.class).trace(uri);
      if (context.json) {
        out.println(
            application
                .getBean(JsonMapper.class)
                .rebuild()
                .enable(SerializationFeature.INDENT_OUTPUT)
                .build()
                .writeValueAsString(lineage));
        return NightscribeCommand.OK;
      }
      out.printf("Transcript %s%n  sha256 %s%n", lineage.transcript(), lineage.sha256());
      for (TranscriptLineage.Run run : lineage.runs()) {
        out.printf(
            "  written by run %s (%s, pipeline %s%s, %s)%n    record: %s%n",
            run.runId(),
            run.jobKind(),
            run.pipeline(),
            run.date() == null ? "" : ", date " + run.date(),
            run.status(),
            run.runRecord());
        if (run.mlflowRunId() != null) {
          out.printf("    mlflow run: %s%n", run.mlflowRunId());
        }
        if (run.backfillId() != null) {
          out.printf("    backfill: %s%n", run.backfillId());
        }
      }
      var source = lineage.source();
      out.printf(
          "  source: %s%s%n    sha256 %s%n",
          source.uri(),
          source.versionId() == null ? "" : " (version " + source.versionId() + ")",
          source.sha256());
      var model = lineage.model();
      out.printf(
          "  model: %s %s (%s)%n    sha256 %s%n    %s%n",
          model.name(), model.version(), model.reference(), model.sha256(), model.origin());
      out.printf(
          "    training run: %s%n    dataset digest: %s%n",
          model.trainingRun() == null ? "none" : model.trainingRun(),
          model.datasetDigest() == null ? "none" : model.datasetDigest());
      out.printf("  settings: config hash %s%n", lineage.configHash());
      return NightscribeCommand.OK;
    }
  }
}
