package jp.sukedachi.app.report;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToLongFunction;
import jp.sukedachi.app.pdf.JapanesePdf;
import jp.sukedachi.app.pdf.PdfFonts;
import jp.sukedachi.app.report.ProgramStatistics.Figures;
import jp.sukedachi.app.report.ProgramStatistics.Group;
import jp.sukedachi.app.report.ProgramStatistics.Month;
import jp.sukedachi.app.report.ProgramStatistics.Statistics;
import jp.sukedachi.app.shared.Texts;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * The statistics as CSV (one row per group, then the total, then one per month: for a spreadsheet; UTF-8 with a
 * byte-order mark so Excel reads the Japanese, CRLF, formula-neutralised cells) and as the one-page A4 fact sheet.
 * The columns are the same everywhere (the page's table too), in {@link #COLUMNS}.
 */
@Component
class StatisticsDocuments {
    /** A figure column: its message key and how it is read. */
    record Column(String key, String labelKey, ToLongFunction<Figures> value) {
    }

    static final List<Column> COLUMNS = List.of(
            new Column("companies", "statistics.companies", Figures::companies),
            new Column("devices.utm", "statistics.devices.utm", f -> f.devices().get("utm")),
            new Column("devices.ids-sensor", "statistics.devices.ids-sensor", f -> f.devices().get("ids-sensor")),
            new Column("devices.endpoint", "statistics.devices.endpoint", f -> f.devices().get("endpoint")),
            new Column("devices.shipper", "statistics.devices.shipper", f -> f.devices().get("shipper")),
            new Column("events", "statistics.events", Figures::events),
            new Column("suspiciousAccesses", "statistics.suspiciousAccesses", Figures::suspiciousAccesses),
            new Column("blocked", "statistics.blocked", Figures::blocked),
            new Column("malware", "statistics.malware", Figures::malware),
            new Column("alerts", "statistics.alerts", Figures::alerts),
            new Column("alertsNeedingHuman", "statistics.alertsNeedingHuman", Figures::alertsNeedingHuman),
            new Column("incidents", "statistics.incidents", Figures::incidents),
            new Column("visits", "statistics.visits", Figures::visits),
            new Column("claims", "statistics.claims", Figures::claims));

    private final MessageSource messages;
    private final PdfFonts fonts;

    StatisticsDocuments(MessageSource messages, PdfFonts fonts) {
        this.messages = messages;
        this.fonts = fonts;
    }

    private String t(Locale locale, String key, Object... args) {
        return messages.getMessage(key, args, locale);
    }

    String fileName(Statistics s, String extension) {
        return "statistics-" + s.period().from() + "-" + s.period().to() + "-" + s.groupBy().code() + "." + extension;
    }

    byte[] csv(Statistics s, Locale locale) {
        StringBuilder out = new StringBuilder("\uFEFF");
        List<String> header = new ArrayList<>(List.of(t(locale, "statistics.csv.section"),
                t(locale, "statistics.csv.key"), t(locale, "statistics.csv.label")));
        COLUMNS.forEach(c -> header.add(t(locale, c.labelKey())));
        row(out, header);
        String group = t(locale, "statistics.csv.group");
        for (Group g : s.groups()) {
            row(out, cells(group, g.key(), g.label(), g.figures()));
        }
        row(out, cells(t(locale, "statistics.csv.total"), "total", t(locale, "statistics.period.value",
                s.period().from().toString(), s.period().to().toString()), s.totals()));
        String month = t(locale, "statistics.csv.month");
        for (Month m : s.months()) {
            row(out, cells(month, m.month().toString(), m.month().toString(), m.figures()));
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static List<String> cells(String section, String key, String label, Figures f) {
        List<String> cells = new ArrayList<>(List.of(section, key, label));
        COLUMNS.forEach(c -> cells.add(Long.toString(c.value().applyAsLong(f))));
        return cells;
    }

    private static void row(StringBuilder out, List<String> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(Texts.csvCell(cells.get(i)));
        }
        out.append("\r\n");
    }

    /** The one-page fact sheet: the period, the totals, the funnel and the month-by-month trend. */
    byte[] pdf(Statistics s, Locale locale) {
        JapanesePdf pdf = fonts.newDocument();
        pdf.title(t(locale, "statistics.pdf.title"));
        pdf.line(t(locale, "statistics.period.value", s.period().from().toString(), s.period().to().toString())
                + "　" + t(locale, "statistics.pdf.companies", s.totals().companies()),
                10, JapanesePdf.Align.LEFT);
        Figures f = s.totals();
        List<String[]> totals = new ArrayList<>();
        totals.add(new String[] {t(locale, "statistics.csv.item"), t(locale, "statistics.csv.value"),
                t(locale, "statistics.csv.item"), t(locale, "statistics.csv.value")});
        for (int i = 0; i < COLUMNS.size(); i += 2) {
            Column a = COLUMNS.get(i);
            Column b = i + 1 < COLUMNS.size() ? COLUMNS.get(i + 1) : null;
            totals.add(new String[] {t(locale, a.labelKey()), StatisticsCharts.number(a.value().applyAsLong(f), locale),
                    b == null ? "" : t(locale, b.labelKey()),
                    b == null ? "" : StatisticsCharts.number(b.value().applyAsLong(f), locale)});
        }
        pdf.grid(new float[] {2.2f, 1.2f, 2.2f, 1.2f}, totals, false, true, false, true);
        StatisticsFactSheet.charts(pdf, s, locale, this::t, monthLabels(s, locale));
        pdf.footer(t(locale, "statistics.pdf.footer"));
        return pdf.toBytes();
    }

    /** A table row for the page: a heading cell, its key, and the figures formatted for reading. */
    record Row(String key, String label, List<String> cells) {
    }

    static Row row(String key, String label, Figures f, Locale locale) {
        return new Row(key, label, COLUMNS.stream()
                .map(c -> StatisticsCharts.number(c.value().applyAsLong(f), locale)).toList());
    }

    /** Labels of the trend's months, e.g. 2026年1月. */
    List<String> monthLabels(Statistics s, Locale locale) {
        return s.months().stream().map(m -> t(locale, "statistics.month.short", String.valueOf(m.month().getYear()),
                String.valueOf(m.month().getMonthValue()))).toList();
    }
}
