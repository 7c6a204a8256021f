package jp.sukedachi.ingest.parse;

/**
 * One log format Sukedachi understands (Suricata EVE, Zeek, syslog, CEF, FortiGate, Windows, Wazuh …).
 * Implementations are stateless and thread-safe; per-stream state (a Zeek {@code #fields} header)
 * lives in the {@link RecordParser} that {@link #newParser()} returns.
 */
public interface LogFormat {
    /** Stable id used in configuration, the API and {@code SecurityEvent.format()}, e.g. {@code suricata-eve}. */
    String id();

    /**
     * How sure this format is that the record is one of its own, 0 (no) to 100 (certain). Must be
     * cheap (a few character checks); auto-detection asks every format and takes the highest.
     */
    int sniff(String record);

    /** A parser for one stream of records (one request body, one file, one TCP connection). Not thread-safe. */
    RecordParser newParser();
}
