package jp.sukedachi.app.shared;

/** Small text helpers shared by repositories that store bounded columns. */
public final class Texts {
    private Texts() {
    }

    /** Cuts text to a column's size, marking the cut with an ellipsis; never rejects a record for length. */
    public static String cut(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
