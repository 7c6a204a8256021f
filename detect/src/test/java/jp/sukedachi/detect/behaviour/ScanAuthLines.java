package jp.sukedachi.detect.behaviour;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import jp.sukedachi.event.DeviceId;
import jp.sukedachi.event.SecurityEvent;
import jp.sukedachi.event.TenantId;
import jp.sukedachi.ingest.parse.LogFormats;
import jp.sukedachi.ingest.parse.MalformedRecordException;

/**
 * Realistic log lines of the devices the scan and brute-force detectors read (FortiGate traffic and login events,
 * Zeek conn in JSON, Suricata EVE flow, OpenSSH over syslog with RFC 3339 times (rsyslog), Winlogbeat Security events), parsed by the real ingest parsers.
 */
final class ScanAuthLines {
    private static final LogFormats FORMATS = LogFormats.standard();
    private static final DateTimeFormatter JST_DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.ofHours(9));
    private static final DateTimeFormatter JST_TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.ofHours(9));

    private static final DateTimeFormatter EVE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSZ")
            .withZone(ZoneOffset.ofHours(9));

    private ScanAuthLines() {
    }

    static SecurityEvent parse(String format, String line, TenantId tenant, DeviceId device) {
        try {
            SecurityEvent e = FORMATS.byId(format).orElseThrow().newParser().parse(line, 0);
            return e.withOwner(tenant, device, e.timestampMillis());
        } catch (MalformedRecordException ex) {
            throw new AssertionError(line, ex);
        }
    }

    private static String forti(long t, String logid, String type, String subtype, String level) {
        return "<189>date=" + JST_DATE.format(Instant.ofEpochMilli(t)) + " time=" + JST_TIME.format(Instant.ofEpochMilli(t))
                + " devname=\"FGT60F-HQ\" devid=\"FGT60FTK20001234\" eventtime=" + t * 1_000_000L
                + " tz=\"+0900\" logid=\"" + logid + "\" type=\"" + type + "\" subtype=\"" + subtype + "\" level=\""
                + level + "\" vd=\"root\"";
    }

    /** A connection the UTM's policy denied. */
    static String fortiDeny(long t, String src, int srcPort, String dst, int port) {
        return forti(t, "0000000013", "traffic", "forward", "notice") + " srcip=" + src + " srcport=" + srcPort
                + " srcintf=\"wan1\" srcintfrole=\"wan\" dstip=" + dst + " dstport=" + port
                + " dstintf=\"internal\" dstintfrole=\"lan\" sessionid=" + (t % 100_000_000) + " proto=6 action=\"deny\""
                + " policyid=0 policytype=\"policy\" service=\"tcp/" + port + "\" trandisp=\"noop\" duration=0"
                + " sentbyte=0 rcvdbyte=0 sentpkt=0 rcvdpkt=0 msg=\"Denied by forward policy check (policy 0)\"";
    }

    /** A LAN-to-LAN connection the UTM let through (an internal segment policy). */
    static String fortiAccept(long t, String src, int srcPort, String dst, int port) {
        return forti(t, "0000000013", "traffic", "forward", "notice") + " srcip=" + src + " srcport=" + srcPort
                + " srcintf=\"internal\" srcintfrole=\"lan\" dstip=" + dst + " dstport=" + port
                + " dstintf=\"dmz\" dstintfrole=\"dmz\" proto=6 action=\"accept\" policyid=4 service=\"tcp/" + port
                + "\" duration=1 sentbyte=120 rcvdbyte=60 sentpkt=2 rcvdpkt=1";
    }

    /** Zeek conn (JSON writer). */
    static String zeekConn(long t, String src, int srcPort, String dst, int port, String state) {
        return "{\"_path\":\"conn\",\"ts\":" + t / 1000.0 + ",\"uid\":\"C" + Long.toHexString(t) + port
                + "\",\"id.orig_h\":\"" + src + "\",\"id.orig_p\":" + srcPort + ",\"id.resp_h\":\"" + dst
                + "\",\"id.resp_p\":" + port + ",\"proto\":\"tcp\",\"conn_state\":\"" + state
                + "\",\"missed_bytes\":0,\"history\":\"S\",\"orig_pkts\":1,\"orig_ip_bytes\":44,\"resp_pkts\":0,"
                + "\"resp_ip_bytes\":0}";
    }

    /** Suricata EVE flow record of a connection that got no answer (state new, timed out). */
    static String suricataFlow(long t, String src, int srcPort, String dst, int port) {
        String ts = EVE_TIME.format(Instant.ofEpochMilli(t));
        return "{\"timestamp\":\"" + ts + "\",\"flow_id\":" + (t % 1_000_000_007L) + ",\"event_type\":\"flow\","
                + "\"src_ip\":\"" + src + "\",\"src_port\":" + srcPort + ",\"dest_ip\":\"" + dst + "\",\"dest_port\":"
                + port + ",\"proto\":\"TCP\",\"flow\":{\"pkts_toserver\":1,\"pkts_toclient\":0,\"bytes_toserver\":74,"
                + "\"bytes_toclient\":0,\"start\":\"" + ts + "\",\"end\":\"" + ts + "\",\"age\":0,\"state\":\"new\","
                + "\"reason\":\"timeout\",\"alerted\":false}}";
    }

    /** OpenSSH's failed password line (rsyslog forwarding with RFC 3339 times). */
    static String sshdFailed(long t, String host, String user, String src, int srcPort) {
        return "<38>" + Instant.ofEpochMilli(t) + " " + host + " sshd[4242]: Failed password for " + user + " from "
                + src + " port " + srcPort + " ssh2";
    }

    /** The "Invalid user" line OpenSSH writes before the failure of the same attempt. */
    static String sshdInvalidUser(long t, String host, String user, String src, int srcPort) {
        return "<38>" + Instant.ofEpochMilli(t) + " " + host + " sshd[4242]: Invalid user " + user + " from " + src
                + " port " + srcPort;
    }

    static String sshdAccepted(long t, String host, String user, String src, int srcPort) {
        return "<38>" + Instant.ofEpochMilli(t) + " " + host + " sshd[4242]: Accepted password for " + user + " from "
                + src + " port " + srcPort + " ssh2";
    }

    /** Winlogbeat: a Security logon event (4624 success, 4625 failure) over the network (logon type 3). */
    static String windowsLogon(long t, int id, String computer, String user, String ip) {
        return "{\"@timestamp\":\"" + Instant.ofEpochMilli(t) + "\",\"host\":{\"name\":\"" + computer + "\"},"
                + "\"winlog\":{\"channel\":\"Security\",\"event_id\":" + id + ",\"computer_name\":\"" + computer + "\","
                + "\"provider_name\":\"Microsoft-Windows-Security-Auditing\",\"record_id\":" + t % 10_000_000 + ","
                + "\"event_data\":{\"SubjectUserSid\":\"S-1-0-0\",\"TargetUserName\":\"" + user + "\","
                + "\"TargetDomainName\":\"KOUBA\",\"LogonType\":\"3\",\"LogonProcessName\":\"NtLmSsp \","
                + "\"AuthenticationPackageName\":\"NTLM\",\"WorkstationName\":\"-\""
                + (id == 4625 ? ",\"Status\":\"0xc000006d\",\"SubStatus\":\"0xc000006a\",\"FailureReason\":\"%%2313\"" : "")
                + ",\"IpAddress\":\"" + ip + "\",\"IpPort\":\"49822\"}}}";
    }

    /** Winlogbeat: 4776, the domain controller validating an NTLM logon ({@code status} 0x0 = success). */
    static String windowsNtlm(long t, String dc, String user, String workstation, String status) {
        return "{\"@timestamp\":\"" + Instant.ofEpochMilli(t) + "\",\"host\":{\"name\":\"" + dc + "\"},"
                + "\"winlog\":{\"channel\":\"Security\",\"event_id\":4776,\"computer_name\":\"" + dc + "\","
                + "\"provider_name\":\"Microsoft-Windows-Security-Auditing\",\"record_id\":" + t % 10_000_000 + ","
                + "\"event_data\":{\"PackageName\":\"MICROSOFT_AUTHENTICATION_PACKAGE_V1_0\",\"TargetUserName\":\""
                + user + "\",\"Workstation\":\"" + workstation + "\",\"Status\":\"" + status + "\"}}}";
    }

    /** FortiGate: an administrator login that failed (GUI over HTTPS). */
    static String fortiAdminLoginFailed(long t, String user, String src) {
        return forti(t, "0100032002", "event", "system", "alert") + " logdesc=\"Admin login failed\" sn=0 user=\""
                + user + "\" ui=\"https(" + src + ")\" method=\"https\" srcip=" + src
                + " dstip=192.168.1.99 action=\"login\" status=\"failed\" reason=\"passwd_invalid\" msg=\"Administrator "
                + user + " login failed from https(" + src + ") because of invalid password\"";
    }

    static String fortiAdminLoginOk(long t, String user, String src) {
        return forti(t, "0100032001", "event", "system", "information") + " logdesc=\"Admin login successful\" sn="
                + t / 1000 + " user=\"" + user + "\" ui=\"https(" + src + ")\" method=\"https\" srcip=" + src
                + " dstip=192.168.1.99 action=\"login\" status=\"success\" reason=\"none\" profile=\"super_admin\""
                + " msg=\"Administrator " + user + " logged in successfully from https(" + src + ")\"";
    }

    /** FortiGate: an SSL-VPN login that failed (the client address only in remip). */
    static String fortiVpnLoginFailed(long t, String user, String src) {
        return forti(t, "0101039426", "event", "vpn", "alert") + " logdesc=\"SSL VPN login fail\" action=\"ssl-login-fail\""
                + " tunneltype=\"ssl-web\" tunnelid=0 remip=" + src + " tunnelip=(null) user=\"" + user
                + "\" group=\"N/A\" dst_host=\"N/A\" reason=\"sslvpn_login_permission_denied\" msg=\"SSL user failed to logged in\"";
    }
}
