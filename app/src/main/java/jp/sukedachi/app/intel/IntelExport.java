package jp.sukedachi.app.intel;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import jp.sukedachi.intel.Indicator;
import org.springframework.stereotype.Component;

/**
 * The provider's own indicators for partners: a STIX 2.1 bundle (one indicator object per value,
 * pattern in STIX patterning) or a MISP feed event (one attribute per value, to_ids set). Only
 * provider-wide indicators leave the service; a tenant's own stay with it.
 */
@Component
class IntelExport {
    private static final String IDENTITY = "identity--" + UUID.nameUUIDFromBytes("sukedachi".getBytes());

    public Map<String, Object> stix(List<Indicator> indicators, Instant now) {
        List<Object> objects = new ArrayList<>();
        objects.add(Map.of("type", "identity", "spec_version", "2.1", "id", IDENTITY, "created", now.toString(),
                "modified", now.toString(), "name", "Sukedachi provider", "identity_class", "organization"));
        for (Indicator i : indicators) {
            String pattern = pattern(i);
            if (pattern == null) {
                continue;
            }
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("type", "indicator");
            o.put("spec_version", "2.1");
            o.put("id", "indicator--" + UUID.nameUUIDFromBytes((i.type() + ":" + i.value()).getBytes()));
            o.put("created", (i.firstSeen() == null ? now : i.firstSeen()).toString());
            o.put("modified", (i.lastSeen() == null ? now : i.lastSeen()).toString());
            o.put("created_by_ref", IDENTITY);
            o.put("name", i.type().name().toLowerCase() + " " + i.value());
            o.put("pattern", pattern);
            o.put("pattern_type", "stix");
            o.put("valid_from", (i.firstSeen() == null ? now : i.firstSeen()).toString());
            if (i.expiresAt() != null) {
                o.put("valid_until", i.expiresAt().toString());
            }
            o.put("confidence", i.confidence());
            if (i.threatType() != null) {
                o.put("indicator_types", List.of(i.threatType()));
            }
            if (i.malwareFamily() != null) {
                o.put("labels", List.of(i.malwareFamily()));
            }
            objects.add(o);
        }
        return Map.of("type", "bundle", "id", "bundle--" + UUID.randomUUID(), "objects", objects);
    }

    static String pattern(Indicator i) {
        String v = i.value().replace("\\", "\\\\").replace("'", "\\'");
        return switch (i.type()) {
            case IPV4 -> "[ipv4-addr:value = '" + v + "']";
            case IPV6 -> "[ipv6-addr:value = '" + v + "']";
            case CIDR -> (i.value().contains(":") ? "[ipv6-addr:value = '" : "[ipv4-addr:value = '") + v + "']";
            case DOMAIN, DOMAIN_SUFFIX -> "[domain-name:value = '" + v + "']";
            case URL -> "[url:value = '" + v + "']";
            case MD5 -> "[file:hashes.MD5 = '" + v + "']";
            case SHA1 -> "[file:hashes.'SHA-1' = '" + v + "']";
            case SHA256 -> "[file:hashes.'SHA-256' = '" + v + "']";
            case EMAIL -> "[email-message:from_ref.value = '" + v + "']";
            case TLS_SHA1 -> "[x509-certificate:hashes.'SHA-1' = '" + v + "']";
            case EMAIL_DOMAIN, JA3 -> null;
        };
    }

    public Map<String, Object> misp(List<Indicator> indicators, Instant now) {
        List<Object> attributes = new ArrayList<>();
        for (Indicator i : indicators) {
            String type = switch (i.type()) {
                case IPV4, IPV6, CIDR -> "ip-dst";
                case DOMAIN, DOMAIN_SUFFIX -> "domain";
                case URL -> "url";
                case MD5 -> "md5";
                case SHA1 -> "sha1";
                case SHA256 -> "sha256";
                case EMAIL -> "email-src";
                case EMAIL_DOMAIN -> "domain";
                case TLS_SHA1 -> "x509-fingerprint-sha1";
                case JA3 -> "ja3-fingerprint-md5";
            };
            Map<String, Object> a = new LinkedHashMap<>();
            a.put("uuid", UUID.nameUUIDFromBytes((i.type() + ":" + i.value()).getBytes()).toString());
            a.put("type", type);
            a.put("category", i.type().name().contains("SHA") || i.type().name().equals("MD5") ? "Payload delivery"
                    : "Network activity");
            a.put("value", i.value());
            a.put("to_ids", true);
            a.put("timestamp", Long.toString((i.lastSeen() == null ? now : i.lastSeen()).getEpochSecond()));
            if (i.malwareFamily() != null || i.threatType() != null) {
                a.put("comment", String.join(" ", i.threatType() == null ? "" : i.threatType(),
                        i.malwareFamily() == null ? "" : i.malwareFamily()).strip());
            }
            attributes.add(a);
        }
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("uuid", UUID.randomUUID().toString());
        event.put("info", "Sukedachi provider indicators " + now);
        event.put("date", now.toString().substring(0, 10));
        event.put("timestamp", Long.toString(now.getEpochSecond()));
        event.put("threat_level_id", "2");
        event.put("analysis", "2");
        event.put("Orgc", Map.of("name", "Sukedachi provider"));
        event.put("Attribute", attributes);
        return Map.of("Event", event);
    }
}
