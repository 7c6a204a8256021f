package jp.sukedachi.app.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.YearMonth;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import jp.sukedachi.app.desk.Tickets;
import jp.sukedachi.app.dispatch.Visits;
import jp.sukedachi.app.incident.Incidents;
import jp.sukedachi.app.statement.WatchedTime.DeviceWatch;
import jp.sukedachi.app.tenant.Tenant;
import jp.sukedachi.app.triage.Alert;
import jp.sukedachi.app.triage.AlertQueries.TitleCounts;
import jp.sukedachi.app.triage.Funnel;
import jp.sukedachi.event.Category;
import jp.sukedachi.event.Detection.Severity;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.ResourceBundleMessageSource;

/** The opening sentences and the next steps follow the month's facts, in Japanese and English, with the real texts. */
class MonthlyReportHeadlineTest {
    static final Instant FROM = Instant.parse("2026-09-30T15:00:00Z");
    static final Instant TO = Instant.parse("2026-10-31T15:00:00Z");

    private final MonthlyReports reports = new MonthlyReports(null, messages(), null);

    static ResourceBundleMessageSource messages() {
        ResourceBundleMessageSource m = new ResourceBundleMessageSource();
        m.setBasename("messages");
        m.setDefaultEncoding(StandardCharsets.UTF_8.name());
        m.setFallbackToSystemLocale(false);
        return m;
    }

    static Alert alert(Category category, Alert.Status status, String entity) {
        return new Alert(UUID.randomUUID(), UUID.randomUUID(), "k", "intel", "r", entity, "Unknown device 10.0.0.9",
                category, Severity.MEDIUM, Severity.MEDIUM, status, status == Alert.Status.CLOSED
                        ? Alert.Resolution.BENIGN : null, null, 1, 1, FROM, FROM, FROM, null, FROM, FROM);
    }

    static MonthlyFacts facts(boolean device, long events, Map<Category, Long> detections, Map<Category, Long> alerts,
            List<Alert> human, long incidents, long openIncidents) {
        Tenant t = new Tenant(UUID.randomUUID(), "sakura", "株式会社さくら", null, null, null, null, null, null, null,
                FROM, FROM);
        List<DeviceWatch> devices = device ? List.of(new DeviceWatch(UUID.randomUUID(), "本社UTM", "device.kind.utm",
                FROM, TO, 2_678_400, 0, 0)) : List.of();
        long suspicious = detections.values().stream().mapToLong(Long::longValue).sum();
        // The BLOCKED alerts of these months are the kind opened before V37: they never needed a human.
        long alertTotal = alerts.values().stream().mapToLong(Long::longValue).sum();
        long needingHuman = alertTotal - alerts.getOrDefault(Category.BLOCKED, 0L);
        return new MonthlyFacts(t, YearMonth.of(2026, 10), FROM, TO, false, TO,
                new Funnel(FROM, TO, events, suspicious, alertTotal, incidents,
                        detections.getOrDefault(Category.BLOCKED, 0L), needingHuman), detections, new TitleCounts(List.of(), 0),
                alerts, human, human.stream().filter(a -> a.status() != Alert.Status.CLOSED).count(), List.of(),
                List.of(), incidents, new Incidents.PeriodCounts(incidents, 0, openIncidents),
                new Visits.PeriodFigures(0, 0, 0), devices, List.of(), null, null,
                new Tickets.PeriodFigures(0, 0, 0, 0));
    }

    static Map<Category, Long> counts(Object... pairs) {
        Map<Category, Long> m = new EnumMap<>(Category.class);
        for (int i = 0; i < pairs.length; i += 2) {
            m.put((Category) pairs[i], ((Number) pairs[i + 1]).longValue());
        }
        return m;
    }

