package jp.sukedachi.event;

import java.util.UUID;
import java.util.regex.Pattern;

final class Ids {
    // UUID.fromString accepts short forms such as "1-2-3-4-5"; ids crossing a trust boundary must be canonical.
    private static final Pattern CANONICAL =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private Ids() {
    }

    static UUID parseUuid(String what, String text) {
        if (text == null || !CANONICAL.matcher(text).matches()) {
            throw new IllegalArgumentException("not a valid " + what + ": " + abbreviate(text));
        }
        return UUID.fromString(text);
    }

    private static String abbreviate(String text) {
        if (text == null) {
            return "null";
        }
        return text.length() <= 40 ? text : text.substring(0, 40) + "…";
    }
}
