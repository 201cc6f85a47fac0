package io.nightscribe.batch.cli;

import io.nightscribe.batch.config.PipelineCatalog;
import io.nightscribe.batch.config.PipelineRunners;
import io.nightscribe.runs.TranscriptionRuns;
import io.nightscribe.runs.backfill.BackfillPlan;
import io.nightscribe.runs.backfill.BackfillRecord;
import io.nightscribe.runs.backfill.BackfillStatus;
import io.nightscribe.runs.backfill.Backfills;
import io.nightscribe.runs.backfill.PartitionProgress;
import io.nightscribe.runs.backfill.PlannedPartition;
import io.nightscribe.runs.backfill.RunBy;
import io.nightscribe.runs.execution.RunProgress;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.json.JsonMapper;

/** {@code nightscribe backfill}: a pipeline's range of dates, each as its own partition. */
@Command(
    name = "backfill",
    mixinStandardHelpOptions = true,
    description = {
      "Transcribe a range of a pipeline's dates, each date as its own partition.",
      "Prints the plan (run, resume, rerun or skip each date), runs it with bounded parallelism and keeps a",
      "backfill record in the ledger. One failing date never stops the others. Issuing the same backfill",
      "again resumes it: dates it finished are skipped, failed ones retried."
    },
    subcommands = {BackfillCommand.Request.class, BackfillCommand.Status.class},
    footer = {
      "",
      "Examples:",
      "  nightscribe backfill --pipeline twi --from 2026-10-01 --to 2026-10-31 --dry-run",
      "  nightscribe backfill --pipeline twi --from 2026-10-01 --to 2026-10-31 --model file:///models/twi-v2 \\",
      "      --reprocess all --max-parallel 2 --reason 'twi-v2 is the new champion'",
      "  nightscribe backfill status backfill-3f9c0d2a6b1e4f57",
      "",
      "Exit codes: 0 every date done, 3 done with quarantined inputs, 1 some date failed,",
      "2 usage or configuration error."
    })
