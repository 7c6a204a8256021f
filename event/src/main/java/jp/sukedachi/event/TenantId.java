package jp.sukedachi.event;

import java.util.Objects;
import java.util.UUID;

/**
 * The company (SME) an event, detection or record belongs to. Every stage carries it so that no
 * stage ever has to guess whose data it holds; a value type so it cannot be mixed up with a device id.
 */
public record TenantId(UUID value) {
    public TenantId {
        Objects.requireNonNull(value, "tenant id");
    }

    public static TenantId random() {
        return new TenantId(UUID.randomUUID());
    }

    /** Parses the canonical UUID text; rejects anything else with a message that names the input. */
    public static TenantId parse(String text) {
        return new TenantId(Ids.parseUuid("tenant id", text));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
