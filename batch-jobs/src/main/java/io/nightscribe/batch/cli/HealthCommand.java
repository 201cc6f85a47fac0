package io.nightscribe.batch.cli;

import io.nightscribe.batch.config.PipelineCatalog;
import io.nightscribe.runs.health.CheckResult;
import io.nightscribe.runs.health.DependencyChecks;
import io.nightscribe.runs.health.HealthCheck;
import io.nightscribe.runs.health.HealthChecks;
import io.nightscribe.runs.health.HealthReport;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import tools.jackson.databind.json.JsonMapper;

/** {@code nightscribe health}: is everything a night needs up? */
@Command(
    name = "health",
    mixinStandardHelpOptions = true,
    description = {
      "Check what nights depend on, each within nightscribe.health.deadline (default 10 s): the ledger database,",
      "MLflow (when configured) and, for each pipeline (or --pipeline P), its input (the prefix of the night it",
      "would run now is listable), its output (a probe object under <output>/_health/ is written and deleted), its",
      "model (resolved, digest verified) and its engine (loads the model; sees the GPUs asked for with --gpus).",
      "Pipelines on one model share its model and engine checks (the model is loaded once). A check whose",
      "dependency is down is skipped, so the first line marked DOWN is the cause. Runs as a CronJob's init container",
      "as well as by hand."
    },
    footer = {
      "",
      "Examples:",
      "  nightscribe health",
      "  nightscribe health --pipeline twi --json",
      "",
      "Exit codes: 0 every dependency up, 1 a dependency is down (named on standard error with why),",
      "2 usage or configuration error."
    })
public class HealthCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Mixin ContextOptions context;

  @Option(
      names = "--pipeline",
      paramLabel = "NAME",
      description = "Check this pipeline only (default: every declared pipeline).")
  String pipeline;

  @Option(
      names = "--gpus",
      paramLabel = "N",
      defaultValue = "0",
      description = "GPUs the engine must see (default 0: the CPU is enough).")
  int gpus;

  @Override
  public Integer call() {
    if (gpus < 0) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "Invalid --gpus " + gpus + ": give 0 or more");
    }
    PrintWriter out = spec.commandLine().getOut();
    try (var application = ApplicationContexts.health(context.configFile())) {
      DependencyChecks checks = application.getBean(DependencyChecks.class);
      PipelineCatalog catalog = application.getBean(PipelineCatalog.class);
      List<HealthCheck> all = new ArrayList<>(checks.shared());
      List<String> names = pipeline == null ? catalog.names() : List.of(pipeline);
      all.addAll(checks.pipelines(names.stream().map(catalog::pipeline).toList(), gpus));
      HealthReport report = application.getBean(HealthChecks.class).run(all);
      if (context.json) {
        out.println(application.getBean(JsonMapper.class).writeValueAsString(json(report)));
      } else {
        print(out, report);
      }
      if (!report.healthy()) {
        spec.commandLine().getErr().println("nightscribe: " + report.summary());
        return NightscribeCommand.FAILED;
      }
      return NightscribeCommand.OK;
    }
  }

  private static void print(PrintWriter out, HealthReport report) {
    int width = report.checks().stream().mapToInt(c -> c.dependency().length()).max().orElse(0) + 2;
    for (CheckResult check : report.checks()) {
      out.printf(
          "%-" + width + "s %-7s %s (%d ms)%n",
          check.dependency(),
          check.status(),
          check.detail(),
          check.took().toMillis());
    }
    out.println(report.summary());
  }

  private static Map<String, Object> json(HealthReport report) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("status", report.healthy() ? "UP" : "DOWN");
    json.put("down", report.firstDown().map(CheckResult::dependency).orElse(null));
    json.put("summary", report.summary());
    List<Map<String, Object>> checks = new ArrayList<>();
    for (CheckResult check : report.checks()) {
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("dependency", check.dependency());
      entry.put("status", check.status());
      entry.put("detail", check.detail());
      entry.put("millis", check.took().toMillis());
      checks.add(entry);
    }
    json.put("checks", checks);
    return json;
  }
}
