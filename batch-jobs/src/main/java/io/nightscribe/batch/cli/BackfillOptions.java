package io.nightscribe.batch.cli;

import io.nightscribe.runs.backfill.BackfillRequest;
import io.nightscribe.runs.backfill.Reprocess;
import java.time.LocalDate;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** What a backfill asks for: shared by {@code backfill} and {@code backfill request}. */
public class BackfillOptions {
  @Option(names = "--pipeline", paramLabel = "NAME", description = "The pipeline to backfill.")
  String pipeline;

  @Option(names = "--from", paramLabel = "YYYY-MM-DD", description = "The first date.")
  LocalDate from;

  @Option(names = "--to", paramLabel = "YYYY-MM-DD", description = "The last date (inclusive).")
  LocalDate to;

  @Option(
      names = "--reprocess",
      paramLabel = "none|failed|all",
      defaultValue = "none",
      description = {
        "Which dates that already completed with this model and settings run again:",
        "none (default) skips them; failed reruns those that quarantined inputs; all reruns every one.",
        "Dates that never ran are always run; failed or killed ones always resume."
      })
  String reprocess;

  @Option(
      names = "--max-parallel",
      paramLabel = "N",
      defaultValue = "1",
      description = {
        "Dates run at once (default 1). Each uses nightscribe.workers engine workers:",
        "lower the workers when you raise this."
      })
  int maxParallel;

  @Option(
      names = "--model",
      paramLabel = "REF",
      description =
          "Model reference to use instead of the pipeline's (a backfill under a new model).")
  String model;

  @Option(
      names = "--reason",
      paramLabel = "TEXT",
      description = "Why, kept in the backfill record.")
  String reason;

  @Option(
      names = "--requested-by",
      paramLabel = "NAME",
      description = "Who asks, kept in the backfill record (default: the user name).")
  String requestedBy;

  /** The request, or a usage error naming what is missing or wrong. */
  BackfillRequest toRequest(CommandLine commandLine) {
    if (pipeline == null || from == null || to == null) {
      throw new CommandLine.ParameterException(
          commandLine,
          "Missing option: a backfill needs --pipeline NAME, --from DATE and --to DATE");
    }
    try {
      return new BackfillRequest(
          pipeline,
          from,
          to,
          Reprocess.parse(reprocess),
          maxParallel,
          Optional.ofNullable(model),
          Optional.ofNullable(reason),
          requestedBy != null ? requestedBy : System.getProperty("user.name", "unknown"));
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(commandLine, e.getMessage());
    }
  }
}
