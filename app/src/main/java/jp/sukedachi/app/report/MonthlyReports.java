package jp.sukedachi.app.report;

import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import jp.sukedachi.app.incident.Incident;
import jp.sukedachi.app.pdf.JapanesePdf;
import jp.sukedachi.app.pdf.PdfFonts;
import jp.sukedachi.app.selfcheck.Score;
import jp.sukedachi.app.shared.Actor;
import jp.sukedachi.app.shared.Formats;
import jp.sukedachi.app.statement.WatchedTime;
import jp.sukedachi.app.statement.WatchedTime.DeviceWatch;
import jp.sukedachi.app.triage.Alert;
import jp.sukedachi.app.triage.AlertQueries.TitleCount;
import jp.sukedachi.app.triage.CategoryLabels;
import jp.sukedachi.event.Category;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Service;

/**
 * The monthly report as an A4 PDF: the month in plain words first, then the company's funnel, what was blocked,
 * the alerts a person handled, incidents and visits, the devices and how much of the month each was watched, hosts
 * newly seen, the self-check trend and SECURITY ACTION, the desk, three next steps and the analyst's comment.
 * Japanese by default, English for an English locale; a section without data says so in one line (or, for the
 * newly seen hosts, is left out) so the reader knows it was looked at.
 */
@Service
class MonthlyReports implements ReportRendering {
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(Formats.TOKYO);
    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
            .withZone(Formats.TOKYO);

    private final MonthlyFactsReader reader;
    private final MessageSource messages;
    private final PdfFonts fonts;

    MonthlyReports(MonthlyFactsReader reader, MessageSource messages, PdfFonts fonts) {
        this.reader = reader;
        this.messages = messages;
        this.fonts = fonts;
    }

    @Override
    public RenderedReport render(Actor actor, UUID tenantId, YearMonth month, Locale locale, String analystComment) {
        Locale l = locale != null && "en".equals(locale.getLanguage()) ? Locale.ENGLISH : Locale.JAPANESE;
        MonthlyFacts f = reader.read(actor, tenantId, month);
        String headline = headline(f, l);
        JapanesePdf pdf = pdf(f, l, headline, analystComment);
        byte[] bytes = pdf.toBytes();
        return new RenderedReport(bytes, pdf.pageCount(), headline, f.figures());
    }

    private String t(Locale l, String key, Object... args) {
        return messages.getMessage(key, args, l);
    }

    private static String n(long v) {
        return String.format(Locale.ROOT, "%,d", v);
    }

