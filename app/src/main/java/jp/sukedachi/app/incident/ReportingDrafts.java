package jp.sukedachi.app.incident;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import jp.sukedachi.app.shared.Formats;
import org.springframework.context.MessageSource;

/**
 * A draft per party, pre-filled from the incident, for a person to read, correct, copy and send. Nothing here sends
 * anything: the drafts are text on the reporting page. Every word comes from the message bundles (Japanese, English on
 * the English screens); types, parties and yes/no answers are written as labels, never as constant names or ids.
 */
final class ReportingDrafts {
    private final MessageSource messages;
    private final Formats formats = new Formats();

    ReportingDrafts(MessageSource messages) {
        this.messages = messages;
    }

    /**
     * What a draft tells about the incident. The 5W1H texts, hosts and done steps come from the incident record;
     * null or empty ones are left for the sender to fill in.
     */
    record Input(String companyName, String prefectureCode, String title, IncidentType type, Instant openedAt,
            ReportingFacts facts, String foundBy, String foundWhen, String what, String where, String how,
            String damage, List<String> hosts, List<String> done) {
    }

    /** A draft: its subject, its body, and where it is sent (an official page, or null to send it directly). */
    record Draft(ReportingParty party, String subject, String body, String url) {
    }

    List<Draft> drafts(Input in, List<ReportingParty> parties, Locale locale) {
        return parties.stream().filter(p -> p != ReportingParty.DESK).map(p -> draft(in, p, locale)).toList();
    }

    Draft draft(Input in, ReportingParty party, Locale locale) {
        String prefecture = in.prefectureCode() == null ? text("reporting.draft.prefecture.unknown", locale)
                : text("pref." + in.prefectureCode(), locale);
        String type = text(in.type().labelKey(), locale);
        String subject = text("reporting.draft." + party.name() + ".subject", locale, in.companyName(), type);
        List<String> lines = new ArrayList<>();
        lines.add(text("reporting.draft." + party.name() + ".to", locale, prefecture));
        lines.add("");
        lines.add(text("reporting.draft." + party.name() + ".intro", locale, in.companyName(), type));
        lines.add("");
        lines.add(fact("company", locale, in.companyName()));
        lines.add(fact("prefecture", locale, prefecture));
        lines.add(fact("title", locale, in.title()));
        lines.add(fact("type", locale, type));
        lines.add(fact("learnedAt", locale, formats.dateTime(in.facts().learnedAt())));
        lines.add(fact("foundBy", locale, in.foundBy()));
        lines.add(fact("foundWhen", locale, in.foundWhen()));
        lines.add(fact("what", locale, in.what()));
        lines.add(fact("where", locale, in.where()));
        lines.add(fact("how", locale, in.how()));
        lines.add(fact("damage", locale, in.damage()));
        lines.add(fact("hosts", locale, join(in.hosts(), locale)));
        lines.add(fact("done", locale, join(in.done(), locale)));
        if (party == ReportingParty.PPC_PRELIMINARY || party == ReportingParty.PPC_FINAL
                || party == ReportingParty.PEOPLE || party == ReportingParty.PARTNERS) {
            lines.add(fact("personalData", locale, text(in.facts().personalData().labelKey(), locale)));
            lines.add(fact("people", locale, in.facts().people() == null ? null
                    : text("reporting.draft.peopleCount", locale, in.facts().people())));
        }
        lines.add("");
        lines.add(text("reporting.draft." + party.name() + ".ask", locale));
        lines.add("");
        lines.add(text("reporting.draft.signature", locale, in.companyName()));
        return new Draft(party, subject, String.join("\n", lines), party.url());
    }

    /** One "label: value" line; a value not yet known asks the sender to fill it in. */
    private String fact(String name, Locale locale, String value) {
        String shown = value == null || value.isBlank() ? text("reporting.draft.fillIn", locale) : value.strip();
        return text("reporting.draft.fact." + name, locale) + text("reporting.draft.separator", locale) + shown;
    }

    private String join(List<String> items, Locale locale) {
        return items == null || items.isEmpty() ? null
                : String.join(text("reporting.draft.listSeparator", locale), items);
    }

    private String text(String key, Locale locale, Object... args) {
        return messages.getMessage(key, args.length == 0 ? null : args, locale);
    }
}
