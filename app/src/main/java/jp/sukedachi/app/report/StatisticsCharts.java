package jp.sukedachi.app.report;

import java.text.NumberFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Geometry of the statistics page's server-drawn SVG charts (the Content-Security-Policy allows no script and no
 * inline style: plain SVG elements, coordinates computed here, greys and patterns by CSS class, every bar and point
 * labelled with its number so the chart reads printed in black and white and without colour).
 */
final class StatisticsCharts {
    static final int WIDTH = 640;
    private static final int ROW = 46;
    private static final double BAR_MAX = 470;
    private static final int TREND_HEIGHT = 220;
    private static final double LEFT = 56;
    private static final double RIGHT = 16;
    private static final double TOP = 16;
    private static final double BOTTOM = 30;

    private StatisticsCharts() {
    }

    /** One bar of the funnel: label above, bar below, its number at the bar's end. */
    record Bar(String label, String value, double labelY, double barY, double width, double valueX) {
    }

    /** The funnel as horizontal bars on a logarithmic scale (the steps differ by orders of magnitude). */
    record Funnel(int width, int height, List<Bar> bars) {
    }

    record Point(double x, double y, String value) {
    }

    record Tick(double x, String label, String anchor) {
    }

    record GridLine(double y, String label) {
    }

    /** A month-by-month line with a marker and the number at every point. */
    record Trend(int width, int height, String points, List<Point> dots, List<Tick> ticks, List<GridLine> grid,
            double left, double right) {
    }

    static Funnel funnel(List<ProgramStatistics.Step> steps, Locale locale) {
        long max = steps.stream().mapToLong(ProgramStatistics.Step::count).max().orElse(0);
        double top = Math.log10(max + 1.0);
        List<Bar> bars = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
            ProgramStatistics.Step s = steps.get(i);
            double w = top == 0 ? 0 : BAR_MAX * Math.log10(s.count() + 1.0) / top;
            double y = i * ROW;
            bars.add(new Bar(s.label(), number(s.count(), locale), y + 15, y + 21, Math.max(w, s.count() > 0 ? 2 : 0),
                    Math.max(w, 0) + 8));
        }
        return new Funnel(WIDTH, steps.size() * ROW + 4, bars);
    }

    static Trend trend(List<String> monthLabels, long[] values, Locale locale) {
        int n = values.length;
        long max = 0;
        for (long v : values) {
            max = Math.max(max, v);
        }
        long scale = niceCeiling(max);
        double span = WIDTH - LEFT - RIGHT;
        double inner = TREND_HEIGHT - TOP - BOTTOM;
        List<Point> dots = new ArrayList<>();
        StringBuilder points = new StringBuilder();
        for (int i = 0; i < n; i++) {
            double x = n == 1 ? LEFT + span / 2 : LEFT + span * i / (n - 1);
            double y = TOP + inner * (1 - (double) values[i] / scale);
            dots.add(new Point(round(x), round(y), number(values[i], locale)));
            points.append(round(x)).append(',').append(round(y)).append(' ');
        }
        List<Tick> ticks = new ArrayList<>();
        // Every month's label would overlap on a phone: first, last and every third between.
        for (int i = 0; i < n; i++) {
            if (i == 0 || i == n - 1 || (i % 3 == 0 && n - 1 - i >= 2)) {
                ticks.add(new Tick(dots.get(i).x(), monthLabels.get(i), n == 1 ? "middle" : i == 0 ? "start"
                        : i == n - 1 ? "end" : "middle"));
            }
        }
        List<GridLine> grid = new ArrayList<>();
        for (int g = 0; g <= 2; g++) {
            long v = scale * g / 2;
            grid.add(new GridLine(round(TOP + inner * (1 - (double) v / scale)), number(v, locale)));
        }
        return new Trend(WIDTH, TREND_HEIGHT, points.toString().strip(), dots, ticks, grid, LEFT, WIDTH - RIGHT);
    }

    /** 1, 2 or 5 times a power of ten, at least {@code max} (and at least 1). */
    static long niceCeiling(long max) {
        long p = 1;
        while (true) {
            for (long m : new long[] {1, 2, 5}) {
                if (m * p >= max) {
                    return Math.max(1, m * p);
                }
            }
            p *= 10;
        }
    }

    static String number(long n, Locale locale) {
        return NumberFormat.getIntegerInstance(locale).format(n);
    }

    private static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }
}
