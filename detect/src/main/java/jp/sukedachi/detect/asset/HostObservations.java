package jp.sukedachi.detect.asset;

import java.util.ArrayList;
import java.util.List;
import jp.sukedachi.event.Ecs;
import jp.sukedachi.event.SecurityEvent;

/**
 * The devices an event shows on its company's LAN, read from the fields the ingest parsers produce:
 * <ul>
 * <li>Zeek {@code dhcp}: {@code mac}, {@code assigned_addr} (else {@code client_addr}), {@code host_name} (else
 * {@code client_fqdn});
 * <li>Zeek {@code known_hosts}: {@code host};
 * <li>Zeek {@code software}: {@code host}, and for {@code HTTP::BROWSER} the OS its {@code unparsed_version} user
 * agent names;
 * <li>Zeek {@code ntlm}: the client {@code id.orig_h} and its {@code hostname};
 * <li>Zeek {@code smb*} logs with a dialect field ({@code dialect}, {@code smb_version}, {@code version}): SMBv1
 * for both ends;
 * <li>HTTP user agents ({@code user_agent.original}) of a private {@code source.ip} (Zeek, Suricata, proxies);
 * <li>TLS client fingerprints ({@code tls.client.ja3}): the client address, the JA3 kept as evidence only;
 * <li>FortiGate device identification: {@code srcmac}, {@code srcip}, {@code srcname}, {@code devtype},
 * {@code osname}, {@code srcswversion} (only logs carrying at least a MAC or a device type);
 * <li>Windows events: Sysmon 3's {@code source.ip} with the computer's {@code host.name}; 4624/4625/4776's remote
 * {@code IpAddress} with the {@code WorkstationName} / {@code Workstation} it names.
 * </ul>
 * Only private (LAN) addresses become hosts; an observation with neither a MAC nor a LAN address is dropped.
 */
public final class HostObservations {
    private HostObservations() {
    }

    public static List<HostObservation> from(SecurityEvent e) {
        if (e.tenant() == null) {
            return List.of();
        }
        List<HostObservation> out = new ArrayList<>(1);
        if ("zeek".equals(e.get(Ecs.EVENT_MODULE))) {
            zeek(e, out);
        } else if ("FortiGate".equals(e.get(Ecs.OBSERVER_PRODUCT))) {
            fortigate(e, out);
        } else if (e.get(Ecs.WINLOG_EVENT_ID) != null) {
            windows(e, out);
        }
        if (out.isEmpty()) {
            generic(e, out);
        }
        out.removeIf(o -> o.key() == null);
        return out;
    }

    private static void zeek(SecurityEvent e, List<HostObservation> out) {
        String path = e.original("_path");
        if (path == null) {
            return;
        }
        switch (path) {
            case "dhcp" -> {
                String ip = first(e.original("assigned_addr"), e.original("client_addr"));
                String name = first(e.original("host_name"), e.original("client_fqdn"));
                out.add(obs(e, e.original("mac"), ip, name, null, null, null, "zeek dhcp"));
            }
            case "known_hosts" -> out.add(obs(e, null, e.original("host"), null, null, null, null, "zeek known_hosts"));
            case "software" -> {
                String type = e.original("software_type");
                String ua = e.original("unparsed_version");
                String os = type != null && type.startsWith("HTTP::BROWSER") ? OsGuess.fromUserAgent(ua) : null;
                out.add(obs(e, null, e.original("host"), null, null, os, os != null ? ua : null, "zeek software"));
            }
            case "ntlm" -> out.add(obs(e, null, e.get(Ecs.SOURCE_IP), e.original("hostname"), null, null, null,
                    "zeek ntlm"));
            default -> {
                if (path.startsWith("smb")) {
                    String dialect = first(e.original("dialect"), first(e.original("smb_version"), e.original("version")));
                    String os = OsGuess.fromSmbDialect(dialect);
                    if (os != null) {
                        String evidence = "SMB dialect " + dialect;
                        out.add(obs(e, null, e.get(Ecs.SOURCE_IP), null, null, os, evidence, "zeek " + path));
                        out.add(obs(e, null, e.get(Ecs.DESTINATION_IP), null, null, os, evidence, "zeek " + path));
                    }
                }
            }
        }
    }

    private static void fortigate(SecurityEvent e, List<HostObservation> out) {
        String mac = e.original("srcmac");
        String devtype = e.original("devtype");
        if (mac == null && devtype == null) {
            return;
        }
        String osname = e.original("osname");
        String version = e.original("srcswversion");
        String os = OsGuess.fromFortiGate(osname, version);
        String evidence = os == null ? null
                : "FortiGate osname=" + osname + (version != null ? " srcswversion=" + version : "");
        out.add(obs(e, mac, e.get(Ecs.SOURCE_IP), e.original("srcname"), devtype, os, evidence, "fortigate"));
    }

    private static void windows(SecurityEvent e, List<HostObservation> out) {
        String id = e.get(Ecs.WINLOG_EVENT_ID);
        String src = e.get(Ecs.SOURCE_IP);
        switch (id) {
            case "3" -> out.add(obs(e, null, src, e.get(Ecs.HOST_NAME), null, null, null, "windows sysmon 3"));
            case "4624", "4625", "4776" -> {
                String ws = first(e.original("WorkstationName"), e.original("Workstation"));
                if (ws != null && !ws.endsWith("$")) {
                    out.add(obs(e, null, src, ws.startsWith("\\\\") ? ws.substring(2) : ws, null, null, null,
                            "windows " + id));
                }
            }
            default -> {
            }
        }
    }

    /** Any log with a user agent or a TLS client fingerprint from a LAN address. */
    private static void generic(SecurityEvent e, List<HostObservation> out) {
        String src = e.get(Ecs.SOURCE_IP);
        if (src == null || !LanAddress.isPrivate(src)) {
            return;
        }
        String ua = e.get(Ecs.USER_AGENT_ORIGINAL);
        if (ua != null) {
            String os = OsGuess.fromUserAgent(ua);
            out.add(obs(e, e.get(Ecs.SOURCE_MAC), src, null, null, os, os != null ? ua : null, "http user agent"));
            return;
        }
        String ja3 = e.get(Ecs.TLS_CLIENT_JA3);
        if (ja3 != null) {
            out.add(obs(e, e.get(Ecs.SOURCE_MAC), src, null, null, null, "TLS client JA3 " + ja3, "tls client"));
        }
    }

    private static HostObservation obs(SecurityEvent e, String mac, String ip, String name, String kind, String os,
            String evidence, String source) {
        return new HostObservation(e.tenant(), e.timestampMillis(), mac, ip, name, kind, os, evidence, source);
    }

    private static String first(String a, String b) {
        return a != null && !a.isBlank() && !a.equals("-") ? a : b;
    }
}
