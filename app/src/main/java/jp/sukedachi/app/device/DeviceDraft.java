package jp.sukedachi.app.device;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.List;

/** What registering a device takes: a name, a kind, a format (auto by default) and syslog source addresses. */
public record DeviceDraft(
        @NotBlank @Size(max = 100) String name,
        @NotBlank String kind,
        @Size(max = 40) String format,
        @Size(max = 20) List<@Size(max = 45) String> sourceIps) {
}
