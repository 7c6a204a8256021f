package jp.sukedachi.event;

import java.util.Objects;
import java.util.UUID;

/** A registered sensor, UTM or endpoint agent of one tenant; the ingest token resolves to it. */
public record DeviceId(UUID value) {
    public DeviceId {
        Objects.requireNonNull(value, "device id");
    }

    public static DeviceId random() {
        return new DeviceId(UUID.randomUUID());
    }

    public static DeviceId parse(String text) {
        return new DeviceId(Ids.parseUuid("device id", text));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
