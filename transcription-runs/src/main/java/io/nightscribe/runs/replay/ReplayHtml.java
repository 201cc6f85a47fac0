package io.nightscribe.runs.replay;

import static io.nightscribe.runs.html.Html.escape;

import io.nightscribe.runs.replay.ReplayReport.InputCheck;
import io.nightscribe.runs.replay.ReplayReport.OutputComparison;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/** Renders a replay report as one self-contained HTML page for auditors. */
public final class ReplayHtml {
  private ReplayHtml() {}

  public static String render(ReplayReport report) {
    StringBuilder html = new StringBuilder();
    html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
        .append("<title>Replay of ")
        .append(escape(report.original().runId()))
        .append("</title><style>")
        .append("body{font-family:sans-serif;margin:2em;max-width:75em}")
        .append(
            "table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:.3em .6em;")
        .append("text-align:left;vertical-align:top}code{font-size:.9em}")
        .append(".IDENTICAL,.VERIFIED,.SAME{color:#060}.DIFFERENT,.CHANGED,.MISSING,")
        .append(".INPUT_CHANGED,.MODEL_UNAVAILABLE{color:#a00}")
        .append("del{background:#fdd}ins{background:#dfd}</style></head><body>\n");
    html.append("<h1>Replay of run <code>")
        .append(escape(report.original().runId()))
        .append("</code>: <span class=\"")
        .append(report.verdict())
        .append("\">")
        .append(report.verdict())
        .append("</span></h1>\n<p>")
        .append(escape(report.summary()))
        .append("</p>\n<table>");
    row(html, "Replay", report.replayId());
    row(html, "Pipeline", report.original().pipeline());
    row(html, "Date", String.valueOf(report.original().date()));
    row(html, "Input", report.original().input());
    row(html, "Original transcripts", report.original().transcripts());
    row(html, "Replay location", report.location());
    row(html, "MLflow run of the original", String.valueOf(report.original().mlflowRunId()));
    row(
        html,
        "Model",
        report.model().reference()
            + " ("
            + report.model().name()
            + " "
            + report.model().version()
            + ", sha256 "
            + report.model().recordedSha256()
            + ")");
    row(html, "Model check", report.model().available() ? "available" : report.model().detail());
    html.append("</table>\n");

    html.append("<h2>Environment</h2>\n<table><tr><th></th><th>original</th><th>replay</th></tr>");
    Map<String, String> original = report.environment().get("original");
    Map<String, String> replay = report.environment().get("replay");
    TreeSet<String> keys = new TreeSet<>(original.keySet());
    keys.addAll(replay.keySet());
    for (String key : keys) {
      html.append("<tr><th>")
          .append(escape(key))
          .append("</th><td>")
          .append(escape(original.getOrDefault(key, "")))
          .append("</td><td>")
          .append(escape(replay.getOrDefault(key, "")))
          .append("</td></tr>");
    }
    html.append("</table>\n<ul>");
    for (String caveat : report.caveats()) {
      html.append("<li>").append(escape(caveat)).append("</li>");
    }
    html.append("</ul>\n");

    html.append(
        "<h2>Inputs</h2>\n<table><tr><th>key</th><th>version</th><th>check</th><th>detail</th></tr>");
    for (InputCheck input : report.inputs()) {
      html.append("<tr><td><code>")
          .append(escape(input.key()))
          .append("</code></td><td>")
          .append(escape(String.valueOf(input.versionId())))
          .append("</td><td class=\"")
          .append(input.status())
          .append("\">")
          .append(input.status())
          .append("</td><td>")
          .append(escape(input.detail() == null ? "" : input.detail()))
          .append("</td></tr>");
    }
    html.append("</table>\n");

    if (!report.outputs().isEmpty()) {
      html.append("<h2>Outputs</h2>\n<table><tr><th>key</th><th>result</th><th>WER</th>")
          .append("<th>replay against original</th></tr>");
      for (OutputComparison output : report.outputs()) {
        String result = output.identical() ? "SAME" : "DIFFERENT";
        html.append("<tr><td><code>")
            .append(escape(output.key()))
            .append("</code></td><td class=\"")
            .append(result)
            .append("\">")
            .append(result)
            .append("</td><td>")
            .append(
                output.wordErrorRate() == null
                    ? ""
                    : String.format(Locale.ROOT, "%.1f%%", output.wordErrorRate() * 100))
            .append("</td><td>")
            .append(output.diff() == null ? "" : diff(output.diff()))
            .append(output.detail() == null ? "" : " " + escape(output.detail()))
            .append("</td></tr>");
      }
      html.append("</table>\n");
    }
    return html.append("</body></html>\n").toString();
  }

  private static void row(StringBuilder html, String name, String value) {
    html.append("<tr><th>")
        .append(escape(name))
        .append("</th><td>")
        .append(escape(value))
        .append("</td></tr>");
  }

  /** The word diff with its markers as del/ins elements. */
  private static String diff(String diff) {
    return escape(diff)
        .replace("[-", "<del>")
        .replace("-]", "</del>")
        .replace("{+", "<ins>")
        .replace("+}", "</ins>");
  }
}
