package jp.sukedachi.app.dispatch;

/** Whether a responder can take a visit now. Label: {@code responder.availability.<NAME>}. */
public enum Availability {
    AVAILABLE, BUSY, OFF;

    public String labelKey() {
        return "responder.availability." + name();
    }

    static Availability parse(String value) {
        try {
            return valueOf(value == null ? "" : value.strip().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new jp.sukedachi.app.shared.InvalidInput("availability", "responder.error.availability", null,
                    "availability must be AVAILABLE, BUSY or OFF");
        }
    }
}
