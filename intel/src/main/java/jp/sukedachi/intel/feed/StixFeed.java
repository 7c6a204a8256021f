package jp.sukedachi.intel.feed;

import java.io.Reader;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import jp.sukedachi.intel.IndicatorType;
import jp.sukedachi.intel.Normalize;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.json.JsonFactory;

/**
 * STIX 2.1 (and 2.0) JSON: a bundle, streamed one object of {@code objects} at a time; also a bare
 * object or an array of objects or bundles. Only {@code indicator} objects with
 * {@code pattern_type: stix} (or none, as in 2.0) give indicators; other objects, SCOs included, are
 * skipped without counting, and revoked indicators too.
 *
 * <p>Each indicator-bearing comparison of the pattern ({@link StixPattern}) becomes one indicator:
 * {@code ipv4-addr:value} / {@code ipv6-addr:value} (IP, or CIDR with a prefix; {@code /32} and
 * {@code /128} become the address), {@code domain-name:value}, {@code url:value},
 * {@code file:hashes.MD5 / SHA-1 / SHA-256} (also on {@code artifact}), {@code email-addr:value},
 * {@code email-message:from_ref.value} / {@code sender_ref.value},
 * {@code network-traffic:dst_ref.value} / {@code src_ref.value}, {@code x509-certificate:hashes.SHA-1}.
 * Other comparisons ({@code file:name}, {@code x509-certificate:issuer} …) are constraints and dropped.
 * An indicator object whose pattern is unsupported or has no indicator-bearing comparison is one
 * rejection; so is each bad value in a pattern that has good ones too.
 *
 * <p>{@code indicator_types} (2.1) or {@code labels} (2.0) → threatType (the first); {@code confidence}
 * → confidence; {@code valid_from} → firstSeen; {@code valid_until} → expiresAt (else now + TTL);
 * id and name → reference.
 */
final class StixFeed {
    private static final JsonFactory JSON = new JsonFactory();

    private final Collector out;

    StixFeed(Collector out) {
        this.out = out;
    }

    void read(Reader in) {
        int line = 1;
        try (JsonParser p = JSON.createParser(ObjectReadContext.empty(), in)) {
            JsonToken t = p.nextToken();
            if (t == null) {
                out.reject(1, "empty input", "");
                return;
            }
            value(p, t, 0);
        } catch (JacksonException e) {
            line = e.getLocation() == null ? line : Math.max(1, e.getLocation().getLineNr());
            out.reject(line, "malformed JSON: " + shortMessage(e), "");
        } catch (IllegalArgumentException e) {
            out.reject(line, e.getMessage(), "");
        }
    }

    static String shortMessage(JacksonException e) {
        String m = e.getOriginalMessage();
        if (m == null) {
            m = e.getClass().getSimpleName();
        }
        int nl = m.indexOf('\n');
        return nl > 0 ? m.substring(0, nl) : m.length() > 160 ? m.substring(0, 160) : m;
    }

    private void value(JsonParser p, JsonToken t, int depth) {
        if (t == JsonToken.START_ARRAY) {
            if (depth > 2) {
                p.skipChildren();
                return;
            }
            JsonToken e;
            while ((e = p.nextToken()) != JsonToken.END_ARRAY) {
                if (e == null) {
                    throw new IllegalArgumentException("unexpected end of JSON");
                }
                value(p, e, depth + 1);
            }
        } else if (t == JsonToken.START_OBJECT) {
            container(p);
        } else {
            out.reject(p.currentTokenLocation().getLineNr(), "not a STIX object", JsonTree.str(JsonTree.read(p)));
        }
    }

    /** A bundle, streaming its objects, or a bare object; the parser is on START_OBJECT. */
    private void container(JsonParser p) {
        Map<String, Object> top = new LinkedHashMap<>();
        int line = p.currentTokenLocation().getLineNr();
        top.put(JsonTree.LINE, line);
        String name;
        while ((name = p.nextName()) != null) {
            JsonToken t = p.nextToken();
            if (name.equals("objects") && t == JsonToken.START_ARRAY) {
                JsonToken e;
                while ((e = p.nextToken()) != JsonToken.END_ARRAY) {
                    if (e == null) {
                        throw new IllegalArgumentException("unexpected end of JSON");
                    }
                    if (e == JsonToken.START_OBJECT) {
                        object(JsonTree.map(JsonTree.read(p)));
                    } else {
                        out.reject(p.currentTokenLocation().getLineNr(), "not a STIX object", JsonTree.str(JsonTree.read(p)));
                    }
                }
            } else {
                top.put(name, JsonTree.read(p));
            }
        }
        if (!"bundle".equals(JsonTree.str(top.get("type")))) {
            object(top);
        }
    }

