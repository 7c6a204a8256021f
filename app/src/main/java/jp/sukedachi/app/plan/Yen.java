package jp.sukedachi.app.plan;

/** Whole yen with thousands separators ("12,345"), the same in Japanese and English texts. */
final class Yen {
    private Yen() {
    }

    static String format(long yen) {
        return String.format(java.util.Locale.ROOT, "%,d", yen);
    }
}
