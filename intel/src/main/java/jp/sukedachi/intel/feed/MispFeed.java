package jp.sukedachi.intel.feed;

import java.io.Reader;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import jp.sukedachi.intel.IndicatorType;
import jp.sukedachi.intel.Normalize;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.json.JsonFactory;

/**
 * MISP events as a MISP feed or export writes them: {@code {"Event":{...}}}, an array of those (a feed
 * without its manifest), a bare event, or the REST {@code {"response":[...]}}. Read one event at a time.
 *
 * <p>Only attributes with {@code to_ids: true} are imported: that is MISP's own flag for "use for
 * detection"; the others are context (victim addresses, links, comments) and would raise false
 * alarms. They and deleted attributes are skipped without counting. A {@code to_ids} attribute of a
 * type we cannot match (e.g. {@code regkey}, {@code mutex}, {@code sha512}, {@code snort}) counts as
 * rejected with the reason.
 *
 * <p>Types: {@code ip-src}, {@code ip-dst} (IPv4, IPv6 or CIDR), {@code ip-src|port}, {@code ip-dst|port}
 * (port in reference), {@code domain}, {@code hostname}, {@code hostname|port}, {@code domain|ip} (both),
 * {@code url}, {@code md5}, {@code sha1}, {@code sha256}, {@code filename|md5}, {@code filename|sha1},
 * {@code filename|sha256}, {@code malware-sample} (filename|md5), {@code email}, {@code email-src},
 * {@code x509-fingerprint-sha1} → TLS_SHA1, {@code ja3-fingerprint-md5} → JA3. Attributes inside
 * {@code Object}s are read the same way.
 *
 * <p>threatType is the attribute category in snake case ({@code network_activity},
 * {@code payload_delivery}); the malware family comes from a galaxy tag
 * ({@code misp-galaxy:malpedia="Emotet"}, {@code misp-galaxy:mitre-malware="…"} …) on the attribute or
 * else the event; confidence from {@code threat_level_id} (1 high → 90, 2 → 75, 3 low → 50); firstSeen
 * from the attribute's {@code first_seen} or the event date; lastSeen from {@code last_seen} or the
 * attribute {@code timestamp}; reference is the event's info and uuid.
 */
final class MispFeed {
    private static final JsonFactory JSON = new JsonFactory();

    private final Collector out;
    private int events;

    MispFeed(Collector out) {
        this.out = out;
    }

    void read(Reader in) {
        try (JsonParser p = JSON.createParser(ObjectReadContext.empty(), in)) {
            JsonToken t = p.nextToken();
            if (t == null) {
                out.reject(1, "empty input", "");
                return;
            }
            value(p, t, 0);
            if (events == 0) {
                out.reject(1, "no MISP Event found", "");
            }
        } catch (JacksonException e) {
            int line = e.getLocation() == null ? 1 : Math.max(1, e.getLocation().getLineNr());
            out.reject(line, "malformed JSON: " + StixFeed.shortMessage(e), "");
        } catch (IllegalArgumentException e) {
            out.reject(1, e.getMessage(), "");
        }
    }

    private void value(JsonParser p, JsonToken t, int depth) {
        if (t == JsonToken.START_ARRAY && depth < 3) {
            JsonToken e;
            while ((e = p.nextToken()) != JsonToken.END_ARRAY) {
                if (e == null) {
                    throw new IllegalArgumentException("unexpected end of JSON");
                }
                value(p, e, depth + 1);
            }
        } else if (t == JsonToken.START_OBJECT && depth < 3) {
            container(p, depth);
        } else {
            int line = p.currentTokenLocation().getLineNr();
            Object v = JsonTree.read(p);
            out.reject(line, "not a MISP event", v instanceof String s ? s : "");
        }
    }

    /** {"Event":{…}}, {"response":[…]} or a bare event; parser on START_OBJECT. */
    private void container(JsonParser p, int depth) {
        int line = p.currentTokenLocation().getLineNr();
        Map<String, Object> bare = new LinkedHashMap<>();
        bare.put(JsonTree.LINE, line);
        String name;
        while ((name = p.nextName()) != null) {
            JsonToken t = p.nextToken();
            if (name.equals("Event") && t == JsonToken.START_OBJECT) {
                event(JsonTree.map(JsonTree.read(p)));
            } else if (name.equals("response") && t == JsonToken.START_ARRAY) {
                value(p, t, depth + 1);
            } else {
                bare.put(name, JsonTree.read(p));
            }
        }
        if (bare.containsKey("Attribute") || bare.containsKey("Object")) {
            event(bare);
        }
    }

