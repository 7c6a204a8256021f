package jp.sukedachi.ingest.parse.windows;

import static jp.sukedachi.ingest.parse.windows.WindowsNames.*;

import java.time.Instant;
import java.util.Locale;
import jp.sukedachi.event.Ecs;
import jp.sukedachi.event.SecurityEvent;
import jp.sukedachi.ingest.parse.Times;

/**
 * One Windows event being read, whatever its JSON layout: the layout readers hand every field over under
 * its Windows name, this keeps it as an original and remembers the few the ECS mapping needs, then
 * {@link #finishEcs} fills the ECS fields. Reused record after record by one parser (not thread-safe), so
 * reading a record allocates little beyond the value strings.
 */
final class WinRecord {
    private SecurityEvent.Builder b;

    // System section.
    String eventId;
    String channel;
    String provider;
    String computer;
    String time;
    String message;
    /** Host name from a shipper (Winlogbeat {@code host.name}), used when the event names no Computer. */
    String hostFallback;

    // EventData fields the ECS mapping reads; the rest only become originals.
    private String image;
    private String commandLine;
    private String parentImage;
    private String parentCommandLine;
    private String processId;
    private String user;
    private String targetUser;
    private String targetDomain;
    private String subjectUser;
    private String subjectDomain;
    private String sourceIp;
    private String sourcePort;
    private String destIp;
    private String destPort;
    private String protocol;
    private String queryName;
    private String targetFilename;
    private String imageLoaded;
    private String hashes;
    private String ipAddress;
    private String ipPort;
    private String newProcessName;
    private String newProcessId;
    private String parentProcessName;
    private String processName;
    private String sourceImage;
    private String sourceProcessId;
    private String sourceAddress;
    private String destAddress;
    private String wfpDestPort;
    /** Sysmon's UtcTime (UTC, no zone mark): the event time when the record has no better one. */
    private String utcTime;

    void reset(SecurityEvent.Builder builder) {
        b = builder;
        eventId = channel = provider = computer = time = message = hostFallback = null;
        image = commandLine = parentImage = parentCommandLine = processId = user = null;
        targetUser = targetDomain = subjectUser = subjectDomain = null;
        sourceIp = sourcePort = destIp = destPort = protocol = queryName = null;
        targetFilename = imageLoaded = hashes = ipAddress = ipPort = null;
        newProcessName = newProcessId = parentProcessName = processName = sourceImage = sourceProcessId = null;
        sourceAddress = destAddress = wfpDestPort = utcTime = null;
    }

    SecurityEvent.Builder builder() {
        return b;
    }

    boolean hasEvent() {
        return eventId != null;
    }

    // System fields: the first one a record gives wins, so a shipper's copy does not duplicate it.

    void eventId(String v) {
        if (eventId == null && notEmpty(v)) {
            eventId = v;
            b.original(EVENT_ID, v);
        }
    }

    void channel(String v) {
        if (channel == null && notEmpty(v)) {
            channel = v;
            b.original(CHANNEL, v);
        }
    }

    void provider(String v) {
        if (provider == null && notEmpty(v)) {
            provider = v;
            b.original(PROVIDER_NAME, v);
        }
    }

    void computer(String v) {
        if (computer == null && notEmpty(v)) {
            computer = v;
            b.original(COMPUTER, v);
        }
    }

    void time(String v) {
        if (time == null && notEmpty(v)) {
            time = v;
        }
    }

    /**
     * A time that counts only with a zone: some HELK exports write TimeCreated as zone-less local time on a
     * 12-hour clock ({@code 2020-10-18 07:50:05.917} for 23:50 UTC), which would be hours off.
     */
    void zonedTime(String v) {
        if (time == null && Times.hasZone(v)) {
            time = v;
        }
    }

    void message(String v) {
        if (message == null && notEmpty(v)) {
            message = v;
        }
    }

