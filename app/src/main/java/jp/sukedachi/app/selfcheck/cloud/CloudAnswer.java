package jp.sukedachi.app.selfcheck.cloud;

import java.util.Locale;

/** An answer to one checklist question, stored as one letter. Anything but YES is a gap to close. */
public enum CloudAnswer {
    YES('y'), PARTLY('p'), NO('n'), UNKNOWN('u');

    private final char code;

    CloudAnswer(char code) {
        this.code = code;
    }

    public char code() {
        return code;
    }

    public String param() {
        return name().toLowerCase(Locale.ROOT);
    }

    public String labelKey() {
        return "cloud.answer." + param();
    }

    static CloudAnswer ofCode(char c) {
        for (CloudAnswer a : values()) {
            if (a.code == c) {
                return a;
            }
        }
        return UNKNOWN;
    }

    /** From a form value; missing or unknown text counts as "don't know". */
    static CloudAnswer ofParam(String p) {
        for (CloudAnswer a : values()) {
            if (a.param().equals(p)) {
                return a;
            }
        }
        return UNKNOWN;
    }
}
