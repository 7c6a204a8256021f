package jp.sukedachi.app.statement;

import java.nio.charset.StandardCharsets;
import java.text.NumberFormat;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import jp.sukedachi.app.pdf.JapanesePdf;
import jp.sukedachi.app.pdf.PdfFonts;
import jp.sukedachi.app.plan.ContractTerms;
import jp.sukedachi.app.shared.Formats;
import jp.sukedachi.app.statement.UsageStatement.AlertLine;
import jp.sukedachi.app.statement.UsageStatement.DeviceLine;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * A usage statement as a PDF (A4, for people: the subsidy office, the owner) and as CSV (for the accountant's
 * spreadsheet). The CSV is one row per fact — section, item, subject (a device or a severity), value, unit — so
 * that it can be filtered and summed without knowing the layout; numbers carry no separators, yen are whole yen.
 * UTF-8 with a byte-order mark, so Excel opens the Japanese text correctly; lines end in CRLF (RFC 4180).
 */
@Component
class StatementDocuments {
    static final String BOM = "\uFEFF";
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(Formats.TOKYO);
    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
            .withZone(Formats.TOKYO);

    private final MessageSource messages;
    private final PdfFonts fonts;

    StatementDocuments(MessageSource messages, PdfFonts fonts) {
        this.messages = messages;
        this.fonts = fonts;
    }

    /** One fact of the statement: the CSV's row. */
    record Fact(String section, String item, String subject, String value, String unit) {
    }

    private String t(Locale locale, String key, Object... args) {
        return messages.getMessage(key, args, locale);
    }

    /** The month as people write it: 2026年10月 / October 2026. */
    String monthName(UsageStatement s, Locale locale) {
        return t(locale, "statement.month", s.month().getYear(), s.month().getMonthValue(),
                s.month().getMonth().getDisplayName(java.time.format.TextStyle.FULL, Locale.ENGLISH));
    }

    String period(UsageStatement s, Locale locale) {
        return t(locale, s.partial() ? "statement.period.partial" : "statement.period", MINUTE.format(s.from()),
                MINUTE.format(s.to()));
    }

    private String planType(ContractTerms c, Locale locale) {
        return messages.getMessage(c.type().labelKey(), null, c.type().name().toLowerCase(Locale.ROOT), locale);
    }

    private static String yen(long yen) {
        return NumberFormat.getIntegerInstance(Locale.JAPAN).format(yen);
    }

    // --------------------------------------------------------------------------------------------- CSV

