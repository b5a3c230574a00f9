package io.huntlake.volume;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A daily time-series chart as inline SVG: stacked areas, lines (solid or dashed), an interval
 * band, and markers that link into the page. The x axis is one slot per day from {@code from} to
 * {@code to}; the y axis is bytes from 0, with tick labels in binary units. Every day has a hover
 * title, so exact values are one pointer away. No scripts, no external fonts.
 */
final class SvgChart {
  /** Okabe and Ito's palette: distinguishable with the common colour-vision deficiencies. */
  static final String[] COLOURS = {
    "#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#999933", "#332288"
  };

  static final String MARKER_COLOUR = "#C00000";

  private static final int WIDTH = 960;
  private static final int HEIGHT = 320;
  private static final int LEFT = 78;
  private static final int RIGHT = 16;
  private static final int TOP = 14;
  private static final int BOTTOM = 44;

  /** A link from a day of the chart into the page. */
  record Marker(LocalDate day, double value, String href, String title) {}

  private record Area(String name, double[] values, String colour) {}

  private record Line(String name, double[] values, String colour, boolean dashed) {}

  private record Band(String name, double[] low, double[] high, String colour) {}

  private final String label;
  private final LocalDate from;
  private final int days;
  private final List<Area> areas = new ArrayList<>();
  private final List<Line> lines = new ArrayList<>();
  private final List<Band> bands = new ArrayList<>();
  private final List<Marker> markers = new ArrayList<>();
  private String[] hover;

  /**
   * @param label what the chart shows, for screen readers
   */
  SvgChart(String label, LocalDate from, LocalDate to) {
    this.label = label;
    this.from = from;
    this.days = (int) ChronoUnit.DAYS.between(from, to) + 1;
  }

  /** Areas stack in the order added, the first at the bottom. */
  SvgChart area(String name, double[] values, String colour) {
    areas.add(new Area(name, values, colour));
    return this;
  }

  /** NaN values leave a gap. */
  SvgChart line(String name, double[] values, String colour, boolean dashed) {
    lines.add(new Line(name, values, colour, dashed));
    return this;
  }

  /** NaN values leave the band out for that day. */
  SvgChart band(String name, double[] low, double[] high, String colour) {
    bands.add(new Band(name, low, high, colour));
    return this;
  }

  SvgChart marker(Marker marker) {
    markers.add(marker);
    return this;
  }

  /** One hover text per day. */
  SvgChart hover(String[] texts) {
    this.hover = texts;
    return this;
  }

  String render() {
    double top = niceMaximum(maximum());
    StringBuilder svg = new StringBuilder();
    svg.append(
        String.format(
            Locale.ROOT,
            "<svg class=\"chart\" viewBox=\"0 0 %d %d\" role=\"img\" aria-label=\"%s\"" + ">",
            WIDTH,
            HEIGHT + legendHeight(),
            Html.escape(label)));
    axes(svg, top);
    for (Band band : bands) {
      svg.append(bandPath(band, top));
    }
    double[] base = new double[days];
    for (Area area : areas) {
      double[] upper = new double[days];
      for (int d = 0; d < days; d++) {
        upper[d] = base[d] + value(area.values(), d);
      }
      svg.append(areaPath(base, upper, area.colour(), top));
      base = upper;
    }
    for (Line line : lines) {
      svg.append(linePath(line, top));
    }
    for (Marker marker : markers) {
      int d = (int) ChronoUnit.DAYS.between(from, marker.day());
      svg.append(
          String.format(
              Locale.ROOT,
              "<a href=\"%s\"><circle cx=\"%.1f\" cy=\"%.1f\" r=\"6\" fill=\"none\" stroke=\"%s\""
                  + " stroke-width=\"2.5\"><title>%s</title></circle></a>",
              Html.escape(marker.href()),
              x(d),
              y(marker.value(), top),
              MARKER_COLOUR,
              Html.escape(marker.title())));
    }
    if (hover != null) {
      double slot = (WIDTH - LEFT - RIGHT) / (double) days;
      for (int d = 0; d < days; d++) {
        svg.append(
            String.format(
                Locale.ROOT,
                "<rect class=\"hover\" x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\"><title>%s</title></rect>",
                x(d) - slot / 2,
                TOP,
                slot,
                HEIGHT - TOP - BOTTOM,
                Html.escape(hover[d])));
      }
    }
    legend(svg);
    return svg.append("</svg>").toString();
  }

