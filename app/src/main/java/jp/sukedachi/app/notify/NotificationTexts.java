package jp.sukedachi.app.notify;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import jp.sukedachi.app.config.SukedachiProperties;
import jp.sukedachi.app.desk.DeskContact;
import jp.sukedachi.app.notify.NotificationRepository.AlertView;
import jp.sukedachi.app.triage.Alert;
import jp.sukedachi.app.triage.OwnerStories;
import jp.sukedachi.app.triage.OwnerStory;
import jp.sukedachi.event.Category;
import jp.sukedachi.event.Detection.Severity;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * The words of every notification. The SME's mail tells, in plain language, the same story as the company's card
 * ({@link OwnerStory}: chosen by the alert's category and evidence, never by its title): what happened, does it
 * matter, what to do now and whom to call (the desk of {@link DeskContact}, the same the SME's alert page shows),
 * with a link to the company's own alert page; it is written in both Japanese and English (the recipient's
 * language first), from the {@code notify.*} keys and the story's keys of the message bundles. The analysts' mail and
 * the webhook are short and technical, in English, and name the category by its id.
 */
@Component
class NotificationTexts {
    static final Locale JA = Locale.JAPANESE;
    static final Locale EN = Locale.ENGLISH;
    private static final DateTimeFormatter JST_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'JST'")
            .withZone(QuietHours.JST);

    /** A message ready to send. */
    public record Message(String subject, String body) {
    }

    private final MessageSource messages;
    private final DeskContact desk;
    private final String publicUrl;
    private final OwnerStories stories;

    NotificationTexts(MessageSource messages, NotifySettings settings, DeskContact desk,
            SukedachiProperties app, OwnerStories stories) {
        this.messages = messages;
        this.stories = stories;
        this.desk = desk;
        this.publicUrl = portalUrl(settings, app);
    }

    /** The portal's address for links in mails: notify's public URL, else the server's, without a trailing slash. */
    static String portalUrl(NotifySettings settings, SukedachiProperties app) {
        String base = !NotifySettings.blank(settings.publicUrl()) ? settings.publicUrl()
                : !NotifySettings.blank(app.publicUrl()) ? app.publicUrl() : "http://localhost:8080";
        return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    /** The staff's page of an alert. */
    public String link(AlertView alert) {
        return publicUrl + "/alerts/" + alert.id();
    }

    /** The company's own page of an alert (the staff page is closed to company users). */
    public String ownerLink(AlertView alert) {
        return publicUrl + "/my/alerts/" + alert.id();
    }

    static String time(Instant at) {
        return at == null ? "-" : JST_TIME.format(at);
    }

    /** The level in plain words; ransomware is always urgent, whatever its severity. */
    static String level(AlertView alert, Severity severity) {
        return alert.category() == Category.RANSOMWARE ? "urgent" : level(severity);
    }

    /** The level in plain words: 至急対応が必要 (HIGH, CRITICAL), 念のため確認 (MEDIUM), 参考情報 (LOW). */
    static String level(Severity severity) {
        return switch (severity) {
            case CRITICAL, HIGH -> "urgent";
            case MEDIUM -> "check";
            case LOW, INFO -> "info";
        };
    }

    /** The category in the reader's words. */
    private String label(AlertView alert, Locale l) {
        return msg("alert.category." + alert.categoryId(), l);
    }

    // ------------------------------------------------------------------------------------ the SME

    /**
     * The immediate mail to the SME about one alert: the same story as the company's card ({@link OwnerStory}: the
     * most serious open alert's about the same PC), in plain words; the detection rule's own (English) name only on a line labelled for the help desk.
     */
    public Message tenantAlert(AlertView alert, Severity severity, boolean escalated, String firstLanguage) {
        List<Locale> order = order(firstLanguage);
        OwnerStory story = stories.told(alert.tenantId(), alert.id(), alert.category(), alert.entity());
        String lvl = story.category() == Category.RANSOMWARE ? "urgent" : level(severity);
        StringBuilder levels = new StringBuilder();
        if (escalated) {
            levels.append(msg("notify.subject.escalated", order.get(0))).append(" / ");
        }
        levels.append(msg("notify.level." + lvl, order.get(0))).append(" / ").append(msg("notify.level." + lvl, order.get(1)));
        String subject = msg("notify.subject.plain", order.get(0), levels.toString(),
                msg("alert.category." + Alert.categoryId(story.category()), order.get(0)));
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < order.size(); i++) {
            Locale l = order.get(i);
            Object[] args = args(story, alert, l);
            if (i > 0) {
                body.append("\n\n").append(msg("notify.separator", l)).append("\n\n");
            }
            body.append(msg("notify.greeting", l, alert.tenantName())).append("\n\n");
            if (escalated) {
                body.append(msg("notify.escalated", l)).append("\n\n");
            }
            body.append(msg("notify.what.heading", l)).append('\n')
                    .append(story.text("headline", args, messages, l)).append('\n')
                    .append(story.text("what", args, messages, l)).append('\n')
                    .append(msg("notify.when", l, alert.count(), time(alert.firstSeen()), time(alert.lastSeen())))
                    .append("\n\n");
            body.append(msg("notify.matters.heading", l)).append('\n')
                    .append(msg("notify.level." + lvl, l)).append(": ").append(story.text("matters", args, messages, l))
                    .append("\n\n");
            body.append(msg("notify.todo.heading", l)).append('\n');
            int n = 1;
            for (String step : story.steps(args, messages, l)) {
                body.append(n++).append(". ").append(step).append('\n');
            }
            body.append('\n');
            desk(body, l);
            body.append(story.text("call", args, messages, l)).append('\n');
            body.append('\n').append(msg("notify.owner.link", l, ownerLink(alert))).append("\n\n")
                    .append(msg("notify.desk.rule", l, alert.title())).append("\n\n")
                    .append(msg("notify.footer", l));
        }
        return new Message(subject, body.append('\n').toString());
    }

    /** The SME's daily digest: one list of the not-urgent alerts, each by its story's headline. */
    public Message tenantDigest(String tenantName, List<DigestItem> items, String firstLanguage) {
        List<Locale> order = order(firstLanguage);
        String subject = "[助太刀 Sukedachi] " + msg("notify.digest.subject", order.get(0), items.size()) + " / "
                + msg("notify.digest.subject", order.get(1), items.size());
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < order.size(); i++) {
            Locale l = order.get(i);
            if (i > 0) {
                body.append("\n\n").append(msg("notify.separator", l)).append("\n\n");
            }
            body.append(msg("notify.greeting", l, tenantName)).append("\n\n").append(msg("notify.digest.intro", l))
                    .append("\n\n");
            for (DigestItem item : items) {
                AlertView a = item.alert();
                OwnerStory story = stories.of(a.tenantId(), a.id(), a.category(), a.entity());
                body.append(msg("notify.digest.line", l, label(a, l) + ": " + story.text("headline", args(story, a, l),
                        messages, l), msg("notify.level." + level(a, item.severity()), l), a.count(),
                        time(a.lastSeen()))).append("\n  ").append(ownerLink(a)).append('\n');
            }
            body.append('\n').append(msg("notify.digest.todo", l)).append("\n\n");
            desk(body, l);
            body.append('\n').append(msg("notify.footer", l));
        }
        return new Message(subject, body.append('\n').toString());
    }

    private Object[] args(OwnerStory story, AlertView a, Locale l) {
        String title = a.title() == null ? "" : a.title();
        return story.args(a.entity(), a.count(), title.substring(title.indexOf(": ") + 1).strip(), messages, l);
    }

    /** One alert of a digest at the severity it is listed with. */
    public record DigestItem(AlertView alert, Severity severity, boolean escalated) {
    }

    private void desk(StringBuilder body, Locale l) {
        body.append(msg("notify.call.heading", l)).append('\n');
        boolean any = false;
        if (desk.hasPhone()) {
            body.append(msg("notify.call.phone", l, desk.phone())).append('\n');
            any = true;
        }
        if (desk.hasEmail()) {
            body.append(msg("notify.call.email", l, desk.email())).append('\n');
            any = true;
        }
        if (any && desk.hasHours()) {
            body.append(msg("notify.call.hours", l, desk.hoursText())).append('\n');
        }
        if (!any) {
            body.append(msg("notify.call.none", l)).append('\n');
        }
    }

    private static List<Locale> order(String firstLanguage) {
        return "en".equalsIgnoreCase(firstLanguage) ? List.of(EN, JA) : List.of(JA, EN);
    }

    private String msg(String key, Locale l, Object... args) {
        return messages.getMessage(key, args.length == 0 ? null : args, l);
    }

    // ------------------------------------------------------------------------------------ analysts

    /** The analysts' immediate mail: concise and technical. */
    public Message analystAlert(AlertView a, Severity severity, boolean escalated) {
        String subject = "[Sukedachi] " + severity + (escalated ? " (escalated)" : "") + " " + a.title() + " — "
                + a.tenantName();
        String body = "tenant:     " + a.tenantName() + "\n"
                + "severity:   " + severity + (escalated ? " (escalated since the last notification)" : "") + "\n"
                + "category:   " + a.categoryId() + "\n"
                + "title:      " + a.title() + "\n"
                + "key:        " + a.detector() + " | " + a.ruleId() + " | " + a.entity() + "\n"
                + "count:      " + a.count() + "\n"
                + "first seen: " + time(a.firstSeen()) + " (" + a.firstSeen() + ")\n"
                + "last seen:  " + time(a.lastSeen()) + " (" + a.lastSeen() + ")\n"
                + "status:     " + a.status() + "\n"
                + "link:       " + link(a) + "\n";
        return new Message(subject, body);
    }

    /** The analysts' daily digest, grouped by tenant. */
    public Message analystDigest(List<DigestItem> items) {
        Map<String, List<DigestItem>> byTenant = new LinkedHashMap<>();
        for (DigestItem item : items) {
            byTenant.computeIfAbsent(item.alert().tenantName(), k -> new ArrayList<>()).add(item);
        }
        StringBuilder body = new StringBuilder("Not-urgent alerts since the last digest: " + items.size() + " in "
                + byTenant.size() + " tenant(s).\n");
        byTenant.forEach((tenant, list) -> {
            body.append("\n== ").append(tenant).append(" (").append(list.size()).append(")\n");
            for (DigestItem item : list) {
                AlertView a = item.alert();
                body.append("- ").append(item.severity()).append(item.escalated() ? " (escalated)" : "").append(' ')
                        .append(a.categoryId()).append(": ").append(a.title()).append(" | ").append(a.detector())
                        .append(" | ").append(a.ruleId())
                        .append(" | ").append(a.entity()).append(" | count ").append(a.count()).append(" | ")
                        .append(time(a.firstSeen())).append(" → ").append(time(a.lastSeen())).append("\n  ")
                        .append(link(a)).append('\n');
            }
        });
        return new Message("[Sukedachi] Daily digest: " + items.size() + " alert(s), " + byTenant.size()
                + " tenant(s)", body.toString());
    }

    /** The one-line chat text of the webhook. */
    public String webhookText(AlertView a, Severity severity, boolean escalated) {
        return "[" + severity + (escalated ? ", escalated" : "") + "] " + a.tenantName() + ": " + a.categoryId()
                + " — " + a.title() + " ("
                + a.entity() + ", " + a.count() + "×) " + link(a);
    }
}