    String monthName(YearMonth m, Locale l) {
        return t(l, "report.month", Integer.toString(m.getYear()), Integer.toString(m.getMonthValue()),
                m.getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH));
    }

    // ------------------------------------------------------------------------------------------ the headline

    /**
     * The month in plain words: what the devices stopped, what needed a person and where that stands now. No device,
     * or devices that sent nothing, is said first: a quiet month is not a safe one when nothing was watched.
     */
    String headline(MonthlyFacts f, Locale l) {
        List<String> s = new ArrayList<>();
        boolean nothingArrived = f.funnel().eventsReceived() == 0 && f.suspicious() == 0;
        if (f.devices().isEmpty()) {
            s.add(t(l, "report.headline.noDevice"));
        } else if (nothingArrived) {
            s.add(t(l, "report.headline.noData"));
        } else if (f.blocked() > 0) {
            s.add(t(l, "report.headline.blocked", f.blocked()));
        } else {
            s.add(t(l, "report.headline.noneBlocked"));
        }
        long human = f.alertsNeedingHuman();
        long open = f.stillOpen();
        if (human == 0) {
            if (!f.devices().isEmpty() && !nothingArrived) {
                s.add(t(l, "report.headline.noneNeeded"));
            }
        } else if (open == 0) {
            s.add(t(l, "report.headline.neededSolved", human));
        } else {
            s.add(t(l, "report.headline.neededOpen", human, open));
        }
        if (f.incidentCounts().opened() > 0) {
            s.add(f.incidentCounts().openAtEnd() > 0
                    ? t(l, "report.headline.incidentsOpen", f.incidentCounts().opened(),
                            f.incidentCounts().openAtEnd())
                    : t(l, "report.headline.incidents", f.incidentCounts().opened()));
        }
        return String.join(t(l, "report.sentenceGap"), s);
    }

    // ------------------------------------------------------------------------------------------ the PDF

    private JapanesePdf pdf(MonthlyFacts f, Locale l, String headline, String comment) {
        JapanesePdf pdf = fonts.newDocument();
        String month = monthName(f.month(), l);
        pdf.footer(t(l, "report.footer", f.tenant().name(), month));
        pdf.title(t(l, "report.title", month));
        pdf.table(List.of(
                new String[] {t(l, "report.company"), f.tenant().name()},
                new String[] {t(l, "report.period"), t(l, f.partial() ? "report.period.partial" : "report.period.value",
                        MINUTE.format(f.from()), MINUTE.format(f.to()))},
                new String[] {t(l, "report.generatedAt"), MINUTE.format(f.generatedAt())}));

        pdf.heading(t(l, "report.section.summary"));
        pdf.paragraph(headline, 12);
        figures(pdf, f, l);

        funnel(pdf, f, l);
        blocked(pdf, f, l);
        alerts(pdf, f, l);
        incidents(pdf, f, l);
        devices(pdf, f, l);
        hosts(pdf, f, l);
        selfCheck(pdf, f, l);
        desk(pdf, f, l);
        nextSteps(pdf, f, l);
        if (comment != null && !comment.isBlank()) {
            pdf.heading(t(l, "report.section.comment"));
            pdf.paragraph(comment.strip());
        }
        pdf.gap(8);
        pdf.paragraph(t(l, "report.note"), 9);
        return pdf;
    }

    private void figures(JapanesePdf pdf, MonthlyFacts f, Locale l) {
        String count = " " + t(l, "report.unit.count");
        ReportFigures r = f.figures();
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {t(l, "report.figure.events"), n(r.events()) + count});
        rows.add(new String[] {t(l, "report.figure.suspicious"), n(f.suspicious()) + count});
        rows.add(new String[] {t(l, "report.figure.blocked"), n(r.blocked()) + count});
        rows.add(new String[] {t(l, "report.figure.malware"), n(r.malware()) + count});
        rows.add(new String[] {t(l, "report.figure.alerts"), n(r.alerts()) + count});
        rows.add(new String[] {t(l, "report.figure.alertsNeedingHuman"), n(r.alertsNeedingHuman()) + count});
        rows.add(new String[] {t(l, "report.figure.incidentsOpened"), n(r.incidentsOpened()) + count});
        rows.add(new String[] {t(l, "report.figure.incidentsOpenAtEnd"), n(r.incidentsOpenAtEnd()) + count});
        rows.add(new String[] {t(l, "report.figure.selfCheck"), r.selfCheckScore() == null
                ? t(l, "report.selfCheck.none") : t(l, "report.selfCheck.score", r.selfCheckScore(), Score.MAX)});
        pdf.table(rows);
    }

    private void funnel(JapanesePdf pdf, MonthlyFacts f, Locale l) {
        pdf.heading(t(l, "report.section.funnel"));
        pdf.paragraph(t(l, "report.funnel.explain"));
        ReportFigures r = f.figures();
        pdf.barChart(t(l, "report.funnel.caption"),
                List.of(t(l, "report.figure.events"), t(l, "report.figure.suspicious"), t(l, "report.figure.alerts"),
                        t(l, "report.figure.alertsNeedingHuman"), t(l, "report.figure.incidentsOpened")),
                List.of(t(l, "report.unit.countLabel")),
                List.of(new long[] {r.events(), f.suspicious(), r.alerts(), r.alertsNeedingHuman(),
                        r.incidentsOpened()}));
    }

    private void blocked(JapanesePdf pdf, MonthlyFacts f, Locale l) {
        pdf.heading(t(l, "report.section.blocked"));
        if (f.suspicious() == 0) {
            pdf.paragraph(t(l, "report.blocked.none"));
            return;
        }
        pdf.paragraph(t(l, "report.blocked.explain"));
        Map<Category, Long> byCount = new LinkedHashMap<>();
        f.detections().entrySet().stream().filter(e -> e.getValue() > 0)
                .sorted(Map.Entry.<Category, Long>comparingByValue().reversed())
                .forEach(e -> byCount.put(e.getKey(), e.getValue()));
        List<String> labels = new ArrayList<>();
        long[] values = new long[byCount.size()];
        int i = 0;
        for (var e : byCount.entrySet()) {
            labels.add(CategoryLabels.of(e.getKey(), messages, l));
            values[i++] = e.getValue();
        }
        pdf.barChart(t(l, "report.blocked.caption"), labels, List.of(t(l, "report.unit.countLabel")),
                List.of(values));
        if (f.blocked() > 0) {
            List<String[]> rows = new ArrayList<>();
            rows.add(new String[] {t(l, "report.blocked.title"), t(l, "report.blocked.count")});
            long listed = 0;
            for (TitleCount c : f.blockedTitles().top()) {
                rows.add(new String[] {c.title(), n(c.count())});
                listed += c.count();
            }
            pdf.paragraph(t(l, "report.blocked.topExplain"));
            pdf.grid(new float[] {5, 1.2f}, rows, false, true);
            long moreKinds = f.blockedTitles().kinds() - f.blockedTitles().top().size();
            if (moreKinds > 0) {
                pdf.paragraph(t(l, "report.blocked.more", moreKinds, f.blocked() - listed));
            }
        }
    }

    private String outcome(Alert a, Locale l) {
        if (a.status() != Alert.Status.CLOSED) {
            return t(l, a.incidentId() != null ? "report.alert.outcome.incident" : "report.alert.outcome.open");
        }
        if (a.incidentId() != null) {
            return t(l, "report.alert.outcome.incidentClosed");
        }
        return t(l, a.resolution() == null ? "report.alert.outcome.closed"
                : "report.alert.outcome." + a.resolution().name().toLowerCase(Locale.ROOT));
    }

    private void alerts(JapanesePdf pdf, MonthlyFacts f, Locale l) {
        pdf.heading(t(l, "report.section.alerts"));
        long human = f.alertsNeedingHuman();
        if (human == 0) {
            pdf.paragraph(t(l, "report.alerts.none"));
            return;
        }
        pdf.paragraph(t(l, "report.alerts.explain", human));
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {t(l, "report.alerts.firstSeen"), t(l, "report.alerts.what"), t(l, "report.alerts.outcome")});
        for (Alert a : f.needingHuman().subList(0, Math.min(MonthlyFactsReader.ALERT_CAP, f.needingHuman().size()))) {
            rows.add(new String[] {MINUTE.format(a.firstSeen()), CategoryLabels.of(a.category(), messages, l),
                    outcome(a, l)});
        }
        pdf.grid(new float[] {1.6f, 3.4f, 2.2f}, rows);
        if (human > MonthlyFactsReader.ALERT_CAP) {
            pdf.paragraph(t(l, "report.alerts.more", human - MonthlyFactsReader.ALERT_CAP));
        }
    }

    private void incidents(JapanesePdf pdf, MonthlyFacts f, Locale l) {
        pdf.heading(t(l, "report.section.incidents"));
        if (f.incidentsInAll() == 0) {
            pdf.paragraph(t(l, "report.incidents.none"));
        } else {
            pdf.paragraph(t(l, "report.incidents.explain", f.incidentCounts().opened(),
                    f.incidentCounts().closed(), f.incidentCounts().openAtEnd()));
            List<String[]> rows = new ArrayList<>();
            rows.add(new String[] {t(l, "report.incidents.number"), t(l, "report.incidents.title"),
                    t(l, "report.incidents.opened"), t(l, "report.incidents.status")});
            for (Incident i : f.incidents()) {
                String status = t(l, i.status().labelKey());
                if (i.closedAt() != null) {
                    status += "\n" + DAY.format(i.closedAt());
                }
                rows.add(new String[] {"#" + i.number(), i.title(), DAY.format(i.openedAt()), status});
            }
            pdf.grid(new float[] {0.8f, 4, 1.5f, 1.6f}, rows);
            if (f.incidentsInAll() > f.incidents().size()) {
                pdf.paragraph(t(l, "report.incidents.more", f.incidentsInAll() - f.incidents().size()));
            }
        }
        if (f.visits().visits() == 0) {
            pdf.paragraph(t(l, "report.visits.none"));
        } else {
            pdf.paragraph(t(l, "report.visits.done", f.visits().visits(),
                    hours(f.visits().minutesOnSite() * 60)));
        }
    }

    /** Hours with one decimal from seconds, rounded half up. */
    static String hours(long seconds) {
        long tenths = (seconds * 10 + 1800) / 3600;
        return tenths / 10 + "." + tenths % 10;
    }

    private void devices(JapanesePdf pdf, MonthlyFacts f, Locale l) {
        pdf.heading(t(l, "report.section.devices"));
        if (f.devices().isEmpty()) {
            pdf.paragraph(t(l, "report.devices.none"));
            return;
        }
        pdf.paragraph(t(l, "report.devices.explain"));
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {t(l, "report.devices.name"), t(l, "report.devices.kind"), t(l, "report.devices.share"),
                t(l, "report.devices.silent")});
        for (DeviceWatch d : f.devices()) {
            rows.add(new String[] {d.name(), t(l, d.kindLabelKey()),
                    WatchedTime.percent(d.watchedSeconds(), f.periodSeconds()) + "%",
                    t(l, "report.devices.silentHours", hours(d.silentSeconds()))});
        }
        pdf.grid(new float[] {3.2f, 2, 1.4f, 1.8f}, rows, false, false, true, true);
    }

    private void hosts(JapanesePdf pdf, MonthlyFacts f, Locale l) {
        if (f.newHosts().isEmpty()) {
            return; // the section appears once there is something to say (issue 19 brings an inventory)
        }
        pdf.heading(t(l, "report.section.hosts"));
        pdf.paragraph(t(l, "report.hosts.explain"));
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {t(l, "report.alerts.firstSeen"), t(l, "report.hosts.what"), t(l, "report.hosts.where")});
        for (Alert a : f.newHosts()) {
            rows.add(new String[] {MINUTE.format(a.firstSeen()), CategoryLabels.of(a.category(), messages, l),
                    hostOf(a)});
        }
        pdf.grid(new float[] {1.6f, 3, 2.6f}, rows);
        if (f.newHostsTotal() > f.newHosts().size()) {
            pdf.paragraph(t(l, "report.hosts.more", f.newHostsTotal() - f.newHosts().size()));
        }
    }

    private static final Pattern UUID_TEXT = Pattern.compile(
            "(?i)[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    /**
     * The machine an alert is about as a person can recognise it: the address or name the detector grouped it by,
     * or, when that is only an internal id (the reporting device's), the detector's title.
     */
    static String hostOf(Alert a) {
        String entity = a.entity() == null ? "" : a.entity().replaceFirst("^[a-z_]+:", "");
        return entity.isBlank() || UUID_TEXT.matcher(entity).find() ? a.title() : entity;
    }

    private void selfCheck(JapanesePdf pdf, MonthlyFacts f, Locale l) {
        if (f.latestCheck() != null) {
            pdf.keepTogether(330); // the heading, its sentence and the trend chart on one page
        }
        pdf.heading(t(l, "report.section.selfCheck"));
        if (f.latestCheck() == null) {
            pdf.paragraph(t(l, "report.selfCheck.never"));
        } else {
            pdf.paragraph(t(l, "report.selfCheck.latest", f.latestCheck().total(), Score.MAX,
                    DAY.format(f.latestCheck().createdAt())));
            // The trend starts at the first month with a score (up to 12 months back).
            int first = 0;
            while (first < f.scores().size() - 1 && f.scores().get(first) == null) {
                first++;
            }
            List<String> months = new ArrayList<>();
            double[] values = new double[f.scores().size() - first];
            for (int i = first; i < f.scores().size(); i++) {
                YearMonth m = f.month().minusMonths(f.scores().size() - 1L - i);
                months.add(t(l, "report.month.short", Integer.toString(m.getYear()), Integer.toString(m.getMonthValue()),
                        m.getMonth().getDisplayName(TextStyle.SHORT, Locale.ENGLISH),
                        String.format(Locale.ROOT, "%02d", m.getYear() % 100)));
                Integer s = f.scores().get(i);
                values[i - first] = s == null ? Double.NaN : s;
            }
            pdf.lineChart(t(l, "report.selfCheck.caption"), months, List.of(t(l, "report.selfCheck.series")),
                    List.of(values), Math.min(0, minOf(values)), Score.MAX);
        }
        var sa = f.securityAction();
        String level = switch (sa.declaredLevel()) {
            case 0 -> t(l, "report.securityAction.none");
            case 1 -> t(l, "report.securityAction.one");
            default -> t(l, "report.securityAction.two");
        };
        pdf.table(List.of(
                new String[] {t(l, "report.securityAction.declared"), level},
                new String[] {t(l, "report.securityAction.rules"),
                        t(l, "report.securityAction.rulesValue", sa.rulesTicked(), sa.rules().size())},
                new String[] {t(l, "report.securityAction.twoStar"),
                        t(l, sa.twoStarReady() ? "report.securityAction.ready" : "report.securityAction.notReady")}));
    }

    private static double minOf(double[] values) {
        double min = 0;
        for (double v : values) {
            if (!Double.isNaN(v)) {
                min = Math.min(min, v);
            }
        }
        return min;
    }

    private void desk(JapanesePdf pdf, MonthlyFacts f, Locale l) {
        pdf.heading(t(l, "report.section.desk"));
        if (f.desk().received() == 0 && f.desk().solved() == 0) {
            pdf.paragraph(t(l, "report.desk.none"));
            return;
        }
        String count = " " + t(l, "report.unit.count");
        pdf.table(List.of(
                new String[] {t(l, "report.desk.received"), n(f.desk().received()) + count},
                new String[] {t(l, "report.desk.solved"), n(f.desk().solved()) + count},
                new String[] {t(l, "report.desk.minutes"), t(l, "report.desk.minutesValue", f.desk().minutes())}));
    }

    // ------------------------------------------------------------------------------------------ next steps

    /** A recommended step and why it is recommended to this company this month. */
    record Step(String what, String why) {
    }

    /**
     * Three steps: first what the month's events call for (most pressing first), then the weakest self-check items
     * (not done / don't know before partly), then standing advice, so there are always three.
     */
    List<Step> nextSteps(MonthlyFacts f, Locale l) {
        List<Step> steps = new ArrayList<>();
        long open = f.stillOpen();
        if (open > 0) {
            steps.add(step(l, "openAlerts", open));
        }
        f.devices().stream().filter(d -> d.registeredSeconds() > 0 && d.silentSeconds() * 10 > d.registeredSeconds())
                .max(Comparator.comparingLong(DeviceWatch::silentSeconds))
                .ifPresent(d -> steps.add(step(l, "silentDevice", d.name(), hours(d.silentSeconds()))));
        if (f.malware() > 0) {
            steps.add(step(l, "malware", f.malware()));
        }
        addIfSeen(steps, f, l, Category.RANSOMWARE, "ransomware");
        addIfSeen(steps, f, l, Category.PHISHING, "phishing");
        addIfSeen(steps, f, l, Category.PASSWORD_GUESSING, "passwords");
        addIfSeen(steps, f, l, Category.OUTDATED_OS, "outdatedOs");
        addIfSeen(steps, f, l, Category.UNKNOWN_DEVICE, "unknownDevice");
        if (f.latestCheck() == null) {
            steps.add(step(l, "takeSelfCheck"));
        } else {
            for (Score.WeakItem w : f.latestCheck().score().weakItems()) {
                steps.add(new Step(t(l, "selfcheck.item." + w.item() + ".title"),
                        t(l, "report.next.weakItem", t(l, w.answer().labelKey()), t(l, "selfcheck.item." + w.item()
                                + ".next"))));
            }
        }
        if (f.devices().isEmpty()) {
            steps.add(0, step(l, "registerDevice"));
        }
        for (String standing : List.of("backup", "updates", "askDesk")) {
            steps.add(step(l, standing));
        }
        List<Step> three = new ArrayList<>();
        for (Step s : steps) {
            if (three.size() < 3 && three.stream().noneMatch(x -> x.what().equals(s.what()))) {
                three.add(s);
            }
        }
        return three;
    }

    private void addIfSeen(List<Step> steps, MonthlyFacts f, Locale l, Category c, String key) {
        long seen = f.alerts().getOrDefault(c, 0L);
        if (seen > 0) {
            steps.add(step(l, key, seen));
        }
    }

    private Step step(Locale l, String key, Object... args) {
        return new Step(t(l, "report.next." + key + ".what"), t(l, "report.next." + key + ".why", args));
    }

    private void nextSteps(JapanesePdf pdf, MonthlyFacts f, Locale l) {
        pdf.heading(t(l, "report.section.next"));
        int i = 1;
        for (Step s : nextSteps(f, l)) {
            pdf.paragraph(i++ + ". " + s.what(), 11);
            pdf.paragraph(t(l, "report.next.why", s.why()));
        }
    }
}