  private double maximum() {
    double max = 0;
    double[] stacked = new double[days];
    for (Area area : areas) {
      for (int d = 0; d < days; d++) {
        stacked[d] += value(area.values(), d);
        max = Math.max(max, stacked[d]);
      }
    }
    for (Line line : lines) {
      for (double v : line.values()) {
        max = Double.isNaN(v) ? max : Math.max(max, v);
      }
    }
    for (Band band : bands) {
      for (double v : band.high()) {
        max = Double.isNaN(v) ? max : Math.max(max, v);
      }
    }
    for (Marker marker : markers) {
      max = Math.max(max, marker.value());
    }
    return max;
  }

  /**
   * A round top for the y axis at or above the maximum, in the binary unit the labels use, chosen
   * so that its quarters (the grid lines) are round too: 6 MiB gives 1.5, 3 and 4.5 MiB.
   */
  static double niceMaximum(double max) {
    if (max <= 0) {
      return 1024;
    }
    int power = Math.max(0, (int) Math.floor(Math.log(max) / Math.log(1024)));
    double unit = Math.pow(1024, power);
    double scaled = max / unit;
    for (double top : NICE_TOPS) {
      if (top >= scaled) {
        return top * unit;
      }
    }
    return 1024 * unit;
  }

  private static final double[] NICE_TOPS = {
    1, 2, 4, 6, 8, 10, 12, 16, 20, 40, 60, 80, 100, 120, 160, 200, 400, 600, 800, 1000
  };

  private void axes(StringBuilder svg, double top) {
    svg.append("<g class=\"axis\">");
    for (int i = 0; i <= 4; i++) {
      double v = top * i / 4;
      double y = y(v, top);
      svg.append(
          String.format(
              Locale.ROOT,
              "<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" class=\"grid\"/>"
                  + "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>",
              LEFT,
              WIDTH - RIGHT,
              y,
              y,
              LEFT - 6,
              y + 4,
              Units.bytes(v)));
    }
    int step = days <= 14 ? 1 : days <= 70 ? 7 : days <= 200 ? 14 : 28;
    for (int d = 0; d < days; d += step) {
      LocalDate day = from.plusDays(d);
      svg.append(
          String.format(
              Locale.ROOT,
              "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%d\" y2=\"%d\" class=\"tick\"/>"
                  + "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>",
              x(d),
              x(d),
              HEIGHT - BOTTOM,
              HEIGHT - BOTTOM + 5,
              x(d),
              HEIGHT - BOTTOM + 18,
              day.getMonthValue() == 1 && day.getDayOfMonth() <= step || d == 0
                  ? day.toString()
                  : day.toString().substring(5)));
    }
    svg.append(
        String.format(
            Locale.ROOT,
            "<line x1=\"%d\" x2=\"%d\" y1=\"%d\" y2=\"%d\" class=\"baseline\"/>"
                + "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">day (UTC)</text></g>",
            LEFT,
            WIDTH - RIGHT,
            HEIGHT - BOTTOM,
            HEIGHT - BOTTOM,
            LEFT + (WIDTH - LEFT - RIGHT) / 2,
            HEIGHT - 8));
  }

  private int legendHeight() {
    int entries = areas.size() + lines.size() + bands.size() + (markers.isEmpty() ? 0 : 1);
    return 22 * ((entries + 3) / 4);
  }

