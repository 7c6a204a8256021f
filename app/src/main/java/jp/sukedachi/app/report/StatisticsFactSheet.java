package jp.sukedachi.app.report;

import java.util.List;
import java.util.Locale;
import jp.sukedachi.app.pdf.JapanesePdf;
import jp.sukedachi.app.report.ProgramStatistics.Figures;
import jp.sukedachi.app.report.ProgramStatistics.Statistics;
import jp.sukedachi.app.report.ProgramStatistics.Step;

/**
 * The fact sheet's charts, drawn with {@link JapanesePdf}'s vector charts (greys, hatching and marker shapes, so
 * they read printed in black and white): the funnel as bars and the month-by-month trend of suspicious accesses and
 * attacks stopped as lines. One page holds one trend chart: the months of the alerts and incidents are in the CSV.
 */
final class StatisticsFactSheet {
    interface Texts {
        String t(Locale locale, String key, Object... args);
    }

    private StatisticsFactSheet() {
    }

    static void charts(JapanesePdf pdf, Statistics s, Locale locale, Texts texts, List<String> monthLabels) {
        pdf.barChart(texts.t(locale, "statistics.funnel"), s.funnel().stream().map(Step::label).toList(),
                List.of(texts.t(locale, "statistics.csv.value")),
                List.of(s.funnel().stream().mapToLong(Step::count).toArray()));
        trend(pdf, s, locale, texts, monthLabels, "statistics.pdf.trend.accesses",
                List.of("statistics.suspiciousAccesses", "statistics.blocked"),
                List.of(f -> f.suspiciousAccesses(), f -> f.blocked()));
    }

    private static void trend(JapanesePdf pdf, Statistics s, Locale locale, Texts texts, List<String> monthLabels,
            String captionKey, List<String> seriesKeys, List<java.util.function.ToLongFunction<Figures>> values) {
        List<double[]> series = values.stream().map(v -> s.months().stream()
                .mapToDouble(m -> v.applyAsLong(m.figures())).toArray()).toList();
        double max = series.stream().flatMapToDouble(java.util.Arrays::stream).max().orElse(0);
        pdf.lineChart(texts.t(locale, captionKey), monthLabels,
                seriesKeys.stream().map(k -> texts.t(locale, k)).toList(), series, 0,
                StatisticsCharts.niceCeiling((long) Math.ceil(max)));
    }
}