    /** An EventData/UserData field; {@code name} is already the Windows name (ideally the shared constant). */
    void field(String name, String value) {
        if (value == null || value.isEmpty()) {
            return;
        }
        b.original(name, value);
        // String switch: the cached hash and the equals identity check make this cheap for constants.
        switch (name) {
            case IMAGE -> image = value;
            case COMMAND_LINE -> commandLine = value;
            case PARENT_IMAGE -> parentImage = value;
            case PARENT_COMMAND_LINE -> parentCommandLine = value;
            case PROCESS_ID -> processId = value;
            case USER -> user = value;
            case TARGET_USER_NAME -> targetUser = value;
            case TARGET_DOMAIN_NAME -> targetDomain = value;
            case SUBJECT_USER_NAME -> subjectUser = value;
            case SUBJECT_DOMAIN_NAME -> subjectDomain = value;
            case SOURCE_IP -> sourceIp = value;
            case SOURCE_PORT -> sourcePort = value;
            case DESTINATION_IP -> destIp = value;
            case DESTINATION_PORT -> destPort = value;
            case PROTOCOL -> protocol = value;
            case QUERY_NAME -> queryName = value;
            case TARGET_FILENAME -> targetFilename = value;
            case IMAGE_LOADED -> imageLoaded = value;
            case HASHES -> hashes = value;
            case HASH -> {
                if (hashes == null && value.indexOf('=') > 0) {
                    hashes = value; // Sysmon 15/26 spell it Hash, same ALG=hex list
                }
            }
            case IP_ADDRESS -> ipAddress = value;
            case IP_PORT -> ipPort = value;
            case NEW_PROCESS_NAME -> newProcessName = value;
            case NEW_PROCESS_ID -> newProcessId = value;
            case PARENT_PROCESS_NAME -> parentProcessName = value;
            case PROCESS_NAME -> processName = value;
            case SOURCE_IMAGE -> sourceImage = value;
            case SOURCE_PROCESS_ID -> sourceProcessId = value;
            case SOURCE_ADDRESS -> sourceAddress = value;
            case DEST_ADDRESS -> destAddress = value;
            case DEST_PORT -> wfpDestPort = value;
            case UTC_TIME -> utcTime = value;
            default -> {
            }
        }
    }

    /** Fills the ECS fields from what was read; call once per record after the layout reader. */
    void finishEcs() {
        b.set(Ecs.EVENT_KIND, "event");
        long ts = Times.parseIso(time != null ? time : utcTime);
        if (ts != Times.INVALID) {
            b.timestamp(ts);
            b.set(Ecs.TIMESTAMP, Instant.ofEpochMilli(ts).toString());
        }
        b.set(Ecs.EVENT_CODE, eventId);
        b.set(Ecs.WINLOG_EVENT_ID, eventId);
        b.set(Ecs.WINLOG_CHANNEL, channel);
        b.set(Ecs.WINLOG_PROVIDER, provider);
        b.set(Ecs.EVENT_PROVIDER, provider);
        b.set(Ecs.HOST_NAME, computer != null ? computer : hostFallback);
        b.set(Ecs.MESSAGE, message);

        String module = module(channel, provider);
        b.set(Ecs.EVENT_MODULE, module);
        int id = parseId(eventId);
        switch (module) {
            case "sysmon" -> sysmonCategory(id);
            case "security" -> securityCategory(id);
            case "powershell" -> category("process", "info");
            case "system" -> systemCategory(id);
            default -> {
            }
        }

        // Process: Sysmon's Image, else Security 4688's NewProcessName, else the acting process of
        // other Security events, else the source of Sysmon 8/10 (process injection and access).
        String exe = present(image);
        String pid = processId;
        if (exe == null && present(newProcessName) != null) {
            exe = newProcessName;
            pid = newProcessId;
        }
        if (exe == null) {
            exe = present(processName);
        }
        if (exe == null) {
            exe = present(sourceImage);
            pid = sourceProcessId;
        }
        if (exe == null) {
            pid = null; // a bare ProcessId 0x0 of a logon event names no process
        }
        b.set(Ecs.PROCESS_EXECUTABLE, exe);
        b.set(Ecs.PROCESS_NAME, basename(exe));
        b.set(Ecs.PROCESS_COMMAND_LINE, present(commandLine));
        b.set(Ecs.PROCESS_PID, pid(pid));
        b.set(Ecs.PROCESS_PARENT_EXECUTABLE, present(parentImage) != null ? parentImage : present(parentProcessName));
        b.set(Ecs.PROCESS_PARENT_COMMAND_LINE, present(parentCommandLine));

        userEcs();

        // Network: Sysmon 3 names, else Windows Filtering Platform (5156/5158) names.
        b.set(Ecs.SOURCE_IP, ip(sourceIp != null ? sourceIp : sourceAddress));
        b.set(Ecs.SOURCE_PORT, port(sourcePort));
        b.set(Ecs.DESTINATION_IP, ip(destIp != null ? destIp : destAddress));
        b.set(Ecs.DESTINATION_PORT, port(destPort != null ? destPort : wfpDestPort));
        b.set(Ecs.NETWORK_TRANSPORT, transport(protocol));
        // Logon events (4624, 4625, 4648 …) name the remote side IpAddress/IpPort.
        if (b.get(Ecs.SOURCE_IP) == null) {
            b.set(Ecs.SOURCE_IP, ip(ipAddress));
            b.set(Ecs.SOURCE_PORT, port(ipPort));
        }

        b.set(Ecs.DNS_QUESTION_NAME, present(queryName));

        String file = present(targetFilename) != null ? targetFilename : present(imageLoaded);
        b.set(Ecs.FILE_PATH, file);
        b.set(Ecs.FILE_NAME, basename(file));
        if (hashes != null) {
            // The hashes describe the process image unless the event is about another file (a loaded DLL, a new file).
            splitHashes(hashes, file == null);
        }
    }

