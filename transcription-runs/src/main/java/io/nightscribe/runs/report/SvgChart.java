package io.nightscribe.runs.report;

import static io.nightscribe.runs.html.Html.escape;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * An inline SVG chart of values over a row of slots (nights, or histogram bins): bars side by side,
 * stacked bars, or points joined by a line. Every drawn value is an element of class {@code datum}
 * carrying {@code data-series}, {@code data-x} and {@code data-value}, so a test (or a curious
 * reader) can check the picture against the numbers. No scripts, no fonts beyond the page's.
 */
final class SvgChart {
  private static final int WIDTH = 560;
  private static final int HEIGHT = 230;
  private static final int LEFT = 52;
  private static final int RIGHT = 12;
  private static final int TOP = 14;
  private static final int BOTTOM = 44;

  enum Shape {
    BARS,
    STACKED,
    POINTS
  }

  /**
   * One row of values; a null value is drawn as nothing (a night that has none).
   *
   * @param name what the values are, shown in the legend
   * @param color a CSS colour
   */
  record Series(String name, String color, List<Double> values) {
    Series {
      Objects.requireNonNull(name, "name");
      values = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(values));
    }
  }

  /** A horizontal line across the plot, such as a drift threshold. */
  record Line(String name, double value, String color) {}

  private final String id;
  private final String unit;
  private final List<String> slots;
  private final List<Series> series;
  private final Shape shape;
  private final List<Line> lines;
  private final Set<Integer> marksBefore;

  /**
   * @param id the chart's {@code data-chart} name
   * @param unit the y axis' unit, shown beside it
   * @param slots the x axis' labels, one per slot
   * @param marksBefore slots before which a dashed vertical mark is drawn (a model change)
   */
  SvgChart(
      String id,
      String unit,
      List<String> slots,
      List<Series> series,
      Shape shape,
      List<Line> lines,
      Set<Integer> marksBefore) {
    this.id = id;
    this.unit = unit;
    this.slots = List.copyOf(slots);
    this.series = List.copyOf(series);
    this.shape = shape;
    this.lines = List.copyOf(lines);
    this.marksBefore = Set.copyOf(marksBefore);
  }

  String render() {
    double top = niceTop(largest());
    StringBuilder svg = new StringBuilder();
    svg.append(
            String.format(
                Locale.ROOT,
                "<svg class=\"chart\" data-chart=\"%s\" viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\""
                    + " role=\"img\" xmlns=\"http://www.w3.org/2000/svg\">",
                escape(id),
                WIDTH,
                HEIGHT,
                WIDTH,
                HEIGHT))
        .append("<title>")
        .append(escape(unit))
        .append("</title>");
    axes(svg, top);
    double slot = plotWidth() / slots.size();
    for (int s = 0; s < series.size(); s++) {
      draw(svg, s, slot, top);
    }
    for (Line line : lines) {
      double y = y(line.value(), top);
      svg.append(
          String.format(
              Locale.ROOT,
              "<line class=\"threshold\" data-value=\"%s\" x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\""
                  + " stroke=\"%s\" stroke-dasharray=\"4 3\"><title>%s %s</title></line>"
                  + "<text x=\"%d\" y=\"%.1f\" font-size=\"10\" fill=\"%s\" text-anchor=\"end\">%s</text>",
              number(line.value()),
              LEFT,
              WIDTH - RIGHT,
              y,
              y,
              line.color(),
              escape(line.name()),
              number(line.value()),
              WIDTH - RIGHT,
              y - 2,
              line.color(),
              escape(line.name())));
    }
    for (int mark : marksBefore) {
      double x = LEFT + mark * slot;
      svg.append(
          String.format(
              Locale.ROOT,
              "<line class=\"model-change\" x1=\"%.1f\" x2=\"%.1f\" y1=\"%d\" y2=\"%d\" stroke=\"#7a3\""
                  + " stroke-dasharray=\"2 2\"><title>model changed</title></line>",
              x,
              x,
              TOP,
              HEIGHT - BOTTOM));
    }
    legend(svg);
    return svg.append("</svg>").toString();
  }

  private void draw(StringBuilder svg, int s, double slot, double top) {
    Series one = series.get(s);
    StringBuilder path = new StringBuilder();
    for (int i = 0; i < slots.size(); i++) {
      Double value = i < one.values().size() ? one.values().get(i) : null;
      if (value == null) {
        continue;
      }
      String data =
          String.format(
              Locale.ROOT,
              " class=\"datum\" data-series=\"%s\" data-x=\"%s\" data-value=\"%s\" fill=\"%s\"",
              escape(one.name()),
              escape(slots.get(i)),
              number(value),
              one.color());
      String title =
          "<title>" + escape(slots.get(i) + " " + one.name() + ": " + number(value)) + "</title>";
      double center = LEFT + (i + 0.5) * slot;
      switch (shape) {
        case POINTS -> {
          double y = y(value, top);
          path.append(path.isEmpty() ? "M" : "L")
              .append(String.format(Locale.ROOT, "%.1f %.1f ", center, y));
          svg.append(
                  String.format(
                      Locale.ROOT, "<circle%s cx=\"%.1f\" cy=\"%.1f\" r=\"3.5\">", data, center, y))
              .append(title)
              .append("</circle>");
        }
        case BARS -> {
          double width = slot * 0.8 / series.size();
          double x = LEFT + i * slot + slot * 0.1 + s * width;
          bar(svg, data, title, x, width, 0, value, top);
        }
        case STACKED -> {
          double below = 0;
          for (int lower = 0; lower < s; lower++) {
            Double under = series.get(lower).values().get(i);
            below += under == null ? 0 : under;
          }
          bar(svg, data, title, LEFT + i * slot + slot * 0.15, slot * 0.7, below, value, top);
        }
      }
    }
    if (shape == Shape.POINTS && !path.isEmpty()) {
      svg.append("<path d=\"")
          .append(path.toString().strip())
          .append("\" fill=\"none\" stroke=\"")
          .append(one.color())
          .append("\"/>");
    }
  }

  private void bar(
      StringBuilder svg,
      String data,
      String title,
      double x,
      double width,
      double below,
      double value,
      double top) {
    double y = y(below + value, top);
    double height = y(below, top) - y;
    svg.append(
            String.format(
                Locale.ROOT,
                "<rect%s x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\">",
                data,
                x,
                y,
                width,
                height))
        .append(title)
        .append("</rect>");
  }

  private void axes(StringBuilder svg, double top) {
    int bottom = HEIGHT - BOTTOM;
    svg.append(
        String.format(
            Locale.ROOT,
            "<line x1=\"%d\" x2=\"%d\" y1=\"%d\" y2=\"%d\" stroke=\"#888\"/>"
                + "<line x1=\"%d\" x2=\"%d\" y1=\"%d\" y2=\"%d\" stroke=\"#888\"/>",
            LEFT,
            LEFT,
            TOP,
            bottom,
            LEFT,
            WIDTH - RIGHT,
            bottom,
            bottom));
    for (double tick : new double[] {0, top / 2, top}) {
      double y = y(tick, top);
      svg.append(
          String.format(
              Locale.ROOT,
              "<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#eee\"/>"
                  + "<text x=\"%d\" y=\"%.1f\" font-size=\"10\" text-anchor=\"end\">%s</text>",
              LEFT + 1,
              WIDTH - RIGHT,
              y,
              y,
              LEFT - 4,
              y + 3,
              number(tick)));
    }
    svg.append(
        String.format(
            Locale.ROOT,
            "<text x=\"12\" y=\"%d\" font-size=\"10\" transform=\"rotate(-90 12 %d)\""
                + " text-anchor=\"middle\">%s</text>",
            (TOP + bottom) / 2,
            (TOP + bottom) / 2,
            escape(unit)));
    double slot = plotWidth() / slots.size();
    int every = Math.max(1, (int) Math.ceil(slots.size() / 12.0));
    for (int i = 0; i < slots.size(); i += every) {
      svg.append(
          String.format(
              Locale.ROOT,
              "<text x=\"%.1f\" y=\"%d\" font-size=\"10\" text-anchor=\"middle\">%s</text>",
              LEFT + (i + 0.5) * slot,
              bottom + 13,
              escape(slots.get(i))));
    }
  }

  private void legend(StringBuilder svg) {
    int x = LEFT;
    for (Series one : series) {
      svg.append(
          String.format(
              Locale.ROOT,
              "<rect x=\"%d\" y=\"%d\" width=\"10\" height=\"10\" fill=\"%s\"/>"
                  + "<text x=\"%d\" y=\"%d\" font-size=\"11\">%s</text>",
              x,
              HEIGHT - 18,
              one.color(),
              x + 14,
              HEIGHT - 9,
              escape(one.name())));
      x += 24 + 7 * one.name().length();
    }
  }

  private double largest() {
    double largest = 0;
    for (int i = 0; i < slots.size(); i++) {
      double stacked = 0;
      for (Series one : series) {
        Double value = i < one.values().size() ? one.values().get(i) : null;
        if (value != null) {
          largest = Math.max(largest, value);
          stacked += value;
        }
      }
      if (shape == Shape.STACKED) {
        largest = Math.max(largest, stacked);
      }
    }
    for (Line line : lines) {
      largest = Math.max(largest, line.value());
    }
    return largest;
  }

  /** The smallest of 1, 2 or 5 times a power of ten that is not below {@code value}. */
  static double niceTop(double value) {
    if (!(value > 0)) {
      return 1;
    }
    double power = Math.pow(10, Math.floor(Math.log10(value)));
    for (double step : new double[] {1, 2, 5, 10}) {
      if (step * power >= value) {
        return step * power;
      }
    }
    return 10 * power;
  }

  private double y(double value, double top) {
    return HEIGHT - BOTTOM - value / top * (HEIGHT - BOTTOM - TOP);
  }

  private static double plotWidth() {
    return WIDTH - LEFT - RIGHT;
  }

  /** A value as the page prints it: up to four decimals, no exponent, no trailing zeros. */
  static String number(double value) {
    return new java.math.BigDecimal(value)
        .setScale(4, java.math.RoundingMode.HALF_UP)
        .stripTrailingZeros()
        .toPlainString();
  }
}
