package jp.sukedachi.app.report;

import jakarta.servlet.http.HttpServletResponse;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import jp.sukedachi.app.pdf.PdfResponses;
import jp.sukedachi.app.report.ProgramStatistics.Month;
import jp.sukedachi.app.report.ProgramStatistics.Period;
import jp.sukedachi.app.report.ProgramStatistics.Statistics;
import jp.sukedachi.app.shared.Actor;
import jp.sukedachi.app.shared.InvalidInput;
import org.springframework.context.MessageSource;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * {@code /statistics}: the program's figures for the provider's admins and analysts (others 403): a period and a
 * grouping, the totals, the funnel and the month-by-month trend drawn as SVG, the per-group table, and links to the
 * same as CSV ({@code /statistics.csv}) and as the one-page fact sheet ({@code /statistics.pdf}). A bad period or
 * grouping shows the form again with the reason (400).
 */
@Controller
class StatisticsController {
    private final ProgramStatistics statistics;
    private final StatisticsDocuments documents;
    private final MessageSource messages;

    StatisticsController(ProgramStatistics statistics, StatisticsDocuments documents, MessageSource messages) {
        this.statistics = statistics;
        this.documents = documents;
        this.messages = messages;
    }

    @GetMapping("/statistics")
    String page(Actor actor, @RequestParam(required = false) String from, @RequestParam(required = false) String to,
            @RequestParam(required = false) String groupBy, Locale locale, Model model, HttpServletResponse response) {
        ProgramStatistics.requireStaff(actor);
        model.addAttribute("groupings", Arrays.stream(ProgramStatistics.GroupBy.values())
                .map(ProgramStatistics.GroupBy::code).toList());
        Period period;
        ProgramStatistics.GroupBy grouping;
        try {
            period = statistics.period(from, to);
            grouping = ProgramStatistics.GroupBy.parse(groupBy);
        } catch (InvalidInput e) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            model.addAttribute("error", messages.getMessage(e, locale));
            model.addAttribute("from", from);
            model.addAttribute("to", to);
            model.addAttribute("groupBy", groupBy);
            return "report/statistics";
        }
        Statistics s = statistics.compute(actor, period, grouping, locale);
        model.addAttribute("from", period.from().toString());
        model.addAttribute("to", period.to().toString());
        model.addAttribute("groupBy", grouping.code());
        model.addAttribute("stats", s);
        model.addAttribute("columns", StatisticsDocuments.COLUMNS.stream()
                .map(c -> messages.getMessage(c.labelKey(), null, locale)).toList());
        model.addAttribute("columnKeys", StatisticsDocuments.COLUMNS.stream()
                .map(c -> c.key().replace('.', '-')).toList());
        model.addAttribute("total", StatisticsDocuments.row("total", messages.getMessage("statistics.csv.total", null,
                locale), s.totals(), locale));
        model.addAttribute("monthRows", s.months().stream().map(m -> StatisticsDocuments.row(m.month().toString(),
                m.month().toString(), m.figures(), locale)).toList());
        model.addAttribute("groupRows", s.groups().stream().map(g -> StatisticsDocuments.row(g.key(), g.label(),
                g.figures(), locale)).toList());
        model.addAttribute("funnelChart", StatisticsCharts.funnel(s.funnel(), locale));
        List<String> labels = documents.monthLabels(s, locale);
        Map<String, StatisticsCharts.Trend> trends = new LinkedHashMap<>();
        trends.put("suspiciousAccesses", StatisticsCharts.trend(labels,
                s.months().stream().mapToLong(m -> m.figures().suspiciousAccesses()).toArray(), locale));
        trends.put("alertsNeedingHuman", StatisticsCharts.trend(labels,
                s.months().stream().mapToLong(m -> m.figures().alertsNeedingHuman()).toArray(), locale));
        trends.put("incidents", StatisticsCharts.trend(labels,
                s.months().stream().mapToLong((Month m) -> m.figures().incidents()).toArray(), locale));
        model.addAttribute("trends", trends);
        return "report/statistics";
    }

    @GetMapping("/statistics.csv")
    ResponseEntity<byte[]> csv(Actor actor, @RequestParam(required = false) String from,
            @RequestParam(required = false) String to, @RequestParam(required = false) String groupBy, Locale locale) {
        ProgramStatistics.requireStaff(actor);
        Statistics s = statistics.compute(actor, statistics.period(from, to), ProgramStatistics.GroupBy.parse(groupBy),
                locale);
        return StatisticsApiController.csv(documents, s, locale);
    }

    @GetMapping("/statistics.pdf")
    ResponseEntity<byte[]> pdf(Actor actor, @RequestParam(required = false) String from,
            @RequestParam(required = false) String to, @RequestParam(required = false) String groupBy, Locale locale) {
        ProgramStatistics.requireStaff(actor);
        Statistics s = statistics.compute(actor, statistics.period(from, to), ProgramStatistics.GroupBy.parse(groupBy),
                locale);
        return PdfResponses.attachment(documents.pdf(s, locale), documents.fileName(s, "pdf"));
    }
}