    private void userEcs() {
        String u = present(user);
        if (u != null) {
            int slash = u.indexOf('\\');
            if (slash > 0 && slash < u.length() - 1) {
                b.set(Ecs.USER_DOMAIN, u.substring(0, slash));
                b.set(Ecs.USER_NAME, u.substring(slash + 1));
            } else {
                b.set(Ecs.USER_NAME, u);
            }
        } else if (present(targetUser) != null) {
            b.set(Ecs.USER_NAME, targetUser);
            b.set(Ecs.USER_DOMAIN, present(targetDomain));
        } else if (present(subjectUser) != null) {
            b.set(Ecs.USER_NAME, subjectUser);
            b.set(Ecs.USER_DOMAIN, present(subjectDomain));
        }
    }

    /** {@code SHA1=..,MD5=..,SHA256=..,IMPHASH=..} into ECS hash fields (lower-case hex). */
    private void splitHashes(String list, boolean ofProcess) {
        int start = 0;
        int n = list.length();
        while (start < n) {
            int comma = list.indexOf(',', start);
            int end = comma < 0 ? n : comma;
            int eq = list.indexOf('=', start);
            if (eq > start && eq < end - 1) {
                String alg = list.substring(start, eq).trim();
                String hex = list.substring(eq + 1, end).trim().toLowerCase(Locale.ROOT);
                if (alg.equalsIgnoreCase("MD5")) {
                    b.set(Ecs.FILE_HASH_MD5, hex);
                } else if (alg.equalsIgnoreCase("SHA1")) {
                    b.set(Ecs.FILE_HASH_SHA1, hex);
                } else if (alg.equalsIgnoreCase("SHA256")) {
                    b.set(Ecs.FILE_HASH_SHA256, hex);
                    if (ofProcess) {
                        b.set(Ecs.PROCESS_HASH_SHA256, hex);
                    }
                }
            }
            start = end + 1;
        }
    }

    private void category(String category, String type) {
        b.set(Ecs.EVENT_CATEGORY, category);
        b.set(Ecs.EVENT_TYPE, type);
    }

    private void sysmonCategory(int id) {
        switch (id) {
            case 1 -> category("process", "start");
            case 2 -> category("file", "change");
            case 3 -> category("network", "start");
            case 4, 16 -> category("configuration", "change");
            case 5 -> category("process", "end");
            case 6 -> category("driver", "start");
            case 7 -> category("library", "start");
            case 8, 25 -> category("process", "change");
            case 9, 18 -> category("file", "access");
            case 10 -> category("process", "access");
            case 11, 15, 17, 29 -> category("file", "creation");
            case 12, 13, 14 -> category("registry", "change");
            case 19, 20, 21 -> category("configuration", "creation");
            case 22 -> category("network", "protocol");
            case 23, 26 -> category("file", "deletion");
            case 27, 28 -> category("file", "denied");
            default -> {
            }
        }
    }

    private void securityCategory(int id) {
        switch (id) {
            case 4624 -> {
                category("authentication", "start");
                b.set(Ecs.EVENT_OUTCOME, "success");
            }
            case 4625, 4771 -> {
                category("authentication", "start");
                b.set(Ecs.EVENT_OUTCOME, "failure");
            }
            case 4648, 4768, 4769, 4776, 4778 -> category("authentication", "start");
            case 4634, 4647, 4779 -> category("authentication", "end");
            case 4672 -> category("iam", "admin");
            case 4688 -> category("process", "start");
            case 4689 -> category("process", "end");
            case 4697, 4698 -> category("configuration", "creation");
            case 4699 -> category("configuration", "deletion");
            case 4700, 4701, 4702, 4719 -> category("configuration", "change");
            case 4720, 4727, 4731, 4754 -> category("iam", "creation");
            case 4722, 4723, 4724, 4725, 4738, 4740, 4767, 4728, 4729, 4732, 4733, 4756, 4757, 4799 ->
                category("iam", "change");
            case 4726, 4730, 4734, 4758 -> category("iam", "deletion");
            case 4656, 4658, 4663, 5140, 5145 -> category("file", "access");
            case 4657 -> category("registry", "change");
            case 5156, 5158 -> category("network", "start");
            case 5157, 5159 -> category("network", "denied");
            case 1102 -> category("configuration", "deletion");
            default -> {
            }
        }
    }

