package io.nightscribe.runs.report;

import static io.nightscribe.runs.html.Html.escape;
import static io.nightscribe.runs.report.SvgChart.number;

import io.nightscribe.runs.report.NightDetail.QuarantinedObject;
import io.nightscribe.runs.report.NightDetail.Reference;
import io.nightscribe.runs.report.NightDetail.TimedObject;
import io.nightscribe.runs.report.NightDrift.KindScore;
import io.nightscribe.runs.report.SvgChart.Line;
import io.nightscribe.runs.report.SvgChart.Series;
import io.nightscribe.runs.report.SvgChart.Shape;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Renders a {@link NightReport} as one self-contained HTML page: inline CSS and SVG, no scripts, no
 * external fonts or images, so it opens anywhere, offline, and can be mailed as it is. Numbers that
 * a chart draws are also on its elements ({@code data-value}) and in the tables ({@code
 * data-field}).
 */
public final class NightReportHtml {
  /**
   * The drift levels' default thresholds (monitoring's DriftThresholds): drawn as lines so a score
   * reads against them. A pipeline configured with other thresholds still gets its level from
   * run.json.
   */
  static final List<Line> DRIFT_THRESHOLDS =
      List.of(
          new Line("warn", 0.10, "#c90"),
          new Line("alert", 0.25, "#d60"),
          new Line("retrain", 0.50, "#c00"));

  private static final String[] PALETTE = {"#3b6ea5", "#d1495b", "#edae49", "#66a182", "#8d6a9f"};
  private static final int BINS = 10;

  private NightReportHtml() {}

  public static String render(NightReport report) {
    StringBuilder html = new StringBuilder();
    String title = "Nights of " + report.pipeline() + ", " + report.from() + " to " + report.to();
    html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
        .append("<title>")
        .append(escape(title))
        .append("</title><style>")
        .append("body{font-family:sans-serif;margin:2em;max-width:80em;color:#222}")
        .append(".charts{display:flex;flex-wrap:wrap;gap:1em}")
        .append("figure{margin:0;border:1px solid #ddd;padding:.5em}figcaption{font-weight:bold}")
        .append("table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;")
        .append("padding:.3em .6em;text-align:left;vertical-align:top}td.n{text-align:right}")
        .append(".note{color:#666;font-style:italic}code{font-size:.9em}")
        .append("</style></head><body>\n<h1>")
        .append(escape(title))
        .append("</h1>\n");
    if (report.nights().isEmpty()) {
      html.append(
          "<p class=\"note\">No nightly or backfill run of this pipeline in the range.</p>");
      return html.append("</body></html>\n").toString();
    }
    overview(html, report);
    report.detail().ifPresent(detail -> detail(html, detail, report.nights().size()));
    nightsTable(html, report.nights());
    return html.append("</body></html>\n").toString();
  }

  private static void overview(StringBuilder html, NightReport report) {
    List<NightSummary> nights = report.nights();
    List<String> dates = nights.stream().map(n -> n.date().toString().substring(5)).toList();
    Set<Integer> changes = modelChanges(nights);
    html.append("<p>")
        .append(nights.size())
        .append(nights.size() == 1 ? " night" : " nights")
        .append(" with a run. Model: ")
        .append(escape(nights.get(0).modelVersion()));
    for (int change : changes) {
      html.append("; <span class=\"model-change\" data-date=\"")
          .append(nights.get(change).date())
          .append("\">from ")
          .append(nights.get(change).date())
          .append(": ")
          .append(escape(nights.get(change).modelVersion()))
          .append("</span>");
    }
    html.append(changes.isEmpty() ? "." : " (dashed green lines in the charts).")
        .append("</p>\n<div class=\"charts\">\n");
    figure(
        html,
        "Audio transcribed",
        bars(
            "audio-hours",
            "hours",
            dates,
            "audio hours",
            nights,
            n -> n.audioSeconds() / 3600,
            changes));
    figure(
        html,
        "Night duration",
        bars(
            "duration",
            "minutes",
            dates,
            "wall minutes",
            nights,
            n -> n.wallSeconds().map(s -> s / 60).orElse(null),
            changes));
    figure(
        html,
        "Real-time factor (wall seconds per audio second; lower is faster)",
        new SvgChart(
                "real-time-factor",
                "RTF",
                dates,
                List.of(
                    series("real-time factor", 0, nights, n -> n.realTimeFactor().orElse(null))),
                Shape.POINTS,
                List.of(),
                changes)
            .render());
    figure(html, "Quarantined inputs by stage", quarantines(dates, nights, changes));
    driftFigure(html, dates, nights, changes);
    html.append("</div>\n");
  }