    private void object(Map<String, Object> o) {
        if (!"indicator".equals(JsonTree.str(o.get("type")))) {
            return;
        }
        int line = JsonTree.line(o, 0);
        String id = JsonTree.str(o.get("id"));
        String pattern = JsonTree.str(o.get("pattern"));
        String text = id == null ? String.valueOf(pattern) : id + " " + pattern;
        if (JsonTree.truthy(o.get("revoked"))) {
            return;
        }
        String patternType = JsonTree.str(o.get("pattern_type"));
        if (patternType != null && !patternType.equalsIgnoreCase("stix")) {
            out.reject(line, "unsupported pattern_type " + patternType, text);
            return;
        }
        if (pattern == null) {
            out.reject(line, "indicator without pattern", text);
            return;
        }
        List<StixPattern.Comparison> comparisons;
        try {
            comparisons = StixPattern.parse(pattern);
        } catch (IllegalArgumentException e) {
            out.reject(line, e.getMessage(), text);
            return;
        }
        String threatType = first(o.get("indicator_types"));
        if (threatType == null) {
            threatType = first(o.get("labels"));
        }
        int confidence = FeedImporter.DEFAULT_CONFIDENCE;
        if (o.get("confidence") instanceof Number n && n.intValue() >= 0 && n.intValue() <= 100) {
            confidence = n.intValue();
        }
        Instant firstSeen = Times.parse(JsonTree.str(o.get("valid_from")));
        Instant validUntil = Times.parse(JsonTree.str(o.get("valid_until")));
        Instant expires = validUntil != null ? validUntil : out.ctx.expiry(null);
        String name = JsonTree.str(o.get("name"));
        String reference = id == null ? name : name == null ? id : id + " " + name;
        Set<String> seen = new HashSet<>();
        int bearing = 0;
        for (StixPattern.Comparison c : comparisons) {
            IndicatorType type = typeOf(c);
            if (type == null) {
                continue;
            }
            bearing++;
            String value;
            try {
                if (type == IndicatorType.IPV4) {
                    // IP fields may hold either family, a CIDR, or (network-traffic refs) a name.
                    Normalize.Typed typed = address(c.value(), c.objectType().equals("network-traffic"));
                    type = typed.type();
                    value = typed.value();
                } else {
                    value = Normalize.value(type, c.value());
                }
            } catch (IllegalArgumentException e) {
                out.reject(line, "bad " + c.objectType() + ":" + c.path() + " value: " + e.getMessage(), c.value());
                continue;
            }
            if (seen.add(type + ":" + value)) {
                out.emit(type, value, confidence, threatType, null, firstSeen, null, expires, reference);
            }
        }
        if (bearing == 0) {
            out.reject(line, "no indicator-bearing comparison in pattern", text);
        }
    }

    /** The indicator type a comparison gives, IPV4 meaning "an address, family by value", or null. */
    static IndicatorType typeOf(StixPattern.Comparison c) {
        String path = c.path();
        switch (c.objectType()) {
            case "ipv4-addr", "ipv6-addr" -> {
                return path.equals("value") ? IndicatorType.IPV4 : null;
            }
            case "domain-name" -> {
                return path.equals("value") ? IndicatorType.DOMAIN : null;
            }
            case "url" -> {
                return path.equals("value") ? IndicatorType.URL : null;
            }
            case "email-addr" -> {
                return path.equals("value") ? IndicatorType.EMAIL : null;
            }
            case "email-message" -> {
                return path.equals("from_ref.value") || path.equals("sender_ref.value") ? IndicatorType.EMAIL : null;
            }
            case "network-traffic" -> {
                return path.equals("dst_ref.value") || path.equals("src_ref.value") ? IndicatorType.IPV4 : null;
            }
            case "file", "artifact" -> {
                return switch (hashName(path)) {
                    case "MD5" -> IndicatorType.MD5;
                    case "SHA1" -> IndicatorType.SHA1;
                    case "SHA256" -> IndicatorType.SHA256;
                    default -> null;
                };
            }
            case "x509-certificate" -> {
                return hashName(path).equals("SHA1") ? IndicatorType.TLS_SHA1 : null;
            }
            default -> {
                return null;
            }
        }
    }

    private static String hashName(String path) {
        if (!path.startsWith("hashes.")) {
            return "";
        }
        return path.substring(7).replace("-", "").replace("_", "").toUpperCase(Locale.ROOT);
    }

    static Normalize.Typed address(String raw, boolean nameAllowed) {
        String s = raw.strip();
        if (s.indexOf('/') >= 0) {
            String cidr = Normalize.cidr(s);
            if (cidr.endsWith("/32") && cidr.indexOf(':') < 0) {
                return new Normalize.Typed(IndicatorType.IPV4, cidr.substring(0, cidr.length() - 3));
            }
            if (cidr.endsWith("/128") && cidr.indexOf(':') >= 0) {
                return new Normalize.Typed(IndicatorType.IPV6, cidr.substring(0, cidr.length() - 4));
            }
            return new Normalize.Typed(IndicatorType.CIDR, cidr);
        }
        boolean looksIp = s.indexOf(':') >= 0;
        if (!looksIp) {
            looksIp = true;
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c != '.' && (c < '0' || c > '9')) {
                    looksIp = false;
                    break;
                }
            }
        }
        if (!looksIp && nameAllowed) {
            return new Normalize.Typed(IndicatorType.DOMAIN, Normalize.domain(s));
        }
        String ip = Normalize.ip(s);
        return new Normalize.Typed(ip.indexOf(':') >= 0 ? IndicatorType.IPV6 : IndicatorType.IPV4, ip);
    }

    private static String first(Object o) {
        List<Object> l = JsonTree.list(o);
        return l.isEmpty() ? null : JsonTree.str(l.get(0));
    }
}