    private void systemCategory(int id) {
        switch (id) {
            case 7045 -> category("configuration", "creation");
            case 7036, 7040 -> category("configuration", "change");
            case 104 -> category("configuration", "deletion");
            default -> {
            }
        }
    }

    /**
     * event.module from the channel (provider when there is none); case-insensitive, as some exports
     * lower-case the channel. Returns constants, so no allocation.
     */
    static String module(String channel, String provider) {
        String c = channel != null ? channel : provider != null ? provider : "";
        if (startsWithIgnoreCase(c, "Microsoft-Windows-Sysmon")) {
            return "sysmon";
        }
        if (c.equalsIgnoreCase("Security") || c.equalsIgnoreCase("Microsoft-Windows-Security-Auditing")) {
            return "security";
        }
        if (c.equalsIgnoreCase("Windows PowerShell") || startsWithIgnoreCase(c, "Microsoft-Windows-PowerShell")
                || startsWithIgnoreCase(c, "PowerShellCore")) {
            return "powershell";
        }
        if (c.equalsIgnoreCase("System")) {
            return "system";
        }
        if (c.equalsIgnoreCase("Application")) {
            return "application";
        }
        if (startsWithIgnoreCase(c, "Microsoft-Windows-Windows Defender")) {
            return "defender";
        }
        if (startsWithIgnoreCase(c, "Microsoft-Windows-TaskScheduler")) {
            return "taskscheduler";
        }
        if (startsWithIgnoreCase(c, "Microsoft-Windows-WMI-Activity")) {
            return "wmi";
        }
        return "windows";
    }

    private static boolean startsWithIgnoreCase(String s, String prefix) {
        return s.regionMatches(true, 0, prefix, 0, prefix.length());
    }

    static int parseId(String s) {
        if (s == null || s.isEmpty() || s.length() > 9) {
            return -1;
        }
        int v = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    private static boolean notEmpty(String v) {
        return v != null && !v.isEmpty();
    }

    /** Windows writes "-" for "no value"; ECS should just lack the field. */
    static String present(String v) {
        return v == null || v.isEmpty() || v.equals("-") ? null : v;
    }

    static String basename(String path) {
        if (path == null) {
            return null;
        }
        int cut = Math.max(path.lastIndexOf('\\'), path.lastIndexOf('/'));
        return cut < 0 ? path : cut == path.length() - 1 ? null : path.substring(cut + 1);
    }

    /** Decimal as is; Security events write hex ({@code 0x378}). */
    static String pid(String v) {
        if (v == null) {
            return null;
        }
        if (v.length() > 2 && v.length() <= 18 && v.charAt(0) == '0' && (v.charAt(1) == 'x' || v.charAt(1) == 'X')) {
            long n = 0;
            for (int i = 2; i < v.length(); i++) {
                int d = Character.digit(v.charAt(i), 16);
                if (d < 0) {
                    return null;
                }
                n = n * 16 + d;
            }
            return Long.toString(n);
        }
        return parseId(v) >= 0 ? v : null;
    }

    static String port(String v) {
        int p = parseId(v);
        return p > 0 && p <= 65535 ? v : null;
    }

    /** Something shaped like an IPv4/IPv6 address ("-" and host names are not). */
    static String ip(String v) {
        if (v == null || v.length() < 2 || v.length() > 45) {
            return null;
        }
        boolean dot = false;
        boolean colon = false;
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == '.') {
                dot = true;
            } else if (c == ':') {
                colon = true;
            } else if (Character.digit(c, 16) < 0 && c != '%') {
                return null;
            }
        }
        return dot || colon ? v : null;
    }

    /** Sysmon writes tcp/udp; the Filtering Platform writes IANA numbers. */
    static String transport(String v) {
        if (v == null) {
            return null;
        }
        return switch (v) {
            case "tcp", "6" -> "tcp";
            case "udp", "17" -> "udp";
            case "icmp", "1" -> "icmp";
            case "58" -> "ipv6-icmp";
            default -> null;
        };
    }
}
