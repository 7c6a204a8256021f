package jp.sukedachi.app.selfcheck;

import java.util.List;

/**
 * Where a company stands for SECURITY ACTION. ★ needs the five basic rules ({@code rules}: ticked, or answered
 * "done" for items 1–5 in the latest self-check); ★★ needs a completed self-check
 * and a published basic policy. {@code reviewDue} is true when the newest declaration is 11 months old or
 * older, a month before the yearly look back at it.
 */
public record SecurityActionStatus(List<Boolean> rules, boolean selfCheckDone, boolean policyPublished,
        Declaration latest, boolean reviewDue) {
    public static final int RULES = 5;

    public boolean oneStarReady() {
        return rules.stream().allMatch(Boolean::booleanValue);
    }

    public boolean twoStarReady() {
        return selfCheckDone && policyPublished;
    }

    public long rulesTicked() {
        return rules.stream().filter(Boolean::booleanValue).count();
    }

    /** The level declared so far: 0 none, 1 ★, 2 ★★. */
    public int declaredLevel() {
        return latest == null ? 0 : latest.level();
    }
}
