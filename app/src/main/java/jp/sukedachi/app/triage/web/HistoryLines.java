package jp.sukedachi.app.triage.web;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jp.sukedachi.app.tenant.AppUser;
import jp.sukedachi.app.tenant.UserRepository;
import jp.sukedachi.app.triage.Alert;
import org.springframework.context.MessageSource;
import org.springframework.context.NoSuchMessageException;

/**
 * An alert's history as a person reads it. The rows keep what the lifecycle wrote for the audit trail (status and
 * severity names, a user's id); here they become translated words and the assignee's display name.
 */
final class HistoryLines {
    /** "NEW → ACKNOWLEDGED", "ACKNOWLEDGED → CLOSED (BENIGN)", "… (BENIGN): data flows again, last seen …". */
    private static final Pattern CHANGE = Pattern.compile("([A-Z_]+) → ([A-Z_]+)(?: \\(([A-Z_]+)\\))?(?::.*)?",
            Pattern.DOTALL);

    private HistoryLines() {
    }

    /**
     * One row: when, who did it (a display name or "system"), what, and the detail in words; a comment is either
     * internal (社内メモ, staff only) or shown to the company.
     */
    record Line(Instant at, String who, String action, String note, boolean comment, boolean internal) {
    }

    static List<Line> of(List<Alert.HistoryEntry> history, UserRepository users, MessageSource messages, Locale locale) {
        Map<String, String> names = new ConcurrentHashMap<>();
        return history.stream().map(h -> new Line(h.at(), who(h.actor(), users, names, messages, locale),
                text("alert.action." + h.action(), h.action(), messages, locale),
                note(h, users, messages, locale), "COMMENT".equals(h.action()), !h.visibleToCompany())).toList();
    }

    private static String who(String login, UserRepository users, Map<String, String> names, MessageSource messages,
            Locale locale) {
        if (login == null || login.isBlank() || login.equals("system") || login.startsWith("system:")) {
            return messages.getMessage("alert.system", null, locale);
        }
        return names.computeIfAbsent(login, l -> users.findByLogin(l).map(AppUser::displayName)
                .filter(n -> !n.isBlank()).orElse(l));
    }

    private static String note(Alert.HistoryEntry h, UserRepository users, MessageSource messages, Locale locale) {
        String note = h.note();
        if (note == null || note.isBlank()) {
            return "";
        }
        return switch (h.action()) {
            case "STATUS" -> change(note, "alerts.status.", messages, locale);
            case "ESCALATED" -> change(note, "alert.history.severity.", messages, locale);
            case "ASSIGNED" -> assignee(note, users, messages, locale);
            case "PROMOTED" -> messages.getMessage("alert.history.promoted", null, locale);
            default -> note; // a comment: the person's own words
        };
    }

    private static String change(String note, String prefix, MessageSource messages, Locale locale) {
        Matcher m = CHANGE.matcher(note);
        if (!m.matches()) {
            return "";
        }
        String text = text(prefix + m.group(1), m.group(1), messages, locale) + " → "
                + text(prefix + m.group(2), m.group(2), messages, locale);
        if (m.group(3) != null) {
            text = messages.getMessage("alert.history.withResolution", new Object[] {text,
                    text("alerts.resolution." + m.group(3), m.group(3), messages, locale)}, locale);
        }
        return text;
    }

    private static String assignee(String note, UserRepository users, MessageSource messages, Locale locale) {
        if (note.equals("-")) {
            return messages.getMessage("alert.assignee.none", null, locale);
        }
        Optional<AppUser> user;
        try {
            user = users.findById(UUID.fromString(note));
        } catch (IllegalArgumentException e) {
            user = Optional.empty();
        }
        return user.map(AppUser::displayName).orElseGet(() -> messages.getMessage("alert.history.unknownUser", null, locale));
    }

    /** A label; an unknown name (a status added later) shows as itself rather than breaking the page. */
    private static String text(String key, String fallback, MessageSource messages, Locale locale) {
        try {
            return messages.getMessage(key, null, locale);
        } catch (NoSuchMessageException e) {
            return fallback;
        }
    }
}