  private static String bars(
      String id,
      String unit,
      List<String> dates,
      String name,
      List<NightSummary> nights,
      Function<NightSummary, Double> value,
      Set<Integer> changes) {
    return new SvgChart(
            id,
            unit,
            dates,
            List.of(series(name, 0, nights, value)),
            Shape.BARS,
            List.of(),
            changes)
        .render();
  }

  private static String quarantines(
      List<String> dates, List<NightSummary> nights, Set<Integer> changes) {
    Set<String> stages = new TreeSet<>();
    nights.forEach(n -> stages.addAll(n.quarantinesByStage().keySet()));
    if (stages.isEmpty()) {
      // a row of zeros still says something: no night quarantined anything
      stages.add("any stage");
    }
    List<Series> series = new ArrayList<>();
    int color = 1;
    for (String stage : stages) {
      series.add(
          series(
              stage, color++, nights, n -> (double) n.quarantinesByStage().getOrDefault(stage, 0)));
    }
    return new SvgChart("quarantines", "inputs", dates, series, Shape.STACKED, List.of(), changes)
        .render();
  }

  private static void driftFigure(
      StringBuilder html, List<String> dates, List<NightSummary> nights, Set<Integer> changes) {
    Set<String> kinds = new TreeSet<>();
    nights.forEach(n -> n.drift().ifPresent(d -> kinds.addAll(d.kinds().keySet())));
    if (kinds.isEmpty()) {
      html.append(
          "<figure><figcaption>Drift against the reference</figcaption><p class=\"note\""
              + " data-note=\"no-drift\">No drift computed: no night in this range has a drift score"
              + " in its run.json (the model has no reference profile, or the runs predate drift"
              + " detection).</p></figure>\n");
      return;
    }
    List<Series> series = new ArrayList<>();
    int color = 0;
    for (String kind : kinds) {
      series.add(
          series(
              kind,
              color++,
              nights,
              n -> n.drift().map(d -> d.kinds().get(kind)).map(KindScore::score).orElse(null)));
    }
    figure(
        html,
        "Drift against the reference (score per kind, with the level thresholds)",
        new SvgChart("drift", "score", dates, series, Shape.POINTS, DRIFT_THRESHOLDS, changes)
            .render());
  }

  private static void detail(StringBuilder html, NightDetail detail, int nights) {
    NightSummary night = detail.night();
    html.append("<h2 id=\"night\">Night ")
        .append(night.date())
        .append("</h2>\n<table class=\"night\" data-date=\"")
        .append(night.date())
        .append("\">");
    row(html, "run", "run-id", night.runId());
    row(html, "status", "status", String.valueOf(night.status()));
    row(html, "model", "model", night.modelVersion());
    row(html, "inputs", "inputs", String.valueOf(night.inputs()));
    row(html, "transcribed", "transcribed", String.valueOf(night.transcribed()));
    row(html, "quarantined", "quarantined", String.valueOf(night.quarantined()));
    row(html, "audio seconds", "audio-seconds", number(night.audioSeconds()));
    row(html, "wall seconds", "wall-seconds", night.wallSeconds().map(SvgChart::number).orElse(""));
    row(
        html,
        "real-time factor",
        "real-time-factor",
        night.realTimeFactor().map(SvgChart::number).orElse(""));
    row(html, "drift", "drift", night.drift().map(NightReportHtml::drift).orElse("none computed"));
    html.append("</table>\n<div class=\"charts\">\n");
    confidence(html, detail);
    html.append("</div>\n");
    slowest(html, detail.slowest());
    quarantined(html, detail.quarantined());
  }

