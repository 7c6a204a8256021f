package jp.sukedachi.app.triage;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import jp.sukedachi.event.Category;
import jp.sukedachi.event.Ecs;
import org.springframework.context.MessageSource;

/**
 * What a company's owner is told about one alert, the same on the card and in the mail: which story (the family of
 * message keys), which PC it names and the file of a mail attachment. The story is the alert's category
 * ({@code plain.<category>.*}) except for two kinds its evidence shows: a dangerous attachment of a mail that came
 * in ({@code card.mail_attachment.*}: do not open the file, keep the mail, call the desk) and an Office document
 * that started a program ({@code card.macro.*}). A scan is told by who scanned: one of the company's own machines
 * (the evidence's source address is inside, or there is no source address and the entity is not an outside one:
 * a worm or an intruder moving inside, HIGH) is {@code plain.scan_lan.*}, naming the PC and telling the owner to take
 * it off the network; a scan from the Internet (LOW, counted unless it escalates) keeps {@code plain.scan.*}.
 *
 * <p>Nothing outside the company is ever named as a thing to unplug: a PC is named by its host name (from the
 * endpoint's own logs, or an address another alert of the company tied to a name), an inside address nobody has
 * named yet by a sentence that the desk will identify the PC, and an outside address never.
 *
 * @param key the message key family, e.g. {@code plain.c2} or {@code card.mail_attachment}
 * @param pc the PC's host name, or null when it is not known
 * @param address the inside address the alert is about, or null (never an outside one)
 * @param file the attachments' file names of a mail story (several joined), else null
 */
public record OwnerStory(String key, Category category, String pc, String address, String file) {
    /** Categories whose story is about one of the company's computers (the card tells what to do with it). */
    private static final List<Category> ABOUT_A_PC = List.of(Category.MALWARE_DOWNLOAD, Category.C2,
            Category.RANSOMWARE, Category.BEACONING, Category.OTHER, Category.CAMPAIGN, Category.OUTDATED_OS,
            Category.PHISHING);
    /** The story of a scan by a machine inside the company's network. */
    static final String SCAN_LAN = "plain.scan_lan";
    private static final List<String> MAIL_PORTS = List.of("25", "465", "587");
    private static final List<String> OFFICE = List.of("winword.exe", "excel.exe", "powerpnt.exe", "outlook.exe",
            "msaccess.exe", "mspub.exe", "onenote.exe", "eqnedt32.exe");

    /**
     * The story of an alert. {@code evidence} are the ECS fields of its evidence events, oldest first (empty when
     * unknown); {@code hostNames} maps inside addresses to host names the company's other alerts revealed.
     */
    public static OwnerStory of(Category category, String entity, List<Map<String, String>> evidence,
            Map<String, String> hostNames) {
        Map<String, String> fields = evidence.isEmpty() ? Map.of() : evidence.getFirst();
        if (category == Category.MALWARE_DOWNLOAD || category == Category.PHISHING || category == Category.CAMPAIGN
                || category == Category.OTHER) {
            Set<String> files = new LinkedHashSet<>();
            for (Map<String, String> f : evidence) {
                String file = f.get(Ecs.FILE_NAME);
                if (file != null && !file.isBlank() && inboundMail(f)) {
                    files.add(baseName(file));
                }
            }
            if (!files.isEmpty()) {
                return new OwnerStory("card.mail_attachment", category, null, null, String.join(", ", files));
            }
        }
        String address = insideAddress(entity, fields);
        if (category == Category.SCAN && scannedFromInside(entity, fields)) {
            return new OwnerStory(SCAN_LAN, category, pcName(entity, fields, hostNames), address, null);
        }
        String pc = ABOUT_A_PC.contains(category) ? pcName(entity, fields, hostNames)
                : category == Category.UNKNOWN_DEVICE ? known(entity, hostNames) : null;
        if (category == Category.MALWARE_DOWNLOAD && officeStarted(fields)) {
            return new OwnerStory("card.macro", category, pc, address, null);
        }
        return new OwnerStory("plain." + Alert.categoryId(category), category, pc, address, null);
    }

    /**
     * What one card stands for: the PC by name or inside address, else the mail attachment, else the incident, else
     * the alert alone. Alerts with one group key are told as one story, the most serious one's.
     */
    public String group(UUID alertId, UUID incidentId) {
        if (pc != null) {
            return "pc:" + pc.toLowerCase(Locale.ROOT);
        }
        if (address != null) {
            return "address:" + address;
        }
        if (file != null) {
            return "file:" + file;
        }
        return incidentId != null ? "incident:" + incidentId : "alert:" + alertId;
    }

    /** Whether the card names a thing of the company by what the alert's entity says (not a PC of this story). */
    private boolean namesEntity() {
        return !ABOUT_A_PC.contains(category) && !SCAN_LAN.equals(key);
    }

    /**
     * Whether a scan came from inside the company: the evidence's source address is inside; without one (a PC's own
     * log), unless the entity is an outside address.
     */
    static boolean scannedFromInside(String entity, Map<String, String> fields) {
        String src = fields.get(Ecs.SOURCE_IP);
        if (src != null && !src.isBlank()) {
            return inside(src);
        }
        return entity != null && !(address(entity) && !inside(entity));
    }

    /** The arguments of the story's texts: {0} the PC (or the entity), {1} the count, {2} the detail, {3} the file. */
    public Object[] args(String entity, long count, String detail, MessageSource messages, Locale locale) {
        String who = namesEntity() ? (category == Category.UNKNOWN_DEVICE && pc != null ? pc : entity)
                : pc != null ? pc : messages.getMessage("card.pc.unnamed", null, locale);
        return new Object[] {who, count, detail, file == null ? "" : file};
    }

