package jp.sukedachi.app.device;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * What registering a device takes: a name, a kind, a format (auto by default), syslog source addresses and
 * the longest time in minutes it may send nothing before the silent-device watch alarms (60 by default).
 */
public record DeviceDraft(
        @NotBlank @Size(max = 100) String name,
        @NotBlank String kind,
        @Size(max = 40) String format,
        @Size(max = 20) List<@Size(max = 45) String> sourceIps,
        @Min(1) @Max(Device.MAX_EXPECTED_INTERVAL_MINUTES) Integer expectedIntervalMinutes) {

    /** A draft with the default expected interval. */
    public DeviceDraft(String name, String kind, String format, List<String> sourceIps) {
        this(name, kind, format, sourceIps, null);
    }
}
