package jp.sukedachi.app.selfcheck;

/**
 * The 25 items. Their wording lives in the message bundles ({@code selfcheck.item.N.title|q|next}) so both
 * languages stay together; the lesson of each item is served by the lessons module at {@link #lessonPath}.
 */
final class SelfCheckItems {
    public static final int COUNT = 25;

    private SelfCheckItems() {
    }

    public static String titleKey(int item) {
        return "selfcheck.item." + item + ".title";
    }

    public static String questionKey(int item) {
        return "selfcheck.item." + item + ".q";
    }

    public static String nextStepKey(int item) {
        return "selfcheck.item." + item + ".next";
    }

    public static String lessonPath(int item) {
        return "/selfcheck/lessons/" + item;
    }
}
