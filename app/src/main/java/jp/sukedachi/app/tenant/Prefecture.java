package jp.sukedachi.app.tenant;

import java.util.List;
import java.util.stream.IntStream;

/** JIS X 0401 prefecture codes 01 (Hokkaido) to 47 (Okinawa); names are in the message bundle. */
public final class Prefecture {
    public static final List<String> CODES =
            IntStream.rangeClosed(1, 47).mapToObj(i -> String.format("%02d", i)).toList();

    private Prefecture() {
    }

    public static String parse(String code) {
        if (code != null && code.trim().length() == 1) {
            code = "0" + code.trim();
        }
        if (code == null || !CODES.contains(code.trim())) {
            throw new IllegalArgumentException("prefecture must be a JIS X 0401 code 01–47, got: " + code);
        }
        return code.trim();
    }

    public static String labelKey(String code) {
        return "pref." + code;
    }
}
