package jp.sukedachi.ingest.parse.text;

import java.util.List;
import jp.sukedachi.ingest.parse.LogFormat;

/**
 * The syslog-family formats: {@code cef}, the vendor formats ({@code fortigate}, {@code paloalto},
 * {@code sophos}, {@code sonicwall}, {@code pfsense}, {@code cisco-asa}, {@code checkpoint},
 * {@code f5}, {@code iptables}, {@code sshd}) and plain {@code syslog} (RFC 3164/5424). Vendor sniffs
 * (80-95) outrank syslog's (at most 50), so a FortiGate line in a syslog frame is {@code fortigate};
 * a {@code syslog} parser still recognises vendors per line.
 */
public final class TextFormats {
    private TextFormats() {
    }

    /** Most specific first (the order breaks sniff ties). */
    public static List<LogFormat> all() {
        return List.of(Vendor.values());
    }
}