  private static String drift(NightDrift drift) {
    StringBuilder text = new StringBuilder("against " + drift.reference());
    drift
        .kinds()
        .forEach(
            (kind, score) ->
                text.append(
                    String.format(
                        Locale.ROOT,
                        "; %s %s (%s%s)",
                        kind,
                        number(score.score()),
                        score.level(),
                        score.decidedBy().isEmpty() ? "" : ", decided by " + score.decidedBy())));
    return text.toString();
  }

  private static void confidence(StringBuilder html, NightDetail detail) {
    if (detail.confidence().isEmpty() || detail.confidence().get().isEmpty()) {
      html.append(
          "<figure><figcaption>Confidence</figcaption><p class=\"note\" data-note=\"no-profile\">"
              + "No confidence histogram: the run wrote no profile.json with confidences.</p>"
              + "</figure>\n");
      return;
    }
    List<Double> night = detail.confidence().get();
    List<String> bins = new ArrayList<>();
    for (int bin = 0; bin < BINS; bin++) {
      bins.add(number(bin / (double) BINS));
    }
    List<Series> series = new ArrayList<>();
    series.add(new Series("this night (" + night.size() + ")", PALETTE[0], shares(night)));
    Optional<Reference> reference = detail.reference();
    reference.ifPresent(
        r ->
            series.add(
                new Series(
                    "reference (" + r.confidence().size() + ")",
                    PALETTE[3],
                    shares(r.confidence()))));
    figure(
        html,
        "Mean word confidence per object, share of objects per bin"
            + reference.map(r -> ", against " + r.label()).orElse(" (no reference to compare)"),
        new SvgChart("confidence", "% of objects", bins, series, Shape.BARS, List.of(), Set.of())
            .render()
            .replaceFirst(
                "<svg class=\"chart\"",
                "<svg class=\"chart\" data-samples=\""
                    + night.size()
                    + "\" data-reference-samples=\""
                    + reference.map(r -> r.confidence().size()).orElse(0)
                    + "\""));
  }

  /** Percent of the samples in each tenth of [0, 1]; 1.0 counts in the last bin. */
  private static List<Double> shares(List<Double> samples) {
    int[] counts = new int[BINS];
    for (double sample : samples) {
      counts[Math.min(BINS - 1, Math.max(0, (int) Math.floor(sample * BINS)))]++;
    }
    List<Double> shares = new ArrayList<>();
    for (int count : counts) {
      shares.add(samples.isEmpty() ? 0 : 100.0 * count / samples.size());
    }
    return shares;
  }

  private static void slowest(StringBuilder html, List<TimedObject> slowest) {
    html.append("<h3>Slowest objects</h3>\n");
    if (slowest.isEmpty()) {
      html.append(
          "<p class=\"note\">No processing times: the run was made by a runner that does not"
              + " measure them (Spark) or before nightscribe recorded them.</p>\n");
      return;
    }
    html.append(
        "<table class=\"slowest\"><tr><th>object</th><th>seconds in the pipeline</th>"
            + "<th>audio seconds</th><th>outcome</th></tr>");
    for (TimedObject object : slowest) {
      html.append("<tr data-key=\"")
          .append(escape(object.key()))
          .append("\"><td><code>")
          .append(escape(object.key()))
          .append("</code></td><td class=\"n\" data-field=\"processing-millis\" data-value=\"")
          .append(object.processingMillis())
          .append("\">")
          .append(number(object.processingMillis() / 1000.0))
          .append("</td><td class=\"n\">")
          .append(number(object.audioMillis() / 1000.0))
          .append("</td><td>")
          .append(object.status().toLowerCase(Locale.ROOT))
          .append("</td></tr>");
    }
    html.append("</table>\n");
  }

