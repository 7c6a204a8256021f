package jp.sukedachi.intel.feed;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import jp.sukedachi.intel.IndicatorType;
import jp.sukedachi.intel.Normalize;

/**
 * The abuse.ch CSV dumps. {@code #} lines are banner, footer ({@code # Number of entries}) or the
 * column header; a header found in a comment or as a quoted first row (Feodo Tracker) replaces the
 * default column order, so a reordered dump still reads right.
 *
 * <ul>
 * <li>URLhaus: url → URL; threat → threatType; the first non-generic tag (not {@code elf}, {@code 32-bit},
 * {@code exe} …) → malware family; dateadded / last_online → first / last seen; urlhaus_link → reference.</li>
 * <li>ThreatFox: ioc_type {@code ip:port} → IPV4/IPV6 (the port goes into reference as {@code port=N}),
 * {@code domain}, {@code url}, {@code md5_hash}, {@code sha1_hash}, {@code sha256_hash}; confidence_level,
 * threat_type, malware_printable, first/last seen; reference or the IOC page.</li>
 * <li>MalwareBazaar: sha256, md5 and sha1 → three indicators a row; signature → family; threatType {@code payload}.</li>
 * <li>SSLBL: SHA1 → TLS_SHA1; listing reason "X C&amp;C" → family X, threatType {@code botnet_cc}.</li>
 * <li>Feodo Tracker: dst_ip → IPV4/IPV6, threatType {@code botnet_cc}, malware → family, {@code port=N} in reference.</li>
 * </ul>
 */
final class AbuseChCsv {
    private static final Set<String> GENERIC_TAGS = Set.of("32-bit", "64-bit", "elf", "mips", "mipsel", "arm", "arm4",
            "arm5", "arm6", "arm7", "aarch64", "x86", "x86-64", "x64", "i686", "powerpc", "sparc", "m68k", "sh4", "sh",
            "exe", "dll", "msi", "zip", "rar", "7z", "iso", "img", "lnk", "hta", "js", "vbs", "bat", "cmd", "ps1",
            "powershell", "doc", "docx", "xls", "xlsx", "pdf", "apk", "jar", "ascii", "encoded", "base64", "opendir",
            "dropbox", "github", "discord", "payload", "malware", "botnet", "none", "n/a", "signed", "unsigned");

    private final FeedFormat format;
    private final Collector out;
    private final String key;
    private final Map<String, Integer> cols = new HashMap<>();

    AbuseChCsv(FeedFormat format, Collector out) {
        this.format = format;
        this.out = out;
        String[] defaults = switch (format) {
            case URLHAUS_CSV -> new String[] {"id", "dateadded", "url", "url_status", "last_online", "threat", "tags",
                    "urlhaus_link", "reporter"};
            case THREATFOX_CSV -> new String[] {"first_seen_utc", "ioc_id", "ioc_value", "ioc_type", "threat_type",
                    "fk_malware", "malware_alias", "malware_printable", "last_seen_utc", "confidence_level", "reference",
                    "tags", "anonymous", "reporter"};
            case MALWAREBAZAAR_CSV -> new String[] {"first_seen_utc", "sha256_hash", "md5_hash", "sha1_hash", "reporter",
                    "file_name", "file_type_guess", "mime_type", "signature", "clamav", "vtpercent", "imphash", "ssdeep",
                    "tlsh"};
            case SSLBL_CSV -> new String[] {"listingdate", "sha1", "listingreason"};
            case FEODO_CSV -> new String[] {"first_seen_utc", "dst_ip", "dst_port", "c2_status", "last_online", "malware"};
            default -> throw new IllegalArgumentException("not an abuse.ch CSV format: " + format);
        };
        this.key = switch (format) {
            case URLHAUS_CSV -> "url";
            case THREATFOX_CSV -> "ioc_value";
            case MALWAREBAZAAR_CSV -> "sha256_hash";
            case SSLBL_CSV -> "sha1";
            default -> "dst_ip";
        };
        setColumns(List.of(defaults));
    }

    private void setColumns(List<String> names) {
        cols.clear();
        for (int i = 0; i < names.size(); i++) {
            cols.putIfAbsent(names.get(i).strip().toLowerCase(Locale.ROOT), i);
        }
    }

    /** A header when the fields name the key column. */
    private boolean tryHeader(List<String> fields) {
        for (String f : fields) {
            if (f.strip().equalsIgnoreCase(key)) {
                setColumns(fields);
                return true;
            }
        }
        return false;
    }

