package jp.sukedachi.app.device;

import java.time.Instant;
import java.util.Locale;
import java.util.UUID;

/**
 * A syslog source address of a device and where it stands: requested by a company owner, confirmed by
 * provider staff (only then it routes syslog), rejected, or waiting for review (a second claim on one
 * address found when addresses became unique). {@code tenantName} and {@code deviceName} fill the staff queue.
 */
public record DeviceAddress(long id, UUID deviceId, UUID tenantId, String address, Status status, Instant requestedAt,
        Instant decidedAt, String tenantName, String deviceName) {

    public enum Status {
        REQUESTED, CONFIRMED, REJECTED, REVIEW;

        String code() {
            return name().toLowerCase(Locale.ROOT);
        }

        static Status parse(String code) {
            return valueOf(code.toUpperCase(Locale.ROOT));
        }

        /** The message-bundle key of the status' plain name. */
        public String labelKey() {
            return "device.address.status." + code();
        }

        /** Requested and confirmed addresses hold their claim: nobody else may have them. */
        boolean claims() {
            return this == REQUESTED || this == CONFIRMED;
        }
    }
}