  private static void quarantined(StringBuilder html, List<QuarantinedObject> quarantined) {
    html.append("<h3>Quarantined objects</h3>\n");
    if (quarantined.isEmpty()) {
      html.append("<p class=\"note\">None: every input was transcribed.</p>\n");
      return;
    }
    html.append(
        "<table class=\"quarantined\"><tr><th>object</th><th>stage</th><th>reason</th></tr>");
    for (QuarantinedObject object : quarantined) {
      html.append("<tr data-key=\"")
          .append(escape(object.key()))
          .append("\"><td><code>")
          .append(escape(object.key()))
          .append("</code></td><td data-field=\"stage\">")
          .append(escape(object.stage()))
          .append("</td><td data-field=\"reason\">")
          .append(escape(object.reason()))
          .append("</td></tr>");
    }
    html.append("</table>\n");
  }

  private static void nightsTable(StringBuilder html, List<NightSummary> nights) {
    html.append(
        "<h2>Every night</h2>\n<table class=\"nights\"><tr><th>date</th><th>run</th><th>status</th>"
            + "<th>model</th><th>inputs</th><th>transcribed</th><th>quarantined</th>"
            + "<th>audio hours</th><th>wall minutes</th><th>RTF</th><th>drift</th></tr>");
    for (NightSummary night : nights) {
      html.append("<tr data-date=\"")
          .append(night.date())
          .append("\"><td>")
          .append(night.date())
          .append("</td><td><code>")
          .append(escape(night.runId()))
          .append("</code></td><td>")
          .append(night.status())
          .append("</td><td>")
          .append(escape(night.modelVersion()))
          .append("</td>");
      cell(html, "inputs", String.valueOf(night.inputs()));
      cell(html, "transcribed", String.valueOf(night.transcribed()));
      cell(html, "quarantined", String.valueOf(night.quarantined()));
      cell(html, "audio-hours", number(night.audioSeconds() / 3600));
      cell(html, "wall-minutes", night.wallSeconds().map(s -> number(s / 60)).orElse(""));
      cell(html, "real-time-factor", night.realTimeFactor().map(SvgChart::number).orElse(""));
      html.append("<td>")
          .append(escape(night.drift().map(NightReportHtml::drift).orElse("")))
          .append("</td></tr>");
    }
    html.append("</table>\n");
  }

  /** The indexes of nights whose model differs from the night before. */
  private static Set<Integer> modelChanges(List<NightSummary> nights) {
    Set<Integer> changes = new LinkedHashSet<>();
    for (int i = 1; i < nights.size(); i++) {
      if (!nights.get(i).modelVersion().equals(nights.get(i - 1).modelVersion())) {
        changes.add(i);
      }
    }
    return changes;
  }

  private static Series series(
      String name, int color, List<NightSummary> nights, Function<NightSummary, Double> value) {
    return new Series(name, PALETTE[color % PALETTE.length], nights.stream().map(value).toList());
  }

  private static void figure(StringBuilder html, String caption, String svg) {
    html.append("<figure><figcaption>")
        .append(escape(caption))
        .append("</figcaption>")
        .append(svg)
        .append("</figure>\n");
  }

  private static void row(StringBuilder html, String name, String field, String value) {
    html.append("<tr><th>")
        .append(escape(name))
        .append("</th><td data-field=\"")
        .append(field)
        .append("\">")
        .append(escape(value))
        .append("</td></tr>");
  }

  private static void cell(StringBuilder html, String field, String value) {
    html.append("<td class=\"n\" data-field=\"")
        .append(field)
        .append("\">")
        .append(value)
        .append("</td>");
  }
}