    /** The facts in the order of the PDF. */
    List<Fact> facts(UsageStatement s, Locale locale) {
        List<Fact> f = new ArrayList<>();
        String company = t(locale, "statement.section.company");
        f.add(new Fact(company, t(locale, "statement.companyName"), "", s.tenant().name(), ""));
        f.add(new Fact(company, t(locale, "statement.monthLabel"), "", s.month().toString(), ""));
        f.add(new Fact(company, t(locale, "statement.periodLabel"), "", period(s, locale), ""));
        f.add(new Fact(company, t(locale, "statement.issuer"), "", s.issuer(), ""));
        f.add(new Fact(company, t(locale, "statement.generatedAt"), "", MINUTE.format(s.generatedAt()), ""));
        String contract = t(locale, "statement.section.contract");
        if (s.contract().isEmpty()) {
            f.add(new Fact(contract, t(locale, "statement.contract"), "", t(locale, "statement.contract.none"), ""));
        } else {
            ContractTerms c = s.contract().get();
            f.add(new Fact(contract, t(locale, "statement.plan"), "", c.planName(), ""));
            f.add(new Fact(contract, t(locale, "statement.planType"), "", planType(c, locale), ""));
            f.add(new Fact(contract, t(locale, "statement.tier"), "", t(locale, "statement.tier.value", c.tier()), ""));
            f.add(new Fact(contract, t(locale, "statement.monthlyYen"), "", Long.toString(c.monthlyYen()),
                    t(locale, "statement.unit.yen")));
            f.add(new Fact(contract, t(locale, "statement.perDeviceYen"), "", Long.toString(c.perDeviceYen()),
                    t(locale, "statement.unit.yen")));
            f.add(new Fact(contract, t(locale, "statement.endpoints"), "", Integer.toString(c.endpoints()),
                    t(locale, "statement.unit.devices")));
            f.add(new Fact(contract, t(locale, "statement.fee"), "", Long.toString(c.monthlyFeeYen()),
                    t(locale, "statement.unit.yen")));
            f.add(new Fact(contract, t(locale, "statement.contractPeriod"), "", contractPeriod(c, locale), ""));
        }
        String devices = t(locale, "statement.section.devices");
        f.add(new Fact(devices, t(locale, "statement.method.label"), "", t(locale, "statement.method"), ""));
        if (s.devices().isEmpty()) {
            f.add(new Fact(devices, t(locale, "statement.devices.count"), "", "0", t(locale, "statement.unit.devices")));
        }
        String hours = t(locale, "statement.unit.hours");
        for (DeviceLine d : s.devices()) {
            f.add(new Fact(devices, t(locale, "statement.device.kind"), d.name(), t(locale, d.kindLabelKey()), ""));
            f.add(new Fact(devices, t(locale, "statement.device.registered"), d.name(), DAY.format(d.registeredAt()), ""));
            f.add(new Fact(devices, t(locale, "statement.device.lastSeen"), d.name(),
                    d.lastSeenAt() == null ? t(locale, "statement.device.never") : MINUTE.format(d.lastSeenAt()), ""));
            f.add(new Fact(devices, t(locale, "statement.device.registeredHours"), d.name(),
                    UsageStatement.hours(d.registeredSeconds()), hours));
            f.add(new Fact(devices, t(locale, "statement.device.silentHours"), d.name(),
                    UsageStatement.hours(d.silentSeconds()), hours));
            f.add(new Fact(devices, t(locale, "statement.device.watchedHours"), d.name(),
                    UsageStatement.hours(d.watchedSeconds()), hours));
            f.add(new Fact(devices, t(locale, "statement.device.share"), d.name(),
                    UsageStatement.percent(d.watchedSeconds(), s.periodSeconds()), "%"));
        }
        String alerts = t(locale, "statement.section.alerts");
        String count = t(locale, "statement.unit.count");
        for (AlertLine a : s.alerts()) {
            String sev = t(locale, "statement.severity." + a.severity().name());
            f.add(new Fact(alerts, t(locale, "statement.alerts.total"), sev, Long.toString(a.total()), count));
            f.add(new Fact(alerts, t(locale, "statement.alerts.open"), sev, Long.toString(a.open()), count));
            f.add(new Fact(alerts, t(locale, "statement.alerts.truePositive"), sev, Long.toString(a.truePositive()), count));
            f.add(new Fact(alerts, t(locale, "statement.alerts.falsePositive"), sev, Long.toString(a.falsePositive()),
                    count));
            f.add(new Fact(alerts, t(locale, "statement.alerts.benign"), sev, Long.toString(a.benign()), count));
        }
        String incidents = t(locale, "statement.section.incidents");
        f.add(new Fact(incidents, t(locale, "statement.incidents.opened"), "", Long.toString(s.incidents().opened()), count));
        f.add(new Fact(incidents, t(locale, "statement.incidents.closed"), "", Long.toString(s.incidents().closed()), count));
        f.add(new Fact(incidents, t(locale, "statement.incidents.openAtEnd"), "",
                Long.toString(s.incidents().openAtEnd()), count));
        String desk = t(locale, "statement.section.desk");
        f.add(new Fact(desk, t(locale, "statement.desk.received"), "", Long.toString(s.desk().received()), count));
        f.add(new Fact(desk, t(locale, "statement.desk.solved"), "", Long.toString(s.desk().solved()), count));
        f.add(new Fact(desk, t(locale, "statement.desk.minutes"), "", Long.toString(s.desk().minutes()),
                t(locale, "statement.unit.minutes")));
        f.add(new Fact(desk, t(locale, "statement.desk.ticketsWithTime"), "", Long.toString(s.desk().ticketsWithTime()),
                count));
        String visits = t(locale, "statement.section.visits");
        f.add(new Fact(visits, t(locale, "statement.visits.count"), "", Long.toString(s.visits().visits()),
                t(locale, "statement.unit.visits")));
        f.add(new Fact(visits, t(locale, "statement.visits.onSite"), "",
                UsageStatement.hours(s.visits().minutesOnSite() * 60), hours));
        f.add(new Fact(visits, t(locale, "statement.visits.travel"), "",
                UsageStatement.hours(s.visits().travelMinutes() * 60), hours));
        f.add(new Fact(t(locale, "statement.section.note"), t(locale, "statement.note.label"), "",
                t(locale, "statement.note", s.issuer()), ""));
        return f;
    }

