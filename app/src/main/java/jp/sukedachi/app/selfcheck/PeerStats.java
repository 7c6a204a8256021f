package jp.sukedachi.app.selfcheck;

import java.util.List;

/**
 * Aggregates over the latest attempt of each company in one industry and size group. Only counts, means
 * and spreads: the type has no field that could carry one company's answers or score.
 */
public record PeerStats(int companies, double meanTotal, double sdTotal, List<Double> meanParts, List<Double> sdParts) {
    /** Fewer companies than this and the group is not shown: a mean of three says too much about each. */
    public static final int MIN_COMPANIES = 5;

    /**
     * 偏差値: 50 is the group's average, every 10 points one standard deviation. When all companies score the
     * same there is no spread and everyone is at 50.
     */
    public static double deviation(double value, double mean, double sd) {
        return sd <= 0 ? 50.0 : 50.0 + 10.0 * (value - mean) / sd;
    }

    public double deviationOfTotal(int total) {
        return deviation(total, meanTotal, sdTotal);
    }

    public double deviationOfPart(Part part, int score) {
        return deviation(score, meanParts.get(part.ordinal()), sdParts.get(part.ordinal()));
    }

    /** The group's mean of a part as a share of the part's maximum, for the radar chart. */
    public double meanPercent(Part part) {
        return Math.max(0, meanParts.get(part.ordinal())) * 100.0 / part.max();
    }
}