public class BackfillCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Mixin ContextOptions context;

  @Mixin BackfillOptions options;

  @Option(
      names = "--dry-run",
      description = "Print the plan and stop: nothing runs or is recorded.")
  boolean dryRun;

  @Option(
      names = "--runner",
      paramLabel = "in-process|spark",
      description =
          "Where the dates are transcribed (default: the pipeline's runner): in this process, or"
              + " on the Spark cluster of the pipeline's spark: block.")
  String runner;

  @Override
  public Integer call() {
    var request = options.toRequest(spec.commandLine());
    PrintWriter out = spec.commandLine().getOut();
    try (var application =
        ApplicationContexts.transcription(context.configFile(), RunProgress.SILENT)) {
      Backfills backfills =
          runner == null
              ? application.getBean(Backfills.class)
              : application
                  .getBean(TranscriptionRuns.class)
                  .backfills(
                      application.getBean(PipelineCatalog.class),
                      application.getBean(PipelineRunners.class).choosing(Optional.of(runner)));
      JsonMapper json = application.getBean(JsonMapper.class);
      BackfillPlan plan = backfills.plan(request);
      if (dryRun) {
        if (context.json) {
          out.println(json.writeValueAsString(planJson(plan)));
        } else {
          printPlan(out, plan);
        }
        return NightscribeCommand.OK;
      }
      if (!context.json) {
        printPlan(out, plan);
        out.flush();
      }
      List<PartitionProgress> outcome =
          backfills.run(
              plan,
              RunBy.COMMAND,
              partition -> {
                if (!context.json) {
                  synchronized (out) {
                    out.printf("  %s %s%n", partition.date(), describe(partition));
                    out.flush();
                  }
                }
              });
      var status = backfills.status(plan.id()).orElseThrow();
      if (context.json) {
        out.println(json.writeValueAsString(statusJson(status)));
      } else {
        printSummary(out, status);
      }
      return exitCode(outcome);
    }
  }

  static int exitCode(List<PartitionProgress> partitions) {
    if (partitions.stream().anyMatch(p -> p.status() == PartitionProgress.Status.FAILED)) {
      return NightscribeCommand.FAILED;
    }
    boolean quarantined =
        partitions.stream()
            .anyMatch(
                p ->
                    p.status() == PartitionProgress.Status.COMPLETED_WITH_QUARANTINE
                        && p.action() != PlannedPartition.Action.SKIP);
    return quarantined ? NightscribeCommand.QUARANTINED : NightscribeCommand.OK;
  }

  private static void printPlan(PrintWriter out, BackfillPlan plan) {
    var request = plan.request();
    out.printf(
        "Backfill %s%s: pipeline %s, %s to %s (%d dates), model %s, reprocess %s, max-parallel %d%n",
        plan.id(),
        plan.existing().map(b -> " (issued before: resuming)").orElse(""),
        request.pipeline(),
        request.from(),
        request.to(),
        plan.partitions().size(),
        plan.modelReference(),
        request.reprocess().optionValue(),
        request.maxParallel());
    for (PlannedPartition partition : plan.partitions()) {
      out.printf("  %s  %-6s  %s%n", partition.date(), partition.action().label(), partition.why());
    }
    out.printf(
        "Plan: %d to run, %d to resume, %d to rerun, %d to skip.%n",
        plan.count(PlannedPartition.Action.RUN),
        plan.count(PlannedPartition.Action.RESUME),
        plan.count(PlannedPartition.Action.RERUN),
        plan.count(PlannedPartition.Action.SKIP));
  }

  private static void printSummary(PrintWriter out, Backfills.Status status) {
    BackfillRecord backfill = status.backfill();
    long completed = status.count(PartitionProgress.Status.COMPLETED);
    long quarantined = status.count(PartitionProgress.Status.COMPLETED_WITH_QUARANTINE);
    out.printf(
        "Backfill %s %s: %d completed (%d with quarantined inputs), %d failed, %d skipped.%n",
        backfill.id(),
        lowerCase(backfill.status()),
        completed + quarantined,
        quarantined,
        status.count(PartitionProgress.Status.FAILED),
        status.count(PartitionProgress.Status.SKIPPED));
    for (PartitionProgress partition : status.partitions()) {
      if (partition.status() == PartitionProgress.Status.FAILED) {
        out.printf("  failed %s: %s%n", partition.date(), partition.message().orElse("?"));
      }
    }
    if (backfill.status() == BackfillStatus.FAILED) {
      out.println(
          "Fix the failed dates, then issue the same backfill again: it runs those dates alone.");
    }
  }

  private static String describe(PartitionProgress partition) {
    String run = partition.runId().map(id -> " run " + id).orElse("");
    return switch (partition.status()) {
      case FAILED -> "failed" + run + ": " + partition.message().orElse("?");
      case COMPLETED_WITH_QUARANTINE -> "completed with quarantined inputs" + run;
      default -> lowerCase(partition.status()) + run;
    };
  }

  static Map<String, Object> planJson(BackfillPlan plan) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("backfillId", plan.id());
    json.put("pipeline", plan.request().pipeline());
    json.put("from", plan.request().from().toString());
    json.put("to", plan.request().to().toString());
    json.put("model", plan.modelReference());
    json.put("reprocess", plan.request().reprocess().optionValue());
    json.put("maxParallel", plan.request().maxParallel());
    json.put("issuedBefore", plan.existing().isPresent());
    List<Map<String, Object>> partitions = new ArrayList<>();
    for (PlannedPartition partition : plan.partitions()) {
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("date", partition.date().toString());
      entry.put("action", partition.action().label());
      entry.put("why", partition.why());
      entry.put("runId", partition.runId().orElse(null));
      partitions.add(entry);
    }
    json.put("partitions", partitions);
    return json;
  }

  static Map<String, Object> statusJson(Backfills.Status status) {
    BackfillRecord backfill = status.backfill();
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("backfillId", backfill.id());
    json.put("status", backfill.status());
    json.put("pipeline", backfill.request().pipeline());
    json.put("from", backfill.request().from().toString());
    json.put("to", backfill.request().to().toString());
    json.put("model", backfill.modelReference());
    json.put("reprocess", backfill.request().reprocess().optionValue());
    json.put("maxParallel", backfill.request().maxParallel());
    json.put("reason", backfill.request().reason().orElse(null));
    json.put("requestedBy", backfill.request().requestedBy());
    json.put("requestedAt", backfill.requestedAt().toString());
    json.put("runBy", backfill.owner().map(o -> o.runBy().name()).orElse(null));
    json.put("owner", backfill.owner().map(o -> o.heartbeat().ownerText()).orElse(null));
    List<Map<String, Object>> partitions = new ArrayList<>();
    for (PartitionProgress partition : status.partitions()) {
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("date", partition.date().toString());
      entry.put("action", partition.action().label());
      entry.put("status", partition.status());
      entry.put("runId", partition.runId().orElse(null));
      entry.put("message", partition.message().orElse(null));
      partitions.add(entry);
    }
    json.put("partitions", partitions);
    return json;
  }

  /** Queues a backfill for the scheduler service. */
  @Command(
      name = "request",
      mixinStandardHelpOptions = true,
      description = {
        "Queue a backfill in the ledger as REQUESTED, for the scheduler service ('nightscribe scheduler') to take:",
        "queued backfills are taken oldest first, one process runs each (its --max-parallel holds across instances),",
        "and one whose instance died is taken over. Prints its plan and id. Issuing the same backfill with",
        "'nightscribe backfill' runs it here instead, unless the service is running it now."
      })
  static class Request implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Mixin ContextOptions context;

    @Mixin BackfillOptions options;

    @Override
    public Integer call() {
      var request = options.toRequest(spec.commandLine());
      PrintWriter out = spec.commandLine().getOut();
      try (var application =
          ApplicationContexts.transcription(context.configFile(), RunProgress.SILENT)) {
        Backfills backfills = application.getBean(Backfills.class);
        BackfillPlan plan = backfills.plan(request);
        BackfillRecord record = backfills.queue(plan);
        if (context.json) {
          out.println(
              application
                  .getBean(JsonMapper.class)
                  .writeValueAsString(statusJson(backfills.status(plan.id()).orElseThrow())));
        } else {
          printPlan(out, plan);
          out.printf(
              "Backfill %s is %s. Follow it with: nightscribe backfill status %s%n",
              record.id(), lowerCase(record.status()), record.id());
        }
        return NightscribeCommand.OK;
      }
    }
  }

  /** Shows a backfill's progress. */
  @Command(
      name = "status",
      mixinStandardHelpOptions = true,
      description = {
        "Show a backfill: who asked and why, which process runs it (a backfill command or the scheduler",
        "service), and every date's action, status and run."
      })
  static class Status implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Mixin ContextOptions context;

    @Parameters(paramLabel = "BACKFILL_ID", description = "The id a backfill printed.")
    String id;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      try (var application =
          ApplicationContexts.transcription(context.configFile(), RunProgress.SILENT)) {
        var status =
            application
                .getBean(Backfills.class)
                .status(id)
                .orElseThrow(
                    () ->
                        io.nightscribe.asr.NightscribeException.configuration(
                            "No backfill "
                                + id
                                + " in the ledger (check the id, and that --config names the same ledger)"));
        if (context.json) {
          out.println(application.getBean(JsonMapper.class).writeValueAsString(statusJson(status)));
          return NightscribeCommand.OK;
        }
        BackfillRecord backfill = status.backfill();
        var request = backfill.request();
        out.printf(
            "Backfill %s: %s%n  pipeline %s, %s to %s, model %s, reprocess %s, max-parallel %d%n",
            backfill.id(),
            lowerCase(backfill.status()),
            request.pipeline(),
            request.from(),
            request.to(),
            backfill.modelReference(),
            request.reprocess().optionValue(),
            request.maxParallel());
        out.printf(
            "  requested by %s at %s%s%n",
            request.requestedBy(),
            backfill.requestedAt(),
            request.reason().map(reason -> ": " + reason).orElse(""));
        backfill
            .owner()
            .ifPresent(
                owner ->
                    out.printf(
                        "  run by %s, last heard from at %s%n",
                        Backfills.describe(owner), owner.heartbeat().at()));
        for (PartitionProgress partition : status.partitions()) {
          out.printf(
              "  %s  %-6s  %-25s %s%s%n",
              partition.date(),
              partition.action().label(),
              partition.status(),
              partition.runId().orElse(""),
              partition.message().map(m -> "  " + m).orElse(""));
        }
        return NightscribeCommand.OK;
      }
    }
  }

  private static String lowerCase(Enum<?> status) {
    return status.name().toLowerCase(java.util.Locale.ROOT);
  }
}