    @Test
    void aMonthWithBlockedAttacksAndOneSolvedAlertReadsAsTheIssueAsks() {
        MonthlyFacts f = facts(true, 9_000, counts(Category.BLOCKED, 312), counts(Category.BLOCKED, 7, Category.C2, 1),
                List.of(alert(Category.C2, Alert.Status.CLOSED, "ip:10.0.0.9")), 0, 0);
        assertThat(reports.headline(f, Locale.JAPANESE))
                .isEqualTo("今月、監視機器は 312 件の攻撃を止めました。対応が必要だったのは 1 件で、すでに解決しています。");
        assertThat(reports.headline(f, Locale.ENGLISH)).isEqualTo("This month your security devices stopped 312"
                + " attacks. One alert needed a person to act, and it is solved.");
        assertThat(f.figures()).isEqualTo(new ReportFigures(9_000, 312, 0, 8, 1, 0, 0, null));
    }

    @Test
    void aQuietMonthSaysNothingNeededAPerson() {
        MonthlyFacts f = facts(true, 500, counts(), counts(), List.of(), 0, 0);
        assertThat(reports.headline(f, Locale.JAPANESE))
                .isEqualTo("今月、監視機器が止めた攻撃はありませんでした。人が対応する必要のある知らせはありませんでした。");
    }

    @Test
    void aMonthWithoutDataSaysNothingWasWatchedRatherThanAllIsWell() {
        MonthlyFacts f = facts(true, 0, counts(), counts(), List.of(), 0, 0);
        assertThat(reports.headline(f, Locale.JAPANESE)).startsWith("今月は、監視機器から記録が一度も届かず")
                .doesNotContain("ありませんでした。人が");
        assertThat(reports.headline(f, Locale.ENGLISH)).startsWith("This month no record arrived from your devices");
    }

    @Test
    void openAlertsAndIncidentsAreSaidWithTheirCountsInPluralEnglish() {
        MonthlyFacts f = facts(true, 10, counts(Category.BLOCKED, 1_234), counts(Category.PHISHING, 2),
                List.of(alert(Category.PHISHING, Alert.Status.NEW, "mail:x"),
                        alert(Category.PHISHING, Alert.Status.CLOSED, "mail:y")), 2, 1);
        assertThat(reports.headline(f, Locale.ENGLISH)).isEqualTo("This month your security devices stopped 1,234"
                + " attacks. 2 alerts needed a person to act; one is still being handled. 2 incidents were handled;"
                + " one was still open at the end of the month.");
        assertThat(reports.headline(f, Locale.JAPANESE)).isEqualTo("今月、監視機器は 1,234 件の攻撃を止めました。"
                + "対応が必要だったのは 2 件で、そのうち 1 件は今も対応を続けています。"
                + "事故（インシデント）として対応したものが 2 件あり、月末の時点で 1 件が対応中でした。");
    }

    @Test
    void thereAreAlwaysThreeDifferentNextStepsEachWithItsReason() {
        MonthlyFacts busy = facts(true, 10, counts(Category.C2, 3), counts(Category.C2, 1, Category.PHISHING, 1,
                Category.OUTDATED_OS, 1), List.of(alert(Category.C2, Alert.Status.NEW, "ip:1")), 0, 0);
        List<MonthlyReports.Step> steps = reports.nextSteps(busy, Locale.JAPANESE);
        assertThat(steps).hasSize(3).extracting(MonthlyReports.Step::what).doesNotHaveDuplicates()
                .containsExactly("対応中の知らせを、担当者と一緒に片づける", "大事なデータのバックアップを取り、戻せるか確かめる",
                        "怪しいメールの見分け方を、社内で共有する");
        assertThat(steps.get(0).why()).contains("1 件");
        MonthlyFacts empty = facts(false, 0, counts(), counts(), List.of(), 0, 0);
        assertThat(reports.nextSteps(empty, Locale.ENGLISH)).hasSize(3).extracting(MonthlyReports.Step::what)
                .containsExactly("Register a device to watch", "Take the self-check",
                        "Back up important data regularly");
    }

    @Test
    void aHostIsNamedByItsAddressAndNeverByAnInternalId() {
        assertThat(MonthlyReports.hostOf(alert(Category.UNKNOWN_DEVICE, Alert.Status.NEW, "ip:192.168.1.50")))
                .isEqualTo("192.168.1.50");
        assertThat(MonthlyReports.hostOf(alert(Category.UNKNOWN_DEVICE, Alert.Status.NEW,
                "device:" + UUID.randomUUID()))).isEqualTo("Unknown device 10.0.0.9");
    }
}
