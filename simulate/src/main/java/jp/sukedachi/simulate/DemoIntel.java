package jp.sukedachi.simulate;

import java.util.List;
import java.util.Locale;

/**
 * The threat intelligence the attack cases need, all FICTIONAL: addresses from 203.0.113.0/24 (RFC 5737
 * documentation range), names under example.net/example.com (RFC 2606), hashes of nothing. Loaded by the
 * demo as its own source, named so nobody takes it for a real feed. Written in the ThreatFox CSV layout,
 * which the importer reads like any abuse.ch export.
 */
public final class DemoIntel {
    /** The source name the demo imports these under. */
    public static final String SOURCE = "demo-fictional";

    /** One fictional indicator: ThreatFox ioc type, value, threat type, malware family, confidence. */
    public record Ioc(String type, String value, String threatType, String family, int confidence) {
    }

    public static final String BEACON_C2 = "203.0.113.66";
    public static final String XP_WORM_C2 = "203.0.113.77";
    public static final String RANSOM_LOADER_DOMAIN = "cdn-ransom-loader.example.net";
    public static final String RANSOM_LOADER_IP = "203.0.113.99";
    public static final String EMOTET_C2_A = "203.0.113.120";
    public static final String EMOTET_C2_B = "203.0.113.121";
    public static final String REPORT_DOC_SHA256 = "5d1e0c4a7f3b2a9c8e6d5f4a3b2c1d0e9f8a7b6c5d4e3f2a1b0c9d8e7f6a5b4c";
    public static final String INVOICE_XLSM_SHA256 = "a7c3e9f1b5d2c8e4f6a0b9c7d3e1f5a2b8c4d6e0f9a3b7c1d5e2f8a4b6c0d9e3";
    public static final String FREEWARE_URL = "http://free-pdf-tools.example.com/download/pdfconv_setup.exe";

    public static final List<Ioc> INDICATORS = List.of(
            new Ioc("ip:port", BEACON_C2 + ":443", "botnet_cc", "Demo.FreewareRAT", 90),
            new Ioc("url", FREEWARE_URL, "payload_delivery", "Demo.FreewareRAT", 75),
            new Ioc("ip:port", XP_WORM_C2 + ":8080", "botnet_cc", "Demo.XPWorm", 90),
            new Ioc("domain", RANSOM_LOADER_DOMAIN, "payload_delivery", "Demo.RansomLoader", 90),
            new Ioc("ip:port", RANSOM_LOADER_IP + ":443", "payload_delivery", "Demo.RansomLoader", 80),
            new Ioc("ip:port", EMOTET_C2_A + ":8080", "botnet_cc", "Emotet", 100),
            new Ioc("ip:port", EMOTET_C2_B + ":443", "botnet_cc", "Emotet", 100),
            new Ioc("sha256_hash", REPORT_DOC_SHA256, "payload", "Demo.ReportDropper", 90),
            new Ioc("sha256_hash", INVOICE_XLSM_SHA256, "payload", "Emotet", 95));

    private DemoIntel() {
    }

    /** The indicators as a ThreatFox CSV export (header comment, quoted columns). */
    public static String threatFoxCsv(String firstSeenUtc) {
        StringBuilder sb = new StringBuilder();
        sb.append("################################################################\n");
        sb.append("# ThreatFox IOCs: additions - CSV format                       #\n");
        sb.append("# Sukedachi DEMO DATA: fictional indicators for the demo world  #\n");
        sb.append("# (RFC 5737 / RFC 2606 documentation addresses). Not a feed.    #\n");
        sb.append("################################################################\n");
        sb.append("# \"first_seen_utc\",\"ioc_id\",\"ioc_value\",\"ioc_type\",\"threat_type\",\"fk_malware\",\"malware_alias\","
                + "\"malware_printable\",\"last_seen_utc\",\"confidence_level\",\"reference\",\"tags\",\"anonymous\",\"reporter\"\n");
        int id = 900_001;
        for (Ioc i : INDICATORS) {
            sb.append('"').append(firstSeenUtc).append("\", \"").append(id++).append("\", \"").append(i.value())
                    .append("\", \"").append(i.type()).append("\", \"").append(i.threatType()).append("\", \"demo.")
                    .append(i.family().toLowerCase(Locale.ROOT)).append("\", \"None\", \"").append(i.family())
                    .append("\", \"\", \"").append(i.confidence()).append("\", \"\", \"demo\", \"0\", \"sukedachi-demo\"\n");
        }
        return sb.toString();
    }
}