  private void legend(StringBuilder svg) {
    List<String[]> entries = new ArrayList<>();
    areas.forEach(a -> entries.add(new String[] {"area", a.name(), a.colour()}));
    lines.forEach(
        l -> entries.add(new String[] {l.dashed() ? "dashed" : "line", l.name(), l.colour()}));
    bands.forEach(b -> entries.add(new String[] {"band", b.name(), b.colour()}));
    if (!markers.isEmpty()) {
      entries.add(new String[] {"marker", "anomalous volume day (links below)", MARKER_COLOUR});
    }
    svg.append("<g class=\"legend\">");
    for (int i = 0; i < entries.size(); i++) {
      String[] e = entries.get(i);
      int x = LEFT + (i % 4) * 220;
      int y = HEIGHT + 4 + (i / 4) * 22;
      String swatch =
          switch (e[0]) {
            case "area", "band" ->
                String.format(
                    Locale.ROOT,
                    "<rect x=\"%d\" y=\"%d\" width=\"18\" height=\"12\" fill=\"%s\" opacity=\"%s\"/>",
                    x,
                    y,
                    e[2],
                    e[0].equals("band") ? "0.25" : "0.85");
            case "marker" ->
                String.format(
                    Locale.ROOT,
                    "<circle cx=\"%d\" cy=\"%d\" r=\"5\" fill=\"none\" stroke=\"%s\" stroke-width=\"2.5\"/>",
                    x + 9,
                    y + 6,
                    e[2]);
            default ->
                String.format(
                    Locale.ROOT,
                    "<line x1=\"%d\" x2=\"%d\" y1=\"%d\" y2=\"%d\" stroke=\"%s\" stroke-width=\"2.5\"%s/>",
                    x,
                    x + 18,
                    y + 6,
                    y + 6,
                    e[2],
                    e[0].equals("dashed") ? " stroke-dasharray=\"5 3\"" : "");
          };
      svg.append(swatch)
          .append(
              String.format(
                  Locale.ROOT,
                  "<text x=\"%d\" y=\"%d\">%s</text>",
                  x + 24,
                  y + 11,
                  Html.escape(e[1])));
    }
    svg.append("</g>");
  }

  private String areaPath(double[] lower, double[] upper, String colour, double top) {
    StringBuilder d = new StringBuilder();
    for (int i = 0; i < days; i++) {
      d.append(i == 0 ? "M" : "L").append(point(i, upper[i], top));
    }
    for (int i = days - 1; i >= 0; i--) {
      d.append("L").append(point(i, lower[i], top));
    }
    return "<path d=\"" + d + "Z\" fill=\"" + colour + "\" opacity=\"0.85\"/>";
  }

  private String bandPath(Band band, double top) {
    StringBuilder svg = new StringBuilder();
    int start = -1;
    for (int i = 0; i <= days; i++) {
      boolean present = i < days && i < band.low().length && !Double.isNaN(band.low()[i]);
      if (present && start < 0) {
        start = i;
      } else if (!present && start >= 0) {
        StringBuilder d = new StringBuilder();
        for (int j = start; j < i; j++) {
          d.append(j == start ? "M" : "L").append(point(j, band.high()[j], top));
        }
        for (int j = i - 1; j >= start; j--) {
          d.append("L").append(point(j, band.low()[j], top));
        }
        svg.append("<path d=\"")
            .append(d)
            .append("Z\" fill=\"")
            .append(band.colour())
            .append("\" opacity=\"0.25\"/>");
        start = -1;
      }
    }
    return svg.toString();
  }

  private String linePath(Line line, double top) {
    StringBuilder d = new StringBuilder();
    boolean drawing = false;
    for (int i = 0; i < days; i++) {
      double v = i < line.values().length ? line.values()[i] : Double.NaN;
      if (Double.isNaN(v)) {
        drawing = false;
        continue;
      }
      d.append(drawing ? "L" : "M").append(point(i, v, top));
      drawing = true;
    }
    return "<path d=\""
        + d
        + "\" fill=\"none\" stroke=\""
        + line.colour()
        + "\" stroke-width=\"2\""
        + (line.dashed() ? " stroke-dasharray=\"5 3\"" : "")
        + "/>";
  }

  private String point(int day, double value, double top) {
    return String.format(Locale.ROOT, "%.1f,%.1f", x(day), y(value, top));
  }

  private double x(int day) {
    double slot = (WIDTH - LEFT - RIGHT) / (double) days;
    return LEFT + slot * (day + 0.5);
  }

  private double y(double value, double top) {
    return HEIGHT - BOTTOM - (HEIGHT - TOP - BOTTOM) * value / top;
  }

  private static double value(double[] values, int day) {
    return day < values.length && !Double.isNaN(values[day]) ? values[day] : 0;
  }
}
