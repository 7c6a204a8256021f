package jp.sukedachi.app.selfcheck.assets;

/**
 * The risk arithmetic of the asset ledger, after the risk-analysis sheet of the guideline:
 * importance 1–3 from the C/I/A ratings, likelihood 1–3 from a threat × vulnerability table,
 * risk = importance × likelihood (1–9).
 */
public final class RiskRating {
    /** Likelihood of damage, indexed [threat − 1][vulnerability − 1]: both high is likely, both low unlikely. */
    private static final int[][] LIKELIHOOD = {
        {1, 1, 2},
        {1, 2, 3},
        {2, 3, 3},
    };

    /** Risk at or above this needs a measure (reduce, transfer or avoid), written down. */
    public static final int HIGH = 6;
    public static final int MEDIUM = 3;

    private RiskRating() {
    }

    /**
     * The highest of the three ratings: an asset matters as much as its most sensitive side. Personal data
     * is at least 2, because its leak always harms people outside the company.
     */
    public static int importance(int confidentiality, int integrity, int availability, boolean personalData) {
        check(confidentiality);
        check(integrity);
        check(availability);
        int max = Math.max(confidentiality, Math.max(integrity, availability));
        return personalData ? Math.max(2, max) : max;
    }

    public static int likelihood(int threat, int vulnerability) {
        check(threat);
        check(vulnerability);
        return LIKELIHOOD[threat - 1][vulnerability - 1];
    }

    public static int risk(int importance, int likelihood) {
        check(importance);
        check(likelihood);
        return importance * likelihood;
    }

    /** "high", "mid" or "low", for display. */
    public static String level(int risk) {
        return risk >= HIGH ? "high" : risk >= MEDIUM ? "mid" : "low";
    }

    private static void check(int rating) {
        if (rating < 1 || rating > 3) {
            throw new IllegalArgumentException("ratings are 1, 2 or 3, not " + rating);
        }
    }
}
