package jp.sukedachi.intel.feed;

import java.util.Locale;
import java.util.Optional;
import jp.sukedachi.intel.Normalize;

/** The feed formats {@link FeedImporter} reads, each with the id used in configuration. */
public enum FeedFormat {
    /** URLhaus "Database Dump (CSV)": {@code id,dateadded,url,url_status,last_online,threat,tags,urlhaus_link,reporter}. */
    URLHAUS_CSV("urlhaus-csv"),
    /** ThreatFox "IOCs (CSV)": {@code first_seen_utc,ioc_id,ioc_value,ioc_type,threat_type,fk_malware,...}. */
    THREATFOX_CSV("threatfox-csv"),
    /** MalwareBazaar "samples dump (CSV)": sha256, md5 and sha1 of each sample. */
    MALWAREBAZAAR_CSV("malwarebazaar-csv"),
    /** SSLBL "SSL Certificate Blacklist (SHA1 Fingerprints)": {@code Listingdate,SHA1,Listingreason}. */
    SSLBL_CSV("sslbl-csv"),
    /** Feodo Tracker "botnet C2 IP blocklist (CSV)": {@code first_seen_utc,dst_ip,dst_port,c2_status,last_online,malware}. */
    FEODO_CSV("feodo-csv"),
    /** A MISP event ({@code {"Event":{...}}}), an array of them, or a REST {@code {"response":[...]}}. */
    MISP("misp"),
    /** A STIX 2.1 bundle (or a bare object or an array of them). */
    STIX2("stix2"),
    /** One indicator a line, {@code #} comments, type inferred by {@link Normalize#infer}. */
    LIST("list");

    private final String id;

    FeedFormat(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static Optional<FeedFormat> fromId(String id) {
        for (FeedFormat f : values()) {
            if (f.id.equalsIgnoreCase(id == null ? "" : id.strip())) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    /**
     * The format of a feed from its first few KB: JSON is STIX when it has STIX markers ({@code "objects"},
     * {@code "spec_version"}, {@code "pattern"}, {@code "type": "bundle"}), else MISP when it has
     * {@code "Event"} or {@code "Attribute"}; CSV by the abuse.ch banner or the column header; else a
     * plain list when most non-comment lines are indicators. Empty when none fits.
     */
    public static Optional<FeedFormat> detect(String head) {
        if (head == null) {
            return Optional.empty();
        }
        String s = head.startsWith("\uFEFF") ? head.substring(1) : head;
        String t = s.stripLeading();
        if (t.isEmpty()) {
            return Optional.empty();
        }
        if (t.charAt(0) == '{' || t.charAt(0) == '[') {
            String compact = t.replace(" ", "").replace("\t", "").replace("\n", "").replace("\r", "");
            if (compact.contains("\"type\":\"bundle\"") || compact.contains("\"spec_version\":")
                    || compact.contains("\"pattern_type\":") || compact.contains("\"objects\":[")) {
                return Optional.of(STIX2);
            }
            if (compact.contains("\"Event\":") || compact.contains("\"Attribute\":")) {
                return Optional.of(MISP);
            }
            return Optional.empty();
        }
        String lower = s.toLowerCase(Locale.ROOT);
        if (lower.contains("urlhaus") || lower.contains("id,dateadded,url,url_status")) {
            return Optional.of(URLHAUS_CSV);
        }
        if (lower.contains("threatfox") || lower.contains("\"ioc_value\"")) {
            return Optional.of(THREATFOX_CSV);
        }
        if (lower.contains("malwarebazaar") || lower.contains("\"sha256_hash\",\"md5_hash\"")) {
            return Optional.of(MALWAREBAZAAR_CSV);
        }
        if (lower.contains("feodo") || lower.contains("\"dst_ip\"")) {
            return Optional.of(FEODO_CSV);
        }
        if (lower.contains("sslbl") || lower.contains("listingdate,sha1,listingreason")) {
            return Optional.of(SSLBL_CSV);
        }
        int lines = 0;
        int indicators = 0;
        int end = s.length();
        if (end >= 2048 && s.lastIndexOf('\n') > 0) {
            end = s.lastIndexOf('\n'); // the last line may be cut
        }
        for (String line : s.substring(0, end).split("\r?\n|\r")) {
            String l = line.strip();
            if (l.isEmpty() || l.startsWith("#")) {
                continue;
            }
            lines++;
            if (PlainList.entry(l) != null && Normalize.infer(PlainList.entry(l)).isPresent()) {
                indicators++;
            }
        }
        return lines > 0 && indicators * 2 > lines ? Optional.of(LIST) : Optional.empty();
    }
}
