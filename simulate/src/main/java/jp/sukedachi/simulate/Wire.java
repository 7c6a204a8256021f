package jp.sukedachi.simulate;

/**
 * How one simulated device talks to Sukedachi: the wire format, the receiver it uses and what kind of
 * device it is registered as (the kinds and format ids of the device registry).
 */
public enum Wire {
    /** A FortiGate UTM at the Internet edge: key=value logs over syslog (TCP, octet counting). */
    FORTIGATE_SYSLOG("fortigate", "utm", Channel.SYSLOG),
    /** A Suricata sensor on the LAN's mirror port: EVE JSON lines over the HTTP ingest API. */
    SURICATA_EVE("suricata-eve", "ids-sensor", Channel.HTTP),
    /** A Zeek sensor: JSON logs (one object per line, {@code _path} names the log) over the HTTP ingest API. */
    ZEEK_JSON("zeek", "ids-sensor", Channel.HTTP),
    /** Winlogbeat on the company's PCs: Sysmon and Security events through the Elasticsearch {@code _bulk} API. */
    WINDOWS_BULK("windows", "shipper", Channel.BULK);

    /** Which receiver: syslog port, {@code POST /api/v1/ingest}, or {@code POST /api/v1/_bulk}. */
    public enum Channel { SYSLOG, HTTP, BULK }

    private final String format;
    private final String deviceKind;
    private final Channel channel;

    Wire(String format, String deviceKind, Channel channel) {
        this.format = format;
        this.deviceKind = deviceKind;
        this.channel = channel;
    }

    /** The parser id the device is registered with. */
    public String format() {
        return format;
    }

    public String deviceKind() {
        return deviceKind;
    }

    public Channel channel() {
        return channel;
    }
}