    /** One text of the story ({@code headline}, {@code what}, {@code matters}, {@code todo}, {@code call}). */
    public String text(String part, Object[] args, MessageSource messages, Locale locale) {
        return messages.getMessage(key + "." + part, args, locale);
    }

    /** The steps of "what to do now", one a line (the bundles separate them with "|"). */
    public List<String> steps(Object[] args, MessageSource messages, Locale locale) {
        return Arrays.stream(text("todo", args, messages, locale).split("\\s*\\|\\s*")).filter(s -> !s.isBlank())
                .toList();
    }

    /** The more serious of two categories, in the order triage keeps an alert's category by. */
    public static Category moreSerious(Category a, Category b) {
        return Triage.moreSerious(a, b);
    }

    /** An address of the company's own network (RFC 1918, IPv6 unique local and link local). */
    public static boolean inside(String ip) {
        if (ip == null) {
            return false;
        }
        String a = ip.strip().toLowerCase(Locale.ROOT);
        if (a.startsWith("10.") || a.startsWith("192.168.") || a.startsWith("fd") || a.startsWith("fc")
                || a.startsWith("fe80:")) {
            return true;
        }
        if (a.startsWith("172.")) {
            int dot = a.indexOf('.', 4);
            if (dot > 4) {
                try {
                    int second = Integer.parseInt(a.substring(4, dot));
                    return second >= 16 && second <= 31;
                } catch (NumberFormatException e) {
                    return false;
                }
            }
        }
        return false;
    }

    /** Whether the text looks like an IPv4 or IPv6 address (a host name never has only digits and dots). */
    public static boolean address(String s) {
        return s != null && (s.matches("\\d{1,3}(\\.\\d{1,3}){3}") || (s.contains(":") && s.matches("[0-9a-fA-F:.]+")));
    }

    /**
     * The inside address the alert is about: the entity when it is inside, else the inside end of the evidence's
     * connection (a file fetched from outside is about the PC that fetched it); null when there is none.
     */
    public static String insideAddress(String entity, Map<String, String> fields) {
        if (inside(entity)) {
            return entity;
        }
        for (String f : new String[] {Ecs.SOURCE_IP, Ecs.DESTINATION_IP, Ecs.HOST_IP}) {
            String v = fields.get(f);
            if (inside(v)) {
                return v;
            }
        }
        return null;
    }

    /** The PC's host name: the endpoint's own field, the entity when it is a name, or a name another alert gave. */
    static String pcName(String entity, Map<String, String> fields, Map<String, String> hostNames) {
        // The company's inventory first: it names the PC with the company's own label ("TAKAHASHI-PC07（生産管理）").
        String known = known(entity, hostNames);
        if (known != null) {
            return known;
        }
        String inside = insideAddress(entity, fields);
        if (inside != null && hostNames.containsKey(inside)) {
            return hostNames.get(inside); // the PC at the evidence's inside end, as the company knows it
        }
        String host = fields.get(Ecs.HOST_NAME);
        if (host != null && !host.isBlank() && !address(host)) {
            return host;
        }
        if (entity != null && !entity.isBlank() && !address(entity) && !entity.startsWith("device:")
                && !entity.equals("-") && !entity.contains("@")) {
            return entity;
        }
        return null;
    }

    /**
     * The name the company's devices give the entity itself (a MAC or an inside address), or null; a public address
     * is never looked up (it is never a PC of the company, and never to be unplugged).
     */
    static String known(String entity, Map<String, String> hostNames) {
        if (entity == null || entity.isBlank()) {
            return null;
        }
        String e = entity.strip().toLowerCase(Locale.ROOT).replace('-', ':');
        if (address(e) && !inside(e) && !e.matches("([0-9a-f]{2}:){5}[0-9a-f]{2}")) {
            return null;
        }
        return hostNames.get(e);
    }

    /** A mail that came in: the IDS saw it on a mail port or parsed it as mail, sent from outside. */
    static boolean inboundMail(Map<String, String> fields) {
        boolean mail = "smtp".equals(fields.get(Ecs.NETWORK_PROTOCOL))
                || MAIL_PORTS.contains(String.valueOf(fields.get(Ecs.DESTINATION_PORT)))
                || fields.containsKey(Ecs.EMAIL_FROM_ADDRESS) || fields.containsKey(Ecs.EMAIL_SUBJECT);
        String from = fields.get(Ecs.SOURCE_IP);
        return mail && (from == null || !inside(from));
    }

    /** Word, Excel, PowerPoint or Outlook started the process the rule saw: a document's macro at work. */
    static boolean officeStarted(Map<String, String> fields) {
        String parent = fields.get(Ecs.PROCESS_PARENT_EXECUTABLE);
        if (parent == null) {
            parent = fields.get("process.parent.name");
        }
        if (parent == null) {
            return false;
        }
        String p = parent.toLowerCase(Locale.ROOT);
        String name = p.substring(Math.max(p.lastIndexOf('\\'), p.lastIndexOf('/')) + 1);
        return OFFICE.contains(name) && !name.equals("outlook.exe");
    }

    private static String baseName(String file) {
        String f = file.strip();
        return f.substring(Math.max(f.lastIndexOf('\\'), f.lastIndexOf('/')) + 1);
    }
}
