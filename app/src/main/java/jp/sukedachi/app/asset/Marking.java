package jp.sukedachi.app.asset;

import java.util.Locale;

/** What the company said about a device: not yet decided, its own, or not its own. */
public enum Marking {
    UNDECIDED, OURS, NOT_OURS;

    /** As stored: {@code undecided}, {@code ours}, {@code not_ours}. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The marking of a stored code or a form value; null when it is neither. */
    public static Marking of(String code) {
        if (code == null) {
            return null;
        }
        for (Marking m : values()) {
            if (m.code().equals(code.strip().toLowerCase(Locale.ROOT))) {
                return m;
            }
        }
        return null;
    }
}
