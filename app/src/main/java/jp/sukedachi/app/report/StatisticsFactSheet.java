package jp.sukedachi.app.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import jp.sukedachi.app.pdf.JapanesePdf;
import jp.sukedachi.app.report.ProgramStatistics.Month;
import jp.sukedachi.app.report.ProgramStatistics.Statistics;
import jp.sukedachi.app.report.ProgramStatistics.Step;

/** The fact sheet's funnel and trend, until report-doc's vector charts are merged: as tables. */
final class StatisticsFactSheet {
    interface Texts {
        String t(Locale locale, String key, Object... args);
    }

    private StatisticsFactSheet() {
    }

    static void charts(JapanesePdf pdf, Statistics s, Locale locale, Texts texts) {
        pdf.heading(texts.t(locale, "statistics.funnel"));
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {texts.t(locale, "statistics.csv.item"), texts.t(locale, "statistics.csv.value")});
        for (Step step : s.funnel()) {
            rows.add(new String[] {step.label(), StatisticsCharts.number(step.count(), locale)});
        }
        pdf.grid(new float[] {3, 1}, rows, false, true);
        pdf.heading(texts.t(locale, "statistics.trend"));
        List<String[]> trend = new ArrayList<>();
        trend.add(new String[] {texts.t(locale, "statistics.csv.month"), texts.t(locale, "statistics.suspiciousAccesses"),
                texts.t(locale, "statistics.alertsNeedingHuman"), texts.t(locale, "statistics.incidents")});
        for (Month m : s.months()) {
            trend.add(new String[] {m.month().toString(),
                    StatisticsCharts.number(m.figures().suspiciousAccesses(), locale),
                    StatisticsCharts.number(m.figures().alertsNeedingHuman(), locale),
                    StatisticsCharts.number(m.figures().incidents(), locale)});
        }
        pdf.grid(new float[] {1, 1, 1, 1}, trend, false, true, true, true);
    }
}