    private String contractPeriod(ContractTerms c, Locale locale) {
        return c.end() == null ? t(locale, "statement.contractPeriod.open", c.start().toString())
                : t(locale, "statement.contractPeriod.closed", c.start().toString(), c.end().toString());
    }

    byte[] csv(UsageStatement s, Locale locale) {
        StringBuilder out = new StringBuilder(BOM);
        row(out, t(locale, "statement.csv.section"), t(locale, "statement.csv.item"), t(locale, "statement.csv.subject"),
                t(locale, "statement.csv.value"), t(locale, "statement.csv.unit"));
        for (Fact fact : facts(s, locale)) {
            row(out, fact.section(), fact.item(), fact.subject(), fact.value(), fact.unit());
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void row(StringBuilder out, String... cells) {
        for (int i = 0; i < cells.length; i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(cell(cells[i]));
        }
        out.append("\r\n");
    }

    /** A CSV cell, formula-neutralised (see {@link jp.sukedachi.app.shared.Texts#csvCell}). */
    static String cell(String value) {
        return jp.sukedachi.app.shared.Texts.csvCell(value);
    }

    // --------------------------------------------------------------------------------------------- PDF

    byte[] pdf(UsageStatement s, Locale locale) {
        JapanesePdf pdf = fonts.newDocument();
        pdf.title(t(locale, "statement.pdf.title", monthName(s, locale)));
        pdf.table(List.of(
                new String[] {t(locale, "statement.companyName"), s.tenant().name()},
                new String[] {t(locale, "statement.monthLabel"), monthName(s, locale)},
                new String[] {t(locale, "statement.periodLabel"), period(s, locale)},
                new String[] {t(locale, "statement.issuer"), s.issuer()},
                new String[] {t(locale, "statement.generatedAt"), MINUTE.format(s.generatedAt())}));

        pdf.heading(t(locale, "statement.section.contract"));
        if (s.contract().isEmpty()) {
            pdf.paragraph(t(locale, "statement.contract.none.long"));
        } else {
            ContractTerms c = s.contract().get();
            String yenUnit = t(locale, "statement.unit.yen");
            pdf.table(List.of(
                    new String[] {t(locale, "statement.plan"), c.planName()},
                    new String[] {t(locale, "statement.planType"), planType(c, locale)},
                    new String[] {t(locale, "statement.tier"), t(locale, "statement.tier.value", c.tier())},
                    new String[] {t(locale, "statement.monthlyYen"), yen(c.monthlyYen()) + " " + yenUnit},
                    new String[] {t(locale, "statement.perDeviceYen"), yen(c.perDeviceYen()) + " " + yenUnit},
                    new String[] {t(locale, "statement.endpoints"), c.endpoints() + " " + t(locale, "statement.unit.devices")},
                    new String[] {t(locale, "statement.fee"), yen(c.monthlyFeeYen()) + " " + yenUnit},
                    new String[] {t(locale, "statement.contractPeriod"), contractPeriod(c, locale)}));
        }

        pdf.heading(t(locale, "statement.section.devices"));
        pdf.paragraph(t(locale, "statement.method"));
        if (s.devices().isEmpty()) {
            pdf.paragraph(t(locale, "statement.devices.none"));
        } else {
            List<String[]> rows = new ArrayList<>();
            rows.add(new String[] {t(locale, "statement.device.name"), t(locale, "statement.device.registered"),
                    t(locale, "statement.device.lastSeen"), t(locale, "statement.device.registeredHours.short"),
                    t(locale, "statement.device.silentHours.short"), t(locale, "statement.device.watchedHours.short"),
                    t(locale, "statement.device.share")});
            for (DeviceLine d : s.devices()) {
                rows.add(new String[] {d.name() + "\n" + t(locale, d.kindLabelKey()), DAY.format(d.registeredAt()),
                        d.lastSeenAt() == null ? t(locale, "statement.device.never") : MINUTE.format(d.lastSeenAt()),
                        UsageStatement.hours(d.registeredSeconds()), UsageStatement.hours(d.silentSeconds()),
                        UsageStatement.hours(d.watchedSeconds()),
                        UsageStatement.percent(d.watchedSeconds(), s.periodSeconds()) + "%"});
            }
            pdf.grid(new float[] {3.2f, 1.6f, 2f, 1.3f, 1.3f, 1.3f, 1.2f}, rows, false, false, false, true, true, true,
                    true);
        }

        pdf.heading(t(locale, "statement.section.alerts"));
        pdf.paragraph(t(locale, "statement.alerts.explain"));
        List<String[]> alertRows = new ArrayList<>();
        alertRows.add(new String[] {t(locale, "statement.alerts.severity"), t(locale, "statement.alerts.total"),
                t(locale, "statement.alerts.open"), t(locale, "statement.alerts.truePositive"),
                t(locale, "statement.alerts.falsePositive"), t(locale, "statement.alerts.benign")});
        for (AlertLine a : s.alerts()) {
            alertRows.add(new String[] {t(locale, "statement.severity." + a.severity().name()), Long.toString(a.total()),
                    Long.toString(a.open()), Long.toString(a.truePositive()), Long.toString(a.falsePositive()),
                    Long.toString(a.benign())});
        }
        alertRows.add(new String[] {t(locale, "statement.alerts.sum"), Long.toString(s.alertTotal()), "", "", "", ""});
        pdf.grid(new float[] {2.2f, 1, 1, 1, 1, 1}, alertRows, false, true, true, true, true, true);

        String count = " " + t(locale, "statement.unit.count");
        pdf.heading(t(locale, "statement.section.incidents"));
        pdf.table(List.of(
                new String[] {t(locale, "statement.incidents.opened"), s.incidents().opened() + count},
                new String[] {t(locale, "statement.incidents.closed"), s.incidents().closed() + count},
                new String[] {t(locale, "statement.incidents.openAtEnd"), s.incidents().openAtEnd() + count}));

        pdf.heading(t(locale, "statement.section.desk"));
        pdf.table(List.of(
                new String[] {t(locale, "statement.desk.received"), s.desk().received() + count},
                new String[] {t(locale, "statement.desk.solved"), s.desk().solved() + count},
                new String[] {t(locale, "statement.desk.minutes"),
                        s.desk().minutes() + " " + t(locale, "statement.unit.minutes")},
                new String[] {t(locale, "statement.desk.ticketsWithTime"), s.desk().ticketsWithTime() + count}));

        String hours = " " + t(locale, "statement.unit.hours");
        pdf.heading(t(locale, "statement.section.visits"));
        pdf.table(List.of(
                new String[] {t(locale, "statement.visits.count"),
                        s.visits().visits() + " " + t(locale, "statement.unit.visits")},
                new String[] {t(locale, "statement.visits.onSite"),
                        UsageStatement.hours(s.visits().minutesOnSite() * 60) + hours},
                new String[] {t(locale, "statement.visits.travel"),
                        UsageStatement.hours(s.visits().travelMinutes() * 60) + hours}));

        pdf.gap(10);
        pdf.paragraph(t(locale, "statement.note", s.issuer()), 9.5f);
        return pdf.toBytes();
    }
}
