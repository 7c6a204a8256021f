package jp.sukedachi.app.selfcheck.policy;

import jp.sukedachi.app.pdf.PdfFonts;
import jp.sukedachi.app.pdf.JapanesePdf;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * The policy and the internal rules as PDF. Headings come in the document's own language (the one the
 * policy was started in), whatever language the reader's screen uses.
 */
@Component
public class PolicyDocuments {
    /** Number of sections in the internal-rules model text ({@code rules.N.title}, {@code rules.N.body}). */
    public static final int RULE_SECTIONS = 6;
    private final PdfFonts fonts;
    private final MessageSource messages;

    public PolicyDocuments(PdfFonts fonts, MessageSource messages) {
        this.fonts = fonts;
        this.messages = messages;
    }

    private String msg(Locale locale, String key, Object... args) {
        return messages.getMessage(key, args, locale);
    }

    public String date(LocalDate date, Locale locale) {
        return date == null ? "" : DateTimeFormatter.ofPattern(msg(locale, "policy.doc.dateFormat"), locale).format(date);
    }

    public byte[] policyPdf(Policy p) {
        Locale l = p.locale();
        JapanesePdf pdf = fonts.newDocument()
                .title(msg(l, "policy.doc.title"))
                .line(p.companyName(), 12, JapanesePdf.Align.CENTER)
                .gap(10);
        for (String[] section : sectionsOf(p)) {
            pdf.heading(section[0]).paragraph(section[1]);
        }
        return pdf.gap(16)
                .line(established(p), 10.5f, JapanesePdf.Align.RIGHT)
                .line(p.companyName(), 10.5f, JapanesePdf.Align.RIGHT)
                .line(p.headTitle() + "　" + p.headName(), 10.5f, JapanesePdf.Align.RIGHT)
                .toBytes();
    }

    public byte[] rulesPdf(Policy p) {
        Locale l = p.locale();
        JapanesePdf pdf = fonts.newDocument()
                .title(msg(l, "rules.doc.title"))
                .line(p.companyName(), 12, JapanesePdf.Align.CENTER)
                .gap(10)
                .paragraph(msg(l, "rules.doc.intro", p.companyName()));
        for (int i = 1; i <= RULE_SECTIONS; i++) {
            pdf.heading(i + ". " + msg(l, "rules." + i + ".title")).paragraph(msg(l, "rules." + i + ".body"));
            if (i == 1) {
                pdf.table(roleRows(p, l));
            }
        }
        return pdf.gap(16)
                .line(established(p), 10.5f, JapanesePdf.Align.RIGHT)
                .line(p.headTitle() + "　" + p.headName(), 10.5f, JapanesePdf.Align.RIGHT)
                .toBytes();
    }

    /** The numbered headings with their texts, in the document's language. */
    public List<String[]> sectionsOf(Policy p) {
        List<String[]> rows = new ArrayList<>();
        int n = 1;
        for (PolicySection s : PolicySection.values()) {
            rows.add(new String[] {n++ + ". " + msg(p.locale(), s.labelKey()), p.section(s)});
        }
        return rows;
    }

    public String title(Policy p) {
        return msg(p.locale(), "policy.doc.title");
    }

    public String established(Policy p) {
        return msg(p.locale(), "policy.doc.established", date(p.establishedOn(), p.locale()));
    }

    /** Role, the named person and the duty, for the roles table. */
    public List<String[]> roleRows(Policy p, Locale l) {
        List<String[]> rows = new ArrayList<>();
        for (PolicyRole r : PolicyRole.values()) {
            String who = p.role(r).isEmpty() ? msg(l, "policy.role.unassigned") : p.role(r);
            rows.add(new String[] {msg(l, r.labelKey()) + "\n" + who, msg(l, r.dutyKey())});
        }
        return rows;
    }
}