    void read(Lines lines) {
        String line;
        while ((line = lines.next()) != null) {
            int no = lines.number();
            if (lines.truncated()) {
                out.reject(no, "line longer than " + Lines.MAX_LINE, line);
                continue;
            }
            String l = line.strip();
            if (l.isEmpty()) {
                continue;
            }
            if (l.charAt(0) == '#') {
                String c = l.substring(1).strip();
                if (c.indexOf(',') > 0) {
                    try {
                        tryHeader(Csv.split(c));
                    } catch (IllegalArgumentException notAHeader) {
                        // a banner line with a comma
                    }
                }
                continue;
            }
            List<String> f;
            try {
                f = Csv.split(l);
            } catch (IllegalArgumentException e) {
                out.reject(no, "bad CSV: " + e.getMessage(), line);
                continue;
            }
            Integer keyCol = cols.get(key);
            if (keyCol != null && keyCol < f.size() && f.get(keyCol).strip().equalsIgnoreCase(key) && tryHeader(f)) {
                continue;
            }
            int need = 0;
            for (int v : cols.values()) {
                need = Math.max(need, v + 1);
            }
            if (keyCol == null || keyCol >= f.size()) {
                out.reject(no, "expected " + need + " columns, found " + f.size(), line);
                continue;
            }
            try {
                row(f, no, line);
            } catch (IllegalArgumentException e) {
                out.reject(no, e.getMessage(), line);
            }
        }
    }

    private String get(List<String> f, String name) {
        Integer i = cols.get(name);
        return i == null || i >= f.size() ? null : Collector.blankToNull(f.get(i));
    }

    private static IllegalArgumentException bad(String what, IllegalArgumentException e) {
        return new IllegalArgumentException("bad " + what + ": " + e.getMessage());
    }

    private void row(List<String> f, int no, String line) {
        switch (format) {
            case URLHAUS_CSV -> urlhaus(f);
            case THREATFOX_CSV -> threatfox(f);
            case MALWAREBAZAAR_CSV -> malwarebazaar(f, no, line);
            case SSLBL_CSV -> sslbl(f);
            case FEODO_CSV -> feodo(f);
            default -> throw new IllegalStateException();
        }
    }

    private void urlhaus(List<String> f) {
        String raw = require(f, "url");
        String url;
        try {
            url = Normalize.url(raw);
        } catch (IllegalArgumentException e) {
            throw bad("URL", e);
        }
        Instant first = Times.parse(get(f, "dateadded"));
        Instant last = Times.parse(get(f, "last_online"));
        out.emit(IndicatorType.URL, url, FeedImporter.DEFAULT_CONFIDENCE, get(f, "threat"), familyFromTags(get(f, "tags")),
                first, last, out.ctx.expiry(last), get(f, "urlhaus_link"));
    }

    static String familyFromTags(String tags) {
        if (tags == null) {
            return null;
        }
        for (String t : tags.split(",")) {
            String tag = t.strip();
            if (!tag.isEmpty() && !GENERIC_TAGS.contains(tag.toLowerCase(Locale.ROOT))) {
                return tag;
            }
        }
        return null;
    }

    private void threatfox(List<String> f) {
        String raw = require(f, "ioc_value");
        String iocType = require(f, "ioc_type").toLowerCase(Locale.ROOT);
        String id = get(f, "ioc_id");
        String reference = get(f, "reference");
        if (reference == null && id != null) {
            reference = "https://threatfox.abuse.ch/ioc/" + id + "/";
        }
        IndicatorType type;
        String value;
        try {
            switch (iocType) {
                case "ip:port" -> {
                    String ip = raw;
                    String port = null;
                    int colon = raw.lastIndexOf(':');
                    if (colon > 0 && (raw.indexOf(':') == colon || raw.charAt(colon - 1) == ']')) {
                        ip = raw.substring(0, colon);
                        port = raw.substring(colon + 1);
                    }
                    value = Normalize.ip(ip);
                    type = value.indexOf(':') >= 0 ? IndicatorType.IPV6 : IndicatorType.IPV4;
                    if (port != null && !port.isEmpty()) {
                        reference = reference == null ? "port=" + port : reference + " port=" + port;
                    }
                }
                case "ip" -> {
                    value = Normalize.ip(raw);
                    type = value.indexOf(':') >= 0 ? IndicatorType.IPV6 : IndicatorType.IPV4;
                }
                case "domain" -> {
                    type = IndicatorType.DOMAIN;
                    value = Normalize.domain(raw);
                }
                case "url" -> {
                    type = IndicatorType.URL;
                    value = Normalize.url(raw);
                }
                case "md5_hash" -> {
                    type = IndicatorType.MD5;
                    value = Normalize.value(type, raw);
                }
                case "sha1_hash" -> {
                    type = IndicatorType.SHA1;
                    value = Normalize.value(type, raw);
                }
                case "sha256_hash" -> {
                    type = IndicatorType.SHA256;
                    value = Normalize.value(type, raw);
                }
                default -> throw new IllegalArgumentException("unsupported ioc_type " + iocType);
            }
        } catch (IllegalArgumentException e) {
            if (e.getMessage() != null && e.getMessage().startsWith("unsupported")) {
                throw e;
            }
            throw bad(iocType + " value", e);
        }
        Instant last = Times.parse(get(f, "last_seen_utc"));
        String family = get(f, "malware_printable");
        if (family != null && family.equalsIgnoreCase("Unknown malware")) {
            family = null;
        }
        out.emit(type, value, confidence(get(f, "confidence_level")), get(f, "threat_type"), family,
                Times.parse(get(f, "first_seen_utc")), last, out.ctx.expiry(last), reference);
    }

