package jp.sukedachi.ingest.parse.text;

import jp.sukedachi.event.SecurityEvent;
import jp.sukedachi.ingest.parse.LogFormat;
import jp.sukedachi.ingest.parse.MalformedRecordException;
import jp.sukedachi.ingest.parse.RecordParser;

/**
 * The syslog-family formats. All share one syslog-header parser ({@link TextParser}); each vendor
 * recognises its signature anywhere in the line (devices usually send their format inside a syslog
 * frame, but relays may strip the frame) and scores above plain {@code syslog} so auto-detection
 * picks the most specific one. Declaration order is most specific first.
 */
enum Vendor implements LogFormat {
    /** ArcSight CEF, possibly behind a syslog header; explicit framing, so it outranks any vendor. */
    CEF("cef", 95) {
        @Override
        boolean score(String s) {
            int i = s.indexOf("CEF:");
            return i >= 0 && i + 5 < s.length() && Chars.isDigit(s.charAt(i + 4)) && s.indexOf('|', i) > 0;
        }

        @Override
        void enrich(TextParser p, String s, int msg, SecurityEvent.Builder b) throws MalformedRecordException {
            Cef.parse(p, s, msg, b);
        }
    },
    FORTIGATE("fortigate", 85) {
        @Override
        boolean score(String s) {
            return (s.contains("devname=") || s.contains("logid=")) && s.contains("subtype=");
        }

        @Override
        void enrich(TextParser p, String s, int msg, SecurityEvent.Builder b) {
            FortiGate.enrich(p, s, msg, b);
        }
    },
    PALOALTO("paloalto", 85) {
        @Override
        boolean score(String s) {
            return PaloAlto.sniff(s);
        }

        @Override
        void enrich(TextParser p, String s, int msg, SecurityEvent.Builder b) {
            PaloAlto.enrich(p, s, msg, b);
        }
    },
    SOPHOS("sophos", 85) {
        @Override
        boolean score(String s) {
            return s.contains("device=\"SFW\"") || (s.contains("log_type=") && s.contains("log_component="))
                    || (s.contains(" sys=\"") && s.contains(" sub=\""));
        }

        @Override
        void enrich(TextParser p, String s, int msg, SecurityEvent.Builder b) {
            Firewalls.sophos(p, s, msg, b);
        }
    },
    SONICWALL("sonicwall", 85) {
        @Override
        boolean score(String s) {
            return (s.startsWith("id=") || s.contains(" id=")) && s.contains(" sn=") && s.contains(" m=");
        }

        @Override
        void enrich(TextParser p, String s, int msg, SecurityEvent.Builder b) {
            Firewalls.sonicwall(p, s, msg, b);
        }
    },
    PFSENSE("pfsense", 85) {
        @Override
        boolean score(String s) {
            return s.contains("filterlog:") || s.contains("filterlog[");
        }

        @Override
        void enrich(TextParser p, String s, int msg, SecurityEvent.Builder b) {
            Firewalls.pfsense(p, s, msg, b);
        }
    },
    CISCO_ASA("cisco-asa", 85) {
        @Override
        boolean score(String s) {
            return CiscoAsa.marker(s) >= 0;
        }

        @Override
        void enrich(TextParser p, String s, int msg, SecurityEvent.Builder b) {
            CiscoAsa.enrich(p, s, msg, b);
        }
    },
    CHECKPOINT("checkpoint", 85) {
        @Override
        boolean score(String s) {
            return s.contains(" CheckPoint ") || s.contains("originsicname");
        }

        @Override
        void enrich(TextParser p, String s, int msg, SecurityEvent.Builder b) {
            Firewalls.checkpoint(p, s, msg, b);
        }
    },
    F5("f5", 80) {
        @Override
        boolean score(String s) {
            return Firewalls.f5MessageId(s, 0) >= 0;
        }

        @Override
        void enrich(TextParser p, String s, int msg, SecurityEvent.Builder b) {
            Firewalls.f5(p, s, msg, b);
        }
    },
    IPTABLES("iptables", 85) {
        @Override
        boolean score(String s) {
            return s.contains("IN=") && s.contains(" OUT=") && s.contains(" SRC=");
        }

        @Override
        void enrich(TextParser p, String s, int msg, SecurityEvent.Builder b) {
            Firewalls.iptables(p, s, msg, b);
        }
    },
    SSHD("sshd", 80) {
        @Override
        boolean score(String s) {
            return s.contains("sshd[") || s.contains(" sshd:");
        }

        @Override
        void enrich(TextParser p, String s, int msg, SecurityEvent.Builder b) {
            Sshd.enrich(p, s, msg, b);
        }
    },
    /** Plain syslog: the header only, scored by how syslog-like the line starts (0 to 50). */
    SYSLOG("syslog", 0) {
        @Override
        public int sniff(String record) {
            return record == null ? 0 : SyslogHeader.sniff(record);
        }

        @Override
        boolean score(String s) {
            return false;
        }

        @Override
        void enrich(TextParser p, String s, int msg, SecurityEvent.Builder b) {
            // header fields only
        }
    };

    private static final Vendor[] VALUES = values();

    private final String id;
    private final int confidence;

    Vendor(String id, int confidence) {
        this.id = id;
        this.confidence = confidence;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public int sniff(String record) {
        return record != null && score(record) ? confidence : 0;
    }

    @Override
    public RecordParser newParser() {
        return new TextParser(this);
    }

    /** Whether the vendor's signature is in the line (a few indexOf calls). */
    abstract boolean score(String s);

    /** Adds the vendor's fields for the message starting at s[msg]. */
    abstract void enrich(TextParser p, String s, int msg, SecurityEvent.Builder b) throws MalformedRecordException;

    /** The most specific vendor whose signature is in the line, else SYSLOG. */
    static Vendor detect(String s) {
        Vendor best = SYSLOG;
        int bestScore = 0;
        for (Vendor v : VALUES) {
            if (v != SYSLOG && v.confidence > bestScore && v.score(s)) {
                best = v;
                bestScore = v.confidence;
            }
        }
        return best;
    }
}
