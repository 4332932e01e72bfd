package io.vellum.simulations.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Small inline-SVG charts (no scripts, no external resources): line charts with shaded windows, bar charts. */
final class Svg {
    private static final int WIDTH = 860;
    private static final int HEIGHT = 260;
    private static final int LEFT = 64;
    private static final int RIGHT = 150;
    private static final int TOP = 28;
    private static final int BOTTOM = 36;
    private static final String[] COLORS = {"#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b",
        "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"};

    /** A named series of (x, y) points; y below 0 is a gap (no value). */
    record Series(String name, List<double[]> points) {
    }

    /** A shaded x range with a label. */
    record Shade(double from, double to, String label) {
    }

    private Svg() {
    }

    static String lineChart(String title, String yUnit, double xMax, List<Series> series, List<Shade> shades,
            boolean steps) {
        double yMax = 0;
        for (Series s : series) {
            for (double[] p : s.points()) {
                yMax = Math.max(yMax, p[1]);
            }
        }
        yMax = niceCeiling(yMax);
        xMax = Math.max(1, xMax);
        StringBuilder out = new StringBuilder();
        open(out, title);
        int plotW = WIDTH - LEFT - RIGHT;
        int plotH = HEIGHT - TOP - BOTTOM;
        for (Shade shade : shades) {
            double x0 = LEFT + plotW * Math.max(0, shade.from()) / xMax;
            double x1 = LEFT + plotW * Math.min(xMax, Math.max(shade.to(), shade.from() + xMax / 400)) / xMax;
            out.append(String.format(Locale.ROOT, "<rect x='%.1f' y='%d' width='%.1f' height='%d' fill='#f4a582' "
                    + "fill-opacity='0.3'><title>%s</title></rect>%n", x0, TOP, Math.max(1, x1 - x0), plotH,
                    escape(shade.label())));
        }
        axes(out, xMax, yMax, yUnit, "s");
        int color = 0;
        int legendY = TOP + 8;
        for (Series s : series) {
            String stroke = COLORS[color++ % COLORS.length];
            StringBuilder path = new StringBuilder();
            boolean penDown = false;
            for (double[] p : s.points()) {
                if (p[1] < 0) {
                    penDown = false;
                    continue;
                }
                double x = LEFT + plotW * p[0] / xMax;
                double y = TOP + plotH - plotH * p[1] / yMax;
                if (!penDown) {
                    path.append(String.format(Locale.ROOT, "M%.1f %.1f ", x, y));
                    penDown = true;
                } else if (steps) {
                    path.append(String.format(Locale.ROOT, "H%.1f V%.1f ", x, y));
                } else {
                    path.append(String.format(Locale.ROOT, "L%.1f %.1f ", x, y));
                }
            }
            out.append(String.format("<path d='%s' fill='none' stroke='%s' stroke-width='1.6'/>%n", path, stroke));
            out.append(String.format(Locale.ROOT, "<line x1='%d' y1='%d' x2='%d' y2='%d' stroke='%s' "
                    + "stroke-width='3'/><text x='%d' y='%d' font-size='11'>%s</text>%n", WIDTH - RIGHT + 10, legendY,
                    WIDTH - RIGHT + 28, legendY, stroke, WIDTH - RIGHT + 32, legendY + 4, escape(s.name())));
            legendY += 16;
        }
        out.append("</svg>\n");
        return out.toString();
    }

    static String barChart(String title, Map<String, Long> bars) {
        StringBuilder out = new StringBuilder();
        open(out, title);
        long max = 1;
        for (long value : bars.values()) {
            max = Math.max(max, value);
        }
        int plotW = WIDTH - LEFT - RIGHT;
        int rowH = Math.max(14, Math.min(30, (HEIGHT - TOP - BOTTOM) / Math.max(1, bars.size())));
        int y = TOP + 4;
        int color = 0;
        for (Map.Entry<String, Long> bar : bars.entrySet()) {
            double w = plotW * 0.8 * bar.getValue() / max;
            out.append(String.format(Locale.ROOT, "<text x='%d' y='%d' font-size='11' text-anchor='end'>%s</text>"
                    + "<rect x='%d' y='%d' width='%.1f' height='%d' fill='%s'/><text x='%.1f' y='%d' font-size='11'>"
                    + "%d</text>%n", LEFT + 90, y + rowH / 2 + 4, escape(bar.getKey()), LEFT + 96, y, Math.max(1, w),
                    rowH - 4, COLORS[color++ % COLORS.length], LEFT + 100 + w, y + rowH / 2 + 4, bar.getValue()));
            y += rowH;
        }
        out.append("</svg>\n");
        return out.toString();
    }

    private static void open(StringBuilder out, String title) {
        out.append(String.format("<svg xmlns='http://www.w3.org/2000/svg' width='%d' height='%d' viewBox='0 0 %d %d' "
                + "font-family='sans-serif'>%n<text x='%d' y='18' font-size='14' font-weight='bold'>%s</text>%n",
                WIDTH, HEIGHT, WIDTH, HEIGHT, LEFT, escape(title)));
    }

    private static void axes(StringBuilder out, double xMax, double yMax, String yUnit, String xUnit) {
        int plotW = WIDTH - LEFT - RIGHT;
        int plotH = HEIGHT - TOP - BOTTOM;
        out.append(String.format("<rect x='%d' y='%d' width='%d' height='%d' fill='none' stroke='#999'/>%n", LEFT, TOP,
                plotW, plotH));
        for (int i = 0; i <= 5; i++) {
            double y = TOP + plotH - plotH * i / 5.0;
            double value = yMax * i / 5.0;
            out.append(String.format(Locale.ROOT, "<line x1='%d' y1='%.1f' x2='%d' y2='%.1f' stroke='#eee'/>"
                    + "<text x='%d' y='%.1f' font-size='10' text-anchor='end'>%s</text>%n", LEFT, y, LEFT + plotW, y,
                    LEFT - 4, y + 3, format(value)));
            double x = LEFT + plotW * i / 5.0;
            out.append(String.format(Locale.ROOT, "<text x='%.1f' y='%d' font-size='10' text-anchor='middle'>%s%s"
                    + "</text>%n", x, TOP + plotH + 14, format(xMax * i / 5.0), xUnit));
        }
        out.append(String.format("<text x='12' y='%d' font-size='10' transform='rotate(-90 12 %d)' "
                + "text-anchor='middle'>%s</text>%n", TOP + plotH / 2, TOP + plotH / 2, escape(yUnit)));
    }

    private static String format(double value) {
        if (value == Math.rint(value)) {
            return Long.toString((long) value);
        }
        return String.format(Locale.ROOT, "%.1f", value);
    }

    static double niceCeiling(double value) {
        if (value <= 0) {
            return 1;
        }
        double magnitude = Math.pow(10, Math.floor(Math.log10(value)));
        for (double step : new double[] {1, 2, 2.5, 5, 10}) {
            if (value <= step * magnitude) {
                return step * magnitude;
            }
        }
        return 10 * magnitude;
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("'", "&#39;")
                .replace("\"", "&quot;");
    }

}