    private static int confidence(String s) {
        if (s == null) {
            return FeedImporter.DEFAULT_CONFIDENCE;
        }
        try {
            int c = Integer.parseInt(s.strip());
            return c < 0 || c > 100 ? FeedImporter.DEFAULT_CONFIDENCE : c;
        } catch (NumberFormatException e) {
            return FeedImporter.DEFAULT_CONFIDENCE;
        }
    }

    private void malwarebazaar(List<String> f, int no, String line) {
        Instant first = Times.parse(get(f, "first_seen_utc"));
        String family = get(f, "signature");
        String sha256 = get(f, "sha256_hash");
        String reference = sha256 == null ? null : "https://bazaar.abuse.ch/sample/" + sha256.strip().toLowerCase(Locale.ROOT) + "/";
        Instant expires = out.ctx.expiry(null); // no last-seen in the dump
        String[][] hashes = {{"sha256_hash", "SHA256"}, {"md5_hash", "MD5"}, {"sha1_hash", "SHA1"}};
        int good = 0;
        int bad = 0;
        for (String[] h : hashes) {
            String raw = get(f, h[0]);
            if (raw == null) {
                continue;
            }
            IndicatorType type = IndicatorType.valueOf(h[1]);
            try {
                String v = Normalize.value(type, raw);
                out.emit(type, v, FeedImporter.DEFAULT_CONFIDENCE, "payload", family, first, null, expires, reference);
                good++;
            } catch (IllegalArgumentException e) {
                out.reject(no, "bad " + h[0] + ": " + e.getMessage(), line);
                bad++;
            }
        }
        if (good == 0 && bad == 0) {
            throw new IllegalArgumentException("no hash in row");
        }
    }

    private void sslbl(List<String> f) {
        String raw = require(f, "sha1");
        String value;
        try {
            value = Normalize.value(IndicatorType.TLS_SHA1, raw);
        } catch (IllegalArgumentException e) {
            throw bad("SHA1 fingerprint", e);
        }
        String reason = get(f, "listingreason");
        String family = reason;
        String threatType = null;
        if (reason != null && reason.endsWith(" C&C")) {
            family = reason.substring(0, reason.length() - 4).strip();
            threatType = "botnet_cc";
        }
        Instant listed = Times.parse(get(f, "listingdate"));
        out.emit(IndicatorType.TLS_SHA1, value, FeedImporter.DEFAULT_CONFIDENCE, threatType, family, listed, null,
                out.ctx.expiry(null), "https://sslbl.abuse.ch/ssl-certificates/sha1/" + value + "/");
    }

    private void feodo(List<String> f) {
        String raw = require(f, "dst_ip");
        String value;
        try {
            value = Normalize.ip(raw);
        } catch (IllegalArgumentException e) {
            throw bad("dst_ip", e);
        }
        IndicatorType type = value.indexOf(':') >= 0 ? IndicatorType.IPV6 : IndicatorType.IPV4;
        Instant first = Times.parse(get(f, "first_seen_utc"));
        Instant last = Times.parse(get(f, "last_online"));
        String port = get(f, "dst_port");
        String status = get(f, "c2_status");
        String reference = (port == null ? "" : "port=" + port) + (status == null ? "" : (port == null ? "" : " ") + "status=" + status);
        out.emit(type, value, FeedImporter.DEFAULT_CONFIDENCE, "botnet_cc", get(f, "malware"), first, last,
                out.ctx.expiry(last), reference);
    }

    private String require(List<String> f, String name) {
        String v = get(f, name);
        if (v == null) {
            throw new IllegalArgumentException("empty " + name);
        }
        return v;
    }
}
