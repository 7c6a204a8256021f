package jp.sukedachi.app.shared;

/** Small text helpers shared by repositories that store bounded columns. */
public final class Texts {
    private Texts() {
    }

    /** Cuts text to a column's size, marking the cut with an ellipsis; never rejects a record for length. */
    public static String cut(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }

    /**
     * A CSV cell (RFC 4180), quoted when it needs to be. Text starting with = + - @ (or a tab or CR) gets a leading
     * apostrophe so a spreadsheet shows it instead of running it as a formula; plain numbers stay numbers.
     */
    public static String csvCell(String value) {
        String v = value == null ? "" : value;
        if (!v.isEmpty() && "=+-@\t\r".indexOf(v.charAt(0)) >= 0 && !v.matches("-?\\d+(\\.\\d+)?")) {
            v = "'" + v;
        }
        if (v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r")) {
            return "\"" + v.replace("\"", "\"\"") + "\"";
        }
        return v;
    }
}
