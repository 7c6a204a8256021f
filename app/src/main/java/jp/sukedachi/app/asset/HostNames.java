package jp.sukedachi.app.asset;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import jp.sukedachi.detect.asset.HostObservation;
import jp.sukedachi.detect.asset.LanAddress;
import org.springframework.stereotype.Component;

/**
 * The words an alert's entity is told with: a MAC or a LAN address of a known device becomes its name with the
 * company's label ("TAKAHASHI-PC07（生産管理）"). A public address is never a device of the company: it is never
 * described as one (the advice speaks of the address and the UTM, never tells anyone to unplug it). Bound to the
 * tenant the caller names (the tenant of the alert it renders).
 */
@Component
public class HostNames {
    /** How the company knows one device: its words and its marking. */
    public record Named(String text, Marking marking) {
    }

    private final HostRepository hosts;

    HostNames(HostRepository hosts) {
        this.hosts = hosts;
    }

    /** The device's words, or empty when the entity is not a known device of the company (or is public). */
    public Optional<String> describe(UUID tenantId, String entity) {
        return Optional.ofNullable(all(tenantId).get(normalise(entity))).map(Named::text);
    }

    /** Every device of the company by MAC and by LAN address (both keys point to the same words). */
    public Map<String, Named> all(UUID tenantId) {
        Map<String, Named> out = new HashMap<>();
        for (Host h : hosts.allOf(tenantId)) {
            if (h.name() == null && h.label() == null && h.kind() == null) {
                continue; // nothing better than the bare address or MAC
            }
            Named n = new Named(h.describe(), h.marking());
            if (h.mac() != null) {
                out.put(h.mac(), n);
            }
            if (h.ip() != null) {
                out.putIfAbsent(h.ip(), n);
            }
        }
        return out;
    }

    /** A MAC in its stored spelling, a LAN address as is; null for a public address or nothing. */
    static String normalise(String entity) {
        if (entity == null) {
            return null;
        }
        String s = entity.strip();
        String mac = HostObservation.normaliseMac(s);
        if (mac != null && s.length() >= 12 && (s.contains(":") || s.contains("-"))) {
            return mac;
        }
        return LanAddress.isPrivate(s) ? s.toLowerCase(Locale.ROOT) : null;
    }
}
