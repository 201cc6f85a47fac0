package io.nightscribe.batch.cli;

import io.nightscribe.runs.execution.RunProgress;
import io.nightscribe.runs.report.NightDetail;
import io.nightscribe.runs.report.NightReport;
import io.nightscribe.runs.report.NightReportHtml;
import io.nightscribe.runs.report.NightReports;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
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

/** {@code nightscribe report}: a pipeline's nights as one HTML page. */
@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    description = {
      "Write a pipeline's nights as one self-contained HTML page (inline SVG charts, no scripts).",
      "Over the date range: audio hours, night duration, real-time factor, quarantines by stage and"
          + " drift",
      "scores against their thresholds, with model changes marked. For one night (the latest"
          + " unless",
      "--night): its slowest objects, its quarantined objects with reasons and its confidence"
          + " histogram",
      "against a reference. Counts come from the ledger, times and drift from run.json."
    },
    footer = {
      "",
      "Examples:",
      "  nightscribe report --pipeline calls",
      "  nightscribe report --pipeline calls --from 2026-11-01 --to 2026-11-30 --output"
          + " november.html",
      "",
      "Exit codes: 0 written, 1 failed, 2 usage or configuration error."
    })
public class ReportCommand implements Callable<Integer> {
  private static final int DEFAULT_DAYS = 14;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Mixin ContextOptions context;

  @Option(names = "--pipeline", required = true, paramLabel = "NAME", description = "The pipeline.")
  String pipeline;

  @Option(
      names = "--from",
      paramLabel = "DATE",
      description = "First night of the range (default: " + DEFAULT_DAYS + " nights before --to).")
  LocalDate from;

  @Option(
      names = "--to",
      paramLabel = "DATE",
      description = "Last night of the range (default: today).")
  LocalDate to;

  @Option(
      names = "--night",
      paramLabel = "DATE",
      description = "The night to show up close (default: the latest night in the range).")
  LocalDate night;

  @Option(
      names = "--reference",
      paramLabel = "PROFILE_JSON",
      description = {
        "A drift profile (a model package's reference profile, or a good night's profile.json) to"
            + " hold",
        "the night's confidences against (default: the other nights of the report)."
      })
  Path reference;

  @Option(
      names = "--output",
      paramLabel = "FILE",
      description = "Where to write the page (default: ./report-<pipeline>-<to>.html).")
  Path output;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    if (from != null && to != null && to.isBefore(from)) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "Invalid range: --to " + to + " is before --from " + from);
    }
    try (var application =
        ApplicationContexts.transcription(context.configFile(), RunProgress.SILENT)) {
      LocalDate last = to != null ? to : LocalDate.now(application.getBean(Clock.class));
      LocalDate first = from != null ? from : last.minusDays(DEFAULT_DAYS - 1);
      if (last.isBefore(first)) {
        throw new CommandLine.ParameterException(
            spec.commandLine(),
            "Invalid range: --from " + first + " is after today's " + last + " (give --to too)");
      }
      NightReports reports = application.getBean(NightReports.class);
      Optional<NightDetail.Reference> against =
          Optional.ofNullable(reference)
              .map(file -> reports.reference(file.toString(), read(file)));
      NightReport report;
      try {
        report = reports.report(pipeline, first, last, Optional.ofNullable(night), against);
      } catch (IllegalArgumentException e) {
        throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
      }
      Path page = output != null ? output : Path.of("report-" + pipeline + "-" + last + ".html");
      write(page, NightReportHtml.render(report));
      if (context.json) {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("pipeline", pipeline);
        summary.put("from", first.toString());
        summary.put("to", last.toString());
        summary.put("nights", report.nights().size());
        summary.put("night", report.detail().map(d -> d.night().date().toString()).orElse(null));
        summary.put("html", page.toAbsolutePath().toString());
        out.println(application.getBean(JsonMapper.class).writeValueAsString(summary));
      } else {
        out.printf(
            "Report of %s, %s to %s: %d %s%s%n  page: %s%n",
            pipeline,
            first,
            last,
            report.nights().size(),
            report.nights().size() == 1 ? "night" : "nights",
            report.detail().map(d -> ", night " + d.night().date() + " up close").orElse(""),
            page.toAbsolutePath());
      }
      return NightscribeCommand.OK;
    }
  }

  private byte[] read(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "Cannot read --reference " + file + ": " + e.getMessage());
    }
  }

  private static void write(Path page, String html) {
    try {
      Path folder = page.toAbsolutePath().getParent();
      Files.createDirectories(folder);
      Files.writeString(page, html);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot write the report to " + page + ": " + e.getMessage(), e);
    }
  }
}