    private void event(Map<String, Object> e) {
        events++;
        String info = JsonTree.str(e.get("info"));
        String uuid = JsonTree.str(e.get("uuid"));
        String reference = info == null ? (uuid == null ? null : "MISP event " + uuid)
                : uuid == null ? info : info + " (MISP event " + uuid + ")";
        int confidence = switch (String.valueOf(JsonTree.str(e.get("threat_level_id")))) {
            case "1" -> 90;
            case "3" -> 50;
            default -> FeedImporter.DEFAULT_CONFIDENCE;
        };
        String eventFamily = family(e.get("Tag"));
        if (eventFamily == null) {
            eventFamily = galaxyFamily(e.get("Galaxy"));
        }
        Instant eventDate = Times.parse(JsonTree.str(e.get("date")));
        Ctx ctx = new Ctx(reference, confidence, eventFamily, eventDate, JsonTree.line(e, 1));
        for (Object a : JsonTree.list(e.get("Attribute"))) {
            attribute(JsonTree.map(a), ctx);
        }
        for (Object o : JsonTree.list(e.get("Object"))) {
            Map<String, Object> obj = JsonTree.map(o);
            if (JsonTree.truthy(obj.get("deleted"))) {
                continue;
            }
            for (Object a : JsonTree.list(obj.get("Attribute"))) {
                attribute(JsonTree.map(a), ctx);
            }
        }
    }

    private record Ctx(String reference, int confidence, String family, Instant date, int line) {
    }

    private void attribute(Map<String, Object> a, Ctx ctx) {
        if (!JsonTree.truthy(a.get("to_ids")) || JsonTree.truthy(a.get("deleted"))) {
            return;
        }
        int line = JsonTree.line(a, ctx.line());
        String type = JsonTree.str(a.get("type"));
        String value = JsonTree.str(a.get("value"));
        String text = type + " " + value;
        if (type == null || value == null || value.isBlank()) {
            out.reject(line, "attribute without type or value", text);
            return;
        }
        type = type.toLowerCase(Locale.ROOT);
        String category = JsonTree.str(a.get("category"));
        String threatType = category == null ? null : category.strip().toLowerCase(Locale.ROOT).replace(' ', '_').replace('-', '_');
        String family = family(a.get("Tag"));
        if (family == null) {
            family = galaxyFamily(a.get("Galaxy"));
        }
        if (family == null) {
            family = ctx.family();
        }
        Instant first = Times.parse(JsonTree.str(a.get("first_seen")));
        if (first == null) {
            first = ctx.date();
        }
        Instant last = Times.parse(JsonTree.str(a.get("last_seen")));
        if (last == null) {
            last = Times.parse(JsonTree.str(a.get("timestamp")));
        }
        String reference = ctx.reference();
        String comment = JsonTree.str(a.get("comment"));
        if (comment != null && !comment.isBlank() && reference == null) {
            reference = comment;
        }
        String[] parts = value.split("\\|", -1);
        try {
            switch (type) {
                case "ip-src", "ip-dst" -> emitAddress(value, first, last, threatType, family, ctx, reference);
                case "ip-src|port", "ip-dst|port" -> {
                    require(parts, 2);
                    String ref = (reference == null ? "" : reference + " ") + "port=" + parts[1].strip();
                    emitAddress(parts[0], first, last, threatType, family, ctx, ref);
                }
                case "domain", "hostname" -> emit(IndicatorType.DOMAIN, value, first, last, threatType, family, ctx, reference);
                case "hostname|port" -> {
                    require(parts, 2);
                    emit(IndicatorType.DOMAIN, parts[0], first, last, threatType, family, ctx,
                            (reference == null ? "" : reference + " ") + "port=" + parts[1].strip());
                }
                case "domain|ip" -> {
                    require(parts, 2);
                    emit(IndicatorType.DOMAIN, parts[0], first, last, threatType, family, ctx, reference);
                    emitAddress(parts[1], first, last, threatType, family, ctx, reference);
                }
                case "url" -> emit(IndicatorType.URL, value, first, last, threatType, family, ctx, reference);
                case "md5" -> emit(IndicatorType.MD5, value, first, last, threatType, family, ctx, reference);
                case "sha1" -> emit(IndicatorType.SHA1, value, first, last, threatType, family, ctx, reference);
                case "sha256" -> emit(IndicatorType.SHA256, value, first, last, threatType, family, ctx, reference);
                case "filename|md5", "malware-sample" -> {
                    require(parts, 2);
                    emit(IndicatorType.MD5, parts[1], first, last, threatType, family, ctx, reference);
                }
                case "filename|sha1" -> {
                    require(parts, 2);
                    emit(IndicatorType.SHA1, parts[1], first, last, threatType, family, ctx, reference);
                }
                case "filename|sha256" -> {
                    require(parts, 2);
                    emit(IndicatorType.SHA256, parts[1], first, last, threatType, family, ctx, reference);
                }
                case "email", "email-src" -> emit(IndicatorType.EMAIL, value, first, last, threatType, family, ctx, reference);
                case "x509-fingerprint-sha1" -> emit(IndicatorType.TLS_SHA1, value, first, last, threatType, family, ctx, reference);
                case "ja3-fingerprint-md5" -> emit(IndicatorType.JA3, value, first, last, threatType, family, ctx, reference);
                default -> out.reject(line, "unsupported attribute type " + type, text);
            }
        } catch (IllegalArgumentException e) {
            out.reject(line, "bad " + type + " value: " + e.getMessage(), text);
        }
    }

