package jp.sukedachi.app.device;

import java.util.Locale;

/**
 * How a device stands for the all-company view, in the order the morning shift works through them: silent first
 * (the watch over that company is blind), then those sending, then the disabled ones nobody watches.
 */
enum DeviceState {
    SILENT, SENDING, DISABLED;

    /** The position in the view; the SQL's rank column holds the same number. */
    public int rank() {
        return ordinal();
    }

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public String labelKey() {
        return "devices.overview.state." + code();
    }

    /** The state named by a request parameter; null (every state) for a blank or unknown one. */
    static DeviceState parse(String code) {
        for (DeviceState s : values()) {
            if (s.code().equals(code)) {
                return s;
            }
        }
        return null;
    }
}
