package jp.sukedachi.app.report.letter;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import jp.sukedachi.app.pdf.JapanesePdf;
import jp.sukedachi.app.pdf.PdfFonts;
import jp.sukedachi.app.report.letter.LetterFacts.DeviceFact;
import jp.sukedachi.app.report.letter.LetterFacts.IncidentFact;
import jp.sukedachi.app.report.letter.LetterFacts.SecurityActionFact;
import jp.sukedachi.app.report.letter.LetterFacts.SelfCheckFact;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * A letter's words in the reader's language, the same for the PDF and the verification page (one place decides
 * what a letter says, so the page cannot say more or less than the paper): the period, the devices and the share
 * of the period each was watched, the incidents and whether each is closed, the self-check and SECURITY ACTION,
 * the issuer.
 */
@Component
class LetterDocuments {
    private static final DateTimeFormatter JA = DateTimeFormatter.ofPattern("uuuu年M月d日", Locale.JAPANESE);
    private static final DateTimeFormatter EN = DateTimeFormatter.ofPattern("d MMMM uuuu", Locale.ENGLISH);

    private final MessageSource messages;
    private final PdfFonts fonts;

    LetterDocuments(MessageSource messages, PdfFonts fonts) {
        this.messages = messages;
        this.fonts = fonts;
    }

    /** What the letter says, in words: the page and the PDF lay this out. */
    record Text(String title, String intro, List<String[]> summary, String devicesNote, List<String[]> devices,
            String incidentsNote, List<String[]> incidents, List<String[]> selfHelp, String note) {
    }

    private String t(Locale locale, String key, Object... args) {
        return messages.getMessage(key, args, locale);
    }

    public String date(LocalDate day, Locale locale) {
        return day == null ? "—" : (isEnglish(locale) ? EN : JA).format(day);
    }

    private static boolean isEnglish(Locale locale) {
        return "en".equals(locale.getLanguage());
    }

    /** (public: templates call it.) The period as the letter states it: "2026年7月1日から2026年9月30日まで（日本時間）". */
    public String period(LetterFacts f, Locale locale) {
        return t(locale, "letter.period.value", date(f.from(), locale), date(f.to(), locale));
    }

    Text text(LetterFacts f, Locale locale) {
        List<String[]> summary = List.of(
                new String[] {t(locale, "letter.company"), f.company()},
                new String[] {t(locale, "letter.period"), period(f, locale)},
                new String[] {t(locale, "letter.issuer"), f.issuer()},
                new String[] {t(locale, "letter.issuedOn"), date(f.issuedAt().atZone(jp.sukedachi.app.shared.Formats.TOKYO)
                        .toLocalDate(), locale)});

        List<String[]> devices = new ArrayList<>();
        if (!f.devices().isEmpty()) {
            devices.add(new String[] {t(locale, "letter.device.name"), t(locale, "letter.device.kind"),
                    t(locale, "letter.device.registered"), t(locale, "letter.device.share")});
            for (DeviceFact d : f.devices()) {
                devices.add(new String[] {d.name(), t(locale, d.kindKey()), date(d.registeredOn(), locale),
                        d.percent() + "%"});
            }
        }

        List<String[]> incidents = new ArrayList<>();
        if (!f.incidents().isEmpty()) {
            incidents.add(new String[] {t(locale, "letter.incident.number"), t(locale, "letter.incident.type"),
                    t(locale, "letter.incident.opened"), t(locale, "letter.incident.state")});
            for (IncidentFact i : f.incidents()) {
                incidents.add(new String[] {"#" + i.number(),
                        i.typeKey() == null ? t(locale, "letter.incident.type.none") : t(locale, i.typeKey()),
                        date(i.openedOn(), locale), i.closed() ? t(locale, "letter.incident.closed",
                                date(i.closedOn(), locale)) : t(locale, "letter.incident.open")});
            }
        }
        String incidentsNote = f.incidents().isEmpty() && f.incidentsNotListed() == 0
                ? t(locale, "letter.incidents.none")
                : t(locale, "letter.incidents.count", f.incidents().size() + f.incidentsNotListed(),
                        f.incidentsClosed())
                        + (f.incidentsNotListed() > 0 ? " " + t(locale, "letter.incidents.more", f.incidentsNotListed())
                        : "");

        SelfCheckFact s = f.selfCheck();
        SecurityActionFact sa = f.securityAction();
        List<String[]> selfHelp = List.of(
                new String[] {t(locale, "letter.selfcheck"), s == null ? t(locale, "letter.selfcheck.none")
                        : t(locale, "letter.selfcheck.value", s.score(), s.max(), date(s.answeredOn(), locale))},
                new String[] {t(locale, "letter.securityAction"), sa.level() == 0
                        ? t(locale, "letter.securityAction.none")
                        : t(locale, "letter.securityAction.value", sa.stars(), date(sa.declaredOn(), locale),
                                sa.code() == null ? "—" : sa.code())},
                new String[] {t(locale, "letter.rules"), t(locale, "letter.rules.value", sa.rulesFollowed(), sa.rules())});

        return new Text(t(locale, "letter.title"), t(locale, "letter.intro", f.company(), f.issuer()), summary,
                f.devices().isEmpty() ? t(locale, "letter.devices.none") : t(locale, "letter.devices.method"), devices,
                incidentsNote, incidents, selfHelp, t(locale, "letter.note", f.issuer()));
    }

    /** The letter as an A4 PDF, with the link a partner opens to check it. */
    byte[] pdf(LetterFacts f, String verificationUrl, Locale locale) {
        Text text = text(f, locale);
        JapanesePdf pdf = fonts.newDocument();
        pdf.title(text.title());
        pdf.paragraph(text.intro());
        pdf.table(text.summary());
        pdf.heading(t(locale, "letter.section.devices"));
        pdf.paragraph(text.devicesNote(), 9.5f);
        pdf.grid(new float[] {3.0f, 2.4f, 1.6f, 1.6f}, text.devices(), false, false, false, true);
        pdf.heading(t(locale, "letter.section.incidents"));
        pdf.paragraph(text.incidentsNote());
        pdf.grid(new float[] {0.8f, 2.6f, 1.6f, 2.6f}, text.incidents(), true, false, false, false);
        pdf.heading(t(locale, "letter.section.selfHelp"));
        pdf.table(text.selfHelp());
        pdf.heading(t(locale, "letter.section.verify"));
        pdf.paragraph(t(locale, "letter.verify.explain"));
        pdf.paragraph(verificationUrl);
        pdf.gap(8);
        pdf.paragraph(text.note(), 9f);
        pdf.footer(t(locale, "letter.footer", f.company()));
        return pdf.toBytes();
    }
}