    private static void require(String[] parts, int n) {
        if (parts.length != n) {
            throw new IllegalArgumentException("expected " + n + " parts separated by |");
        }
    }

    private void emit(IndicatorType type, String raw, Instant first, Instant last, String threatType, String family,
            Ctx ctx, String reference) {
        String v = Normalize.value(type, raw.strip());
        out.emit(type, v, ctx.confidence(), threatType, family, first, last, out.ctx.expiry(last), reference);
    }

    private void emitAddress(String raw, Instant first, Instant last, String threatType, String family, Ctx ctx,
            String reference) {
        Normalize.Typed t = StixFeed.address(raw, false);
        out.emit(t.type(), t.value(), ctx.confidence(), threatType, family, first, last, out.ctx.expiry(last), reference);
    }

    private static final List<String> FAMILY_GALAXIES = List.of("malpedia", "mitre-malware", "ransomware", "banker",
            "rat", "botnet", "stealer", "backdoor", "android", "exploit-kit");

    /** The value of the first malware galaxy tag, e.g. {@code misp-galaxy:malpedia="Emotet"} → Emotet. */
    static String family(Object tags) {
        for (Object t : JsonTree.list(tags)) {
            String name = JsonTree.str(JsonTree.map(t).get("name"));
            if (name == null || !name.startsWith("misp-galaxy:")) {
                continue;
            }
            int eq = name.indexOf('=');
            if (eq < 0 || !FAMILY_GALAXIES.contains(name.substring(12, eq))) {
                continue;
            }
            String v = name.substring(eq + 1).strip();
            if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
                v = v.substring(1, v.length() - 1);
            }
            int dash = v.lastIndexOf(" - S");
            if (dash > 0) {
                v = v.substring(0, dash); // mitre-malware "Emotet - S0367"
            }
            if (!v.isBlank()) {
                return v;
            }
        }
        return null;
    }

    private static String galaxyFamily(Object galaxies) {
        for (Object g : JsonTree.list(galaxies)) {
            Map<String, Object> gm = JsonTree.map(g);
            if (!FAMILY_GALAXIES.contains(String.valueOf(JsonTree.str(gm.get("type"))))) {
                continue;
            }
            for (Object c : JsonTree.list(gm.get("GalaxyCluster"))) {
                String v = JsonTree.str(JsonTree.map(c).get("value"));
                if (v != null && !v.isBlank()) {
                    int dash = v.lastIndexOf(" - S");
                    return dash > 0 ? v.substring(0, dash) : v;
                }
            }
        }
        return null;
    }
}
