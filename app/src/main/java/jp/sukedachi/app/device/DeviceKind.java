package jp.sukedachi.app.device;

import java.util.Locale;

/** What a device is; decides the setup instructions shown and the usual format. */
enum DeviceKind {
    UTM("utm"), IDS_SENSOR("ids-sensor"), ENDPOINT("endpoint"), SHIPPER("shipper");

    private final String code;

    DeviceKind(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    public String labelKey() {
        return "device.kind." + code;
    }

    public static DeviceKind parse(String text) {
        for (DeviceKind k : values()) {
            if (k.code.equals(text) || k.name().equals(text == null ? null : text.toUpperCase(Locale.ROOT))) {
                return k;
            }
        }
        throw new IllegalArgumentException("kind must be one of utm, ids-sensor, endpoint, shipper; got: " + text);
    }
}
