package io.nightscribe.batch.cli;

import io.nightscribe.asr.engine.DecodingSettings;
import io.nightscribe.asr.storage.StorageUri;
import io.nightscribe.batch.config.PipelineCatalog;
import io.nightscribe.batch.config.PipelineRunners;
import io.nightscribe.runs.execution.RunProgress;
import io.nightscribe.runs.layout.OutputLayout;
import io.nightscribe.runs.ledger.MlflowSync;
import io.nightscribe.runs.ledger.RunRow;
import io.nightscribe.runs.partition.PartitionRequest;
import io.nightscribe.runs.partition.PartitionResult;
import io.nightscribe.runs.partition.PipelineDefinition;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import tools.jackson.databind.json.JsonMapper;

/** {@code nightscribe transcribe}: one pipeline night, or an ad-hoc input. */
@Command(
    name = "transcribe",
    mixinStandardHelpOptions = true,
    description = {
      "Transcribe a pipeline's partition (default: yesterday in the pipeline's time zone), or an ad-hoc input.",
      "Firing a completed partition again does nothing; a failed or killed one resumes where it stopped."
    },
    footer = {
      "",
      "Examples:",
      "  nightscribe transcribe --pipeline twi",
      "  nightscribe transcribe --pipeline twi --date 2026-11-21",
      "  nightscribe transcribe --pipeline twi --date 2026-11-21 --runner spark",
      "  nightscribe transcribe --input s3://raw/2026/11/21/ --output s3://transcripts/adhoc/",
      "",
      "Exit codes: 0 all transcribed, 3 finished with quarantined inputs, 1 failed, 2 usage or configuration error."
    })
public class TranscribeCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Mixin ContextOptions context;

  @Option(
      names = "--pipeline",
      paramLabel = "NAME",
      description = "A pipeline declared under nightscribe.pipelines.")
  String pipeline;

  @Option(
      names = "--date",
      paramLabel = "YYYY-MM-DD",
      description = "The partition date (default: yesterday).")
  LocalDate date;

  @Option(
      names = "--input",
      paramLabel = "URI",
      description = "Ad hoc: an s3:// or file:// prefix or object.")
  String input;

  @Option(
      names = "--output",
      paramLabel = "URI",
      description = "Ad hoc: where transcripts and _runs/ go.")
  String output;

  @Option(
      names = "--runner",
      paramLabel = "in-process|spark",
      description =
          "Where the audio is transcribed (default: the pipeline's runner, else in-process): in"
              + " this process, or on a Spark cluster (the pipeline's spark: block;"
              + " nightscribe.spark.ad-hoc for --input runs).")
  String runner;

  @Option(
      names = "--model",
      paramLabel = "REF",
      description =
          "Model reference (default: the pipeline's, else builtin:vosk-model-small-en-us).")
  String model;

  @Override
  public Integer call() {
    validate();
    PrintWriter out = spec.commandLine().getOut();
    RunProgress progress =
        System.console() != null && !context.json
            ? new TerminalProgress(System.err)
            : RunProgress.SILENT;
    try (var application = ApplicationContexts.transcription(context.configFile(), progress)) {
      PartitionRequest request = request(application.getBean(PipelineCatalog.class));
      PartitionResult result =
          application
              .getBean(PipelineRunners.class)
              .choosing(Optional.ofNullable(runner))
              .run(request);
      report(out, request, result, application.getBean(JsonMapper.class));
      return result.quarantined() && !result.alreadyDone()
          ? NightscribeCommand.QUARANTINED
          : NightscribeCommand.OK;
    }
  }

  private void validate() {
    boolean adhoc = input != null || output != null;
    if (pipeline == null && !adhoc) {
      throw new CommandLine.ParameterException(
          spec.commandLine(),
          "Missing input: give --pipeline NAME, or --input URI with --output URI");
    }
    if (pipeline != null && adhoc) {
      throw new CommandLine.ParameterException(
          spec.commandLine(),
          "Conflicting options: --pipeline takes its input and output from the pipeline; drop --input/--output");
    }
    if (adhoc && (input == null || output == null)) {
      throw new CommandLine.ParameterException(
          spec.commandLine(),
          "Missing option: an ad-hoc run needs both --input URI and --output URI");
    }
    if (adhoc && date != null) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "Invalid option: --date applies to --pipeline runs only");
    }
  }

  private PartitionRequest request(PipelineCatalog catalog) {
    if (pipeline == null) {
      return PartitionRequest.adhoc(
          parse(input, "--input"),
          parse(output, "--output"),
          model == null ? io.nightscribe.registry.models.ModelResolver.BUILTIN_VOSK : model,
          DecodingSettings.DEFAULTS);
    }
    PipelineDefinition definition = catalog.pipeline(pipeline);
    PartitionRequest request =
        definition.partition(date != null ? date : definition.yesterday(Clock.systemUTC()));
    return model == null ? request : request.withModel(model);
  }

  private StorageUri parse(String uri, String option) {
    try {
      return StorageUri.parse(uri);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "Invalid " + option + ": " + e.getMessage());
    }
  }

  private void report(
      PrintWriter out, PartitionRequest request, PartitionResult result, JsonMapper json) {
    RunRow run = result.run();
    OutputLayout.RunFolder records = OutputLayout.of(run.outputUri()).run(run.runId());
    String runJson = records.record().toString();
    if (context.json) {
      Map<String, Object> summary = new LinkedHashMap<>();
      summary.put("partition", request.displayName());
      summary.put("runId", run.runId());
      summary.put("status", run.status());
      summary.put("alreadyDone", result.alreadyDone());
      summary.put("runRecord", runJson);
      summary.put("mlflow", run.mlflowState().value());
      summary.put("mlflowRunId", run.mlflowRunId().orElse(null));
      out.println(json.writeValueAsString(summary));
      return;
    }
    if (result.alreadyDone()) {
      out.printf(
          "Nothing to do: %s was already completed by run %s (model %s %s, settings %s).%n",
          request.displayName(),
          run.runId(),
          run.modelName(),
          run.modelVersion(),
          run.configHash().substring(0, 12));
      return;
    }
    out.printf(
        "%s %s: run %s%n",
        request.displayName(),
        run.status().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '),
        run.runId());
    out.printf("  record: %s%n", runJson);
    if (result.quarantined()) {
      out.printf("  quarantined inputs and reasons: %s%n", records.errors());
    }
    if (run.mlflowState() != MlflowSync.DISABLED) {
      out.printf("  mlflow: %s%n", run.mlflowState().value());
    }
  }
}
