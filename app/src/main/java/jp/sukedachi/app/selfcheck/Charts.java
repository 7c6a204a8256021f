package jp.sukedachi.app.selfcheck;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Geometry of the server-drawn SVG charts. The Content-Security-Policy allows no script and no inline style,
 * so a chart is plain SVG elements whose coordinates are computed here and coloured by CSS classes.
 */
final class Charts {
    private Charts() {
    }

    /** A labelled point. */
    public record Point(double x, double y, String label) {
    }

    /** A horizontal grid line at {@code y} for the score {@code value}. */
    public record GridLine(double y, int value) {
    }

    /** Totals over time: the polyline, a dot per attempt and the grid. */
    public record Trend(int width, int height, String points, List<Point> dots, List<GridLine> grid, double left,
            double right) {
    }

    static final int TREND_WIDTH = 640;
    static final int TREND_HEIGHT = 240;
    private static final double LEFT = 44;
    private static final double RIGHT = 16;
    private static final double TOP = 12;
    private static final double BOTTOM = 28;
    /** The lowest total possible: every item "don't know". */
    private static final int MIN = SelfCheckItems.COUNT * Answer.UNKNOWN.points();

    /** {@code attempts} oldest first; labels are shown under the dots. */
    public static Trend trend(List<Integer> totals, List<String> labels) {
        List<Point> dots = new ArrayList<>();
        double span = TREND_WIDTH - LEFT - RIGHT;
        int n = totals.size();
        StringBuilder points = new StringBuilder();
        for (int i = 0; i < n; i++) {
            double x = n == 1 ? LEFT + span / 2 : LEFT + span * i / (n - 1);
            double y = trendY(totals.get(i));
            dots.add(new Point(x, y, labels.get(i)));
            points.append(fmt(x)).append(',').append(fmt(y)).append(' ');
        }
        List<GridLine> grid = new ArrayList<>();
        for (int v = 0; v <= Score.MAX; v += 25) {
            grid.add(new GridLine(trendY(v), v));
        }
        return new Trend(TREND_WIDTH, TREND_HEIGHT, points.toString().strip(), dots, grid, LEFT, TREND_WIDTH - RIGHT);
    }

    static double trendY(int total) {
        double inner = TREND_HEIGHT - TOP - BOTTOM;
        return TOP + inner * (Score.MAX - total) / (Score.MAX - MIN);
    }

    /**
     * One axis end of the radar, with the part it stands for and the two percentages drawn on it, rounded as the
     * chart's table shows them (the text alternative of the drawing); {@code peers} is null without a group.
     */
    public record Axis(double x, double y, double labelX, double labelY, Part part, long company, Long peers) {
    }

    /** Radar of the three parts in percent of each part's maximum: company and group polygons. */
    public record Radar(int size, List<Axis> axes, List<String> rings, String company, String peers) {
    }

    static final int RADAR_SIZE = 320;
    private static final double RADIUS = 110;

    public static Radar radar(List<Double> companyPercent, List<Double> peerPercent) {
        double c = RADAR_SIZE / 2.0;
        List<Axis> axes = new ArrayList<>();
        for (Part p : Part.values()) {
            double[] end = polar(c, p.ordinal(), RADIUS);
            double[] label = polar(c, p.ordinal(), RADIUS + 26);
            axes.add(new Axis(end[0], end[1], label[0], label[1], p, shown(companyPercent.get(p.ordinal())),
                    peerPercent == null ? null : shown(peerPercent.get(p.ordinal()))));
        }
        List<String> rings = new ArrayList<>();
        for (int r = 25; r <= 100; r += 25) {
            rings.add(polygon(c, List.of((double) r, (double) r, (double) r)));
        }
        return new Radar(RADAR_SIZE, axes, rings, polygon(c, companyPercent), peerPercent == null ? null : polygon(c, peerPercent));
    }

    /** The percentage as drawn (the polygon clamps to 0–100), to the whole percent. */
    private static long shown(double percent) {
        return Math.round(Math.clamp(percent, 0, 100));
    }

    private static String polygon(double c, List<Double> percents) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < percents.size(); i++) {
            double[] p = polar(c, i, RADIUS * Math.clamp(percents.get(i), 0, 100) / 100.0);
            sb.append(fmt(p[0])).append(',').append(fmt(p[1])).append(' ');
        }
        return sb.toString().strip();
    }

    /** Axis i of three, the first pointing up. */
    private static double[] polar(double c, int i, double r) {
        double angle = Math.toRadians(-90 + 120.0 * i);
        return new double[] {c + r * Math.cos(angle), c + r * Math.sin(angle)};
    }

    static String fmt(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }
}
