package io.nightscribe.batch.cli;

import io.nightscribe.scheduling.NightRecord;
import io.nightscribe.scheduling.NightSlot;
import io.nightscribe.scheduling.PipelineSchedule;
import io.nightscribe.scheduling.ScheduleBook;
import io.nightscribe.scheduling.ScheduleEntry;
import java.io.PrintWriter;
import java.time.ZonedDateTime;
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
import tools.jackson.databind.json.JsonMapper;

/** {@code nightscribe schedule}: the pipelines' schedules, as the scheduler service fires them. */
@Command(
    name = "schedule",
    mixinStandardHelpOptions = true,
    description = {
      "List, pause and resume the schedules the scheduler service fires. A pause is kept in the ledger: every",
      "instance of the service honours it from its next poll."
    },
    subcommands = {
      ScheduleCommand.ListSchedules.class,
      ScheduleCommand.Pause.class,
      ScheduleCommand.Resume.class
    },
    footer = {
      "",
      "Examples:",
      "  nightscribe schedule list",
      "  nightscribe schedule pause --pipeline twi --reason 'bucket migration tonight'",
      "  nightscribe schedule resume --pipeline twi"
    })
public class ScheduleCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(
        spec.commandLine(), "Missing command: try 'nightscribe schedule list'");
  }

  /** {@code schedule list}. */
  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description = {
        "Show each scheduled pipeline: its cron and time zone, whether it is paused, its next fire times with the",
        "night each covers (the day before, in the pipeline's zone), and the latest night the service fired."
      })
  static class ListSchedules implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Mixin ContextOptions context;

    @Option(names = "--pipeline", paramLabel = "NAME", description = "This pipeline only.")
    String pipeline;

    @Option(
        names = "--next",
        paramLabel = "N",
        defaultValue = "3",
        description = "How many next fire times to show (default 3).")
    int next;

    @Override
    public Integer call() {
      if (next < 1) {
        throw new CommandLine.ParameterException(
            spec.commandLine(), "Invalid --next " + next + ": give 1 or more");
      }
      PrintWriter out = spec.commandLine().getOut();
      try (var application = ApplicationContexts.scheduling(context.configFile())) {
        ScheduleBook book = application.getBean(ScheduleBook.class);
        List<PipelineSchedule> schedules =
            pipeline == null ? book.list(next) : List.of(book.show(pipeline, next));
        if (context.json) {
          List<Map<String, Object>> json = new ArrayList<>();
          schedules.forEach(s -> json.add(json(s)));
          out.println(application.getBean(JsonMapper.class).writeValueAsString(json));
        } else if (schedules.isEmpty()) {
          out.println(
              "No pipeline is scheduled (set nightscribe.pipelines.<name>.schedule, e.g. \"30 2 * * *\").");
        } else {
          schedules.forEach(s -> print(out, s));
        }
        return NightscribeCommand.OK;
      }
    }
  }

  /** {@code schedule pause}. */
  @Command(
      name = "pause",
      mixinStandardHelpOptions = true,
      description = {
        "Pause a pipeline's schedule on every instance of the service: no night fires until it is resumed.",
        "A night running now runs to its end."
      })
  static class Pause implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Mixin ContextOptions context;

    @Mixin Change change;

    @Override
    public Integer call() {
      return change.apply(
          spec, context, (book, by) -> book.pause(change.pipeline, by, change.reason()));
    }
  }

  /** {@code schedule resume}. */
  @Command(
      name = "resume",
      mixinStandardHelpOptions = true,
      description = {
        "Resume a paused pipeline's schedule from now: its next fire time runs. Nights whose fire time passed while",
        "it was paused do not run; run them with 'nightscribe backfill' if they are wanted."
      })
  static class Resume implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Mixin ContextOptions context;

    @Mixin Change change;

    @Override
    public Integer call() {
      return change.apply(
          spec, context, (book, by) -> book.resume(change.pipeline, by, change.reason()));
    }
  }

  /** What pausing and resuming take. */
  static class Change {
    @Option(
        names = "--pipeline",
        paramLabel = "NAME",
        required = true,
        description = "The pipeline.")
    String pipeline;

    @Option(names = "--reason", paramLabel = "TEXT", description = "Why, kept in the ledger.")
    String reason;

    @Option(
        names = "--by",
        paramLabel = "NAME",
        description = "Who, kept in the ledger (default: the user name).")
    String by;

    Optional<String> reason() {
      return Optional.ofNullable(reason);
    }

    interface Action {
      PipelineSchedule apply(ScheduleBook book, String by);
    }

    int apply(CommandLine.Model.CommandSpec spec, ContextOptions context, Action action) {
      PrintWriter out = spec.commandLine().getOut();
      try (var application = ApplicationContexts.scheduling(context.configFile())) {
        PipelineSchedule schedule =
            action.apply(
                application.getBean(ScheduleBook.class),
                by != null ? by : System.getProperty("user.name", "unknown"));
        if (context.json) {
          out.println(application.getBean(JsonMapper.class).writeValueAsString(json(schedule)));
        } else {
          print(out, schedule);
        }
        return NightscribeCommand.OK;
      }
    }
  }

  private static void print(PrintWriter out, PipelineSchedule schedule) {
    out.printf(
        "%s: \"%s\" in %s, %s%n",
        schedule.pipeline(),
        schedule.schedule().expression(),
        schedule.zone(),
        schedule
            .entry()
            .filter(ScheduleEntry::paused)
            .map(
                e ->
                    "PAUSED by "
                        + e.changedBy().orElse("?")
                        + " at "
                        + e.changedAt()
                        + e.reason().map(r -> ": " + r).orElse(""))
            .orElse("active"));
    for (NightSlot slot : schedule.upcoming()) {
      out.printf(
          "  next %s  night %s%n",
          ZonedDateTime.ofInstant(slot.scheduledFor(), schedule.zone()), slot.date());
    }
    schedule
        .latest()
        .ifPresent(
            night ->
                out.printf(
                    "  last night %s %s%s%n",
                    night.date(),
                    night.status(),
                    night.runId().map(run -> " (run " + run + ")").orElse("")));
  }

  private static Map<String, Object> json(PipelineSchedule schedule) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("pipeline", schedule.pipeline());
    json.put("schedule", schedule.schedule().expression());
    json.put("timeZone", schedule.zone().getId());
    json.put("paused", schedule.paused());
    schedule
        .entry()
        .ifPresent(
            entry -> {
              json.put("changedBy", entry.changedBy().orElse(null));
              json.put("reason", entry.reason().orElse(null));
              json.put("changedAt", entry.changedAt().toString());
            });
    List<Map<String, Object>> next = new ArrayList<>();
    for (NightSlot slot : schedule.upcoming()) {
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("fireTime", slot.scheduledFor().toString());
      entry.put("date", slot.date().toString());
      next.add(entry);
    }
    json.put("next", next);
    json.put("lastNight", schedule.latest().map(ScheduleCommand::json).orElse(null));
    return json;
  }

  private static Map<String, Object> json(NightRecord night) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("date", night.date().toString());
    json.put("status", night.status());
    json.put("runId", night.runId().orElse(null));
    json.put("firedAs", night.firedAs());
    return json;
  }
}
