package jp.sukedachi.app.triage.web;

import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import jp.sukedachi.app.shared.Actor;
import jp.sukedachi.app.shared.InvalidInput;
import jp.sukedachi.app.shared.Role;
import jp.sukedachi.app.sigma.SigmaRules;
import jp.sukedachi.app.tenant.Tenant;
import jp.sukedachi.app.tenant.TenantRepository;
import jp.sukedachi.app.tenant.UserRepository;
import jp.sukedachi.app.triage.CategoryLabels;
import jp.sukedachi.app.triage.Alert;
import jp.sukedachi.app.triage.AlertQueries;
import jp.sukedachi.app.triage.AlertRepository.QueueFilter;
import jp.sukedachi.app.triage.AlertRepository;
import jp.sukedachi.app.triage.AlertService;
import jp.sukedachi.app.triage.FunnelCountRepository;
import jp.sukedachi.app.triage.FunnelRepository;
import jp.sukedachi.event.Category;
import jp.sukedachi.event.Detection.Severity;
import org.springframework.context.MessageSource;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import tools.jackson.databind.ObjectMapper;

/**
 * The analyst console: the queue across all companies (filters, sort, paging, bulk acknowledge/close), an
 * alert's detail with its lifecycle actions, and the funnel. Provider admins and analysts only.
 */
@Controller
class AlertConsoleController {
    static final int PAGE_SIZE = 50;
    static final int BULK_MAX = 500;
    // As written by the detectors: threat intel, device verdicts, Sigma, behaviour, asset watch, silent-device watch.
    static final List<String> DETECTORS = List.of("intel", "sensor", "sigma", "behaviour", "asset-watch", "watch");

    private final AlertRepository alerts;
    private final FunnelRepository funnels;
    private final AlertService service;
    private final TenantRepository tenants;
    private final ObjectMapper json;
    private final Clock clock;
    private final SigmaRules sigma;
    private final MessageSource messages;
    private final UserRepository users;
    private final AlertQueries queries;

    AlertConsoleController(AlertRepository alerts, FunnelRepository funnels, AlertService service,
            TenantRepository tenants, ObjectMapper json, Clock clock, SigmaRules sigma, MessageSource messages,
            UserRepository users, AlertQueries queries) {
        this.users = users;
        this.queries = queries;
        this.sigma = sigma;
        this.messages = messages;
        this.alerts = alerts;
        this.funnels = funnels;
        this.service = service;
        this.tenants = tenants;
        this.json = json;
        this.clock = clock;
    }

    static void requireStaff(Actor actor) {
        if (actor.role() != Role.PROVIDER_ADMIN && actor.role() != Role.ANALYST) {
            throw new AccessDeniedException("the alert console is for provider staff");
        }
    }

    @GetMapping("/alerts")
    public String queue(Actor actor, @RequestParam(defaultValue = "OPEN") String status,
            @RequestParam(required = false) String severity, @RequestParam(required = false) UUID tenant,
            @RequestParam(required = false) String detector, @RequestParam(required = false) String category,
            @RequestParam(defaultValue = "action") String sort, @RequestParam(defaultValue = "0") int page,
            Locale locale, Model model) {
        requireStaff(actor);
        String st = status.isBlank() || status.equals("ALL") ? null : cleanStatus(status);
        Severity sev = blank(severity) ? null : Severity.valueOf(severity.strip().toUpperCase(Locale.ROOT));
        String det = blank(detector) ? null : detector.strip();
        if (det != null && det.length() > 30) {
            throw new IllegalArgumentException("detector too long");
        }
        Category cat = blank(category) ? null : Category.valueOf(category.strip().toUpperCase(Locale.ROOT));
        int p = Math.max(0, Math.min(page, 10_000 / PAGE_SIZE));
        AlertRepository.Order order = switch (sort) {
            case "last" -> AlertRepository.Order.LAST_SEEN;
            case "severity" -> AlertRepository.Order.SEVERITY;
            default -> AlertRepository.Order.NEEDS_ACTION;
        };
        var filter = new QueueFilter(st, sev, tenant, det, cat, order);
        // One row more than the page tells whether a next page exists.
        List<Alert> rows = new ArrayList<>(alerts.queue(actor, filter, p * PAGE_SIZE, PAGE_SIZE + 1));
        boolean more = rows.size() > PAGE_SIZE;
        if (more) {
            rows.removeLast();
        }
        List<Tenant> visible = tenants.findVisible(actor);
        model.addAttribute("alerts", rows);
        model.addAttribute("tenantNames", names(visible));
        model.addAttribute("tenants", visible);
        model.addAttribute("status", st == null ? "ALL" : st);
        model.addAttribute("severity", sev == null ? null : sev.name());
        model.addAttribute("tenant", tenant);
        model.addAttribute("detector", det);
        model.addAttribute("category", cat == null ? null : Alert.categoryId(cat));
        model.addAttribute("categories", CategoryLabels.all(messages, locale));
        model.addAttribute("sort", switch (order) {
            case LAST_SEEN -> "last";
            case SEVERITY -> "severity";
            case NEEDS_ACTION -> "action";
        });
        model.addAttribute("counts", queries.staffCounts(actor));
        model.addAttribute("page", p);
        model.addAttribute("more", more);
        model.addAttribute("severities", Severity.values());
        model.addAttribute("statuses", List.of("OPEN", "NEW", "ACKNOWLEDGED", "CLOSED", "ALL"));
        model.addAttribute("detectors", DETECTORS);
        model.addAttribute("resolutions", Alert.Resolution.values());
        return "alerts";
    }

    /** Acknowledge or close (with a resolution) the checked alerts; already-closed ones are skipped. */
    @PostMapping("/alerts/bulk")
    public String bulk(Actor actor, @RequestParam(name = "ids", required = false) List<UUID> ids,
            @RequestParam String action, @RequestParam(required = false) String resolution,
            @RequestParam(required = false) String back, RedirectAttributes redirect) {
        requireStaff(actor);
        Alert.Resolution r = "close".equals(action) ? resolution(resolution) : null;
        if (!"acknowledge".equals(action) && !"close".equals(action)) {
            throw new IllegalArgumentException("unknown action " + action);
        }
        List<UUID> chosen = ids == null ? List.of() : ids.stream().distinct().toList();
        if (chosen.size() > BULK_MAX) {
            // All or nothing: acknowledging the first 500 of 600 and saying "done" would hide the rest.
            throw new InvalidInput("ids", "input.tooMany", BULK_MAX, "at most " + BULK_MAX + " alerts at once, got "
                    + chosen.size(), BULK_MAX, chosen.size());
        }
        int done = 0;
        int skipped = 0;
        for (UUID id : chosen) {
            Alert a = service.get(actor, id);
            boolean noop = a.status() == Alert.Status.CLOSED
                    || ("acknowledge".equals(action) && a.status() == Alert.Status.ACKNOWLEDGED);
            if (noop) {
                skipped++;
                continue;
            }
            if (r == null) {
                service.acknowledge(actor, id);
            } else {
                service.close(actor, id, r);
            }
            done++;
        }
        redirect.addFlashAttribute("bulkDone", done);
        redirect.addFlashAttribute("bulkSkipped", skipped);
        return "redirect:" + safeBack(back);
    }

    @GetMapping("/alerts/{id}")
    public String detail(Actor actor, @PathVariable UUID id, Locale locale, Model model) {
        requireStaff(actor);
        Alert.Detail d = service.detail(actor, id);
        List<Map<String, Object>> evidence = new ArrayList<>();
        for (Alert.Evidence e : d.evidence()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("at", e.at());
            row.put("fields", fields(e.fields()));
            row.put("raw", e.raw());
            evidence.add(row);
        }
        model.addAttribute("alert", d.alert());
        model.addAttribute("evidence", evidence);
        model.addAttribute("history", HistoryLines.of(d.history(), users, messages, locale));
        model.addAttribute("tenant", tenants.find(actor, d.alert().tenantId()).orElse(null));
        model.addAttribute("assignedToMe", actor.userId().equals(d.alert().assigneeId()));
        model.addAttribute("resolutions", Alert.Resolution.values());
        model.addAttribute("categoryLabel", CategoryLabels.of(d.alert().category(), messages, locale));
        model.addAttribute("foundBy", foundBy(d.alert(), messages, locale));
        // Sigma alerts credit the rule (title, id, author, references; DRL 1.1).
        boolean fromSigma = "sigma".equals(d.alert().detector());
        model.addAttribute("sigmaAlert", fromSigma);
        model.addAttribute("sigmaRule", fromSigma ? sigma.rule(d.alert().ruleId()).orElse(null) : null);
        return "alert";
    }

    @PostMapping("/alerts/{id}/acknowledge")
    public String acknowledge(Actor actor, @PathVariable UUID id) {
        requireStaff(actor);
        service.acknowledge(actor, id);
        return "redirect:/alerts/" + id;
    }

    @PostMapping("/alerts/{id}/close")
    public String close(Actor actor, @PathVariable UUID id, @RequestParam String resolution) {
        requireStaff(actor);
        service.close(actor, id, resolution(resolution));
        return "redirect:/alerts/" + id;
    }

    @PostMapping("/alerts/{id}/assign")
    public String assignToMe(Actor actor, @PathVariable UUID id, @RequestParam(defaultValue = "me") String to) {
        requireStaff(actor);
        service.assign(actor, id, "none".equals(to) ? null : actor.userId());
        return "redirect:/alerts/" + id;
    }

    @PostMapping("/alerts/{id}/comment")
    public String comment(Actor actor, @PathVariable UUID id, @RequestParam(defaultValue = "") String text,
            @RequestParam(defaultValue = "false") boolean visibleToCompany, Model model, Locale locale,
            HttpServletResponse response) {
        requireStaff(actor);
        try {
            service.comment(actor, id, text, visibleToCompany);
        } catch (IllegalArgumentException e) {
            refused(response, model, "commentError", InvalidInput.describe(messages, e, locale));
            model.addAttribute("commentText", text);
            model.addAttribute("commentVisible", visibleToCompany);
            return detail(actor, id, locale, model);
        }
        return "redirect:/alerts/" + id + "#history";
    }

    /** A refused form: 400 and the reason on the page that holds the form (what was typed stays in it). */
    static void refused(HttpServletResponse response, Model model, String attribute, String text) {
        response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
        model.addAttribute(attribute, text);
    }

    /**
     * Events → detections → alerts → incidents, overall and per company, today and this month (Japan days), read
     * from the daily counters in one query; and what is open now, counted as on the home and the queue.
     */
    @GetMapping("/funnel")
    public String funnel(Actor actor, Model model) {
        requireStaff(actor);
        LocalDate today = FunnelCountRepository.day(clock.instant());
        FunnelRepository.DayAndMonth funnel = funnels.dayAndMonth(actor, today);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Tenant t : tenants.findVisible(actor)) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("name", t.name());
            row.put("today", funnel.dayOf(t.id()));
            row.put("month", funnel.monthOf(t.id()));
            rows.add(row);
        }
        model.addAttribute("today", funnel.day());
        model.addAttribute("month", funnel.month());
        model.addAttribute("rows", rows);
        model.addAttribute("day", today);
        model.addAttribute("counts", queries.staffCounts(actor, funnel));
        return "funnel";
    }

    private Map<String, Object> fields(String fieldsJson) {
        if (fieldsJson == null || fieldsJson.isBlank()) {
            return Map.of();
        }
        try {
            Map<?, ?> m = json.readValue(fieldsJson, Map.class);
            Map<String, Object> out = new TreeMap<>();
            m.forEach((k, v) -> out.put(String.valueOf(k), v));
            return out;
        } catch (RuntimeException e) {
            return Map.of("(json)", fieldsJson);
        }
    }

    static Map<UUID, String> names(List<Tenant> visible) {
        Map<UUID, String> names = new LinkedHashMap<>();
        visible.forEach(t -> names.put(t.id(), t.name()));
        return names;
    }

    private static String cleanStatus(String status) {
        String s = status.strip().toUpperCase(Locale.ROOT);
        return s.equals("OPEN") ? s : Alert.Status.valueOf(s).name();
    }

    private static Alert.Resolution resolution(String r) {
        if (blank(r)) {
            throw new IllegalArgumentException("closing needs a resolution");
        }
        return Alert.Resolution.valueOf(r.strip().toUpperCase(Locale.ROOT));
    }

    /** Only a local queue address is followed back after a bulk action. */
    static String safeBack(String back) {
        return back != null && back.startsWith("/alerts") && !back.startsWith("//") && back.length() < 1000
                && back.chars().noneMatch(c -> c == '\r' || c == '\n' || c == '\\') ? back : "/alerts";
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    /**
     * Which checks found an alert, in plain words and in the order they first did ("侵入検知の署名、脅威情報"): every
     * detector that contributed (an IDS signature and intelligence on one connection are one alert). A detector
     * without words of its own reads as "another check", never as its id.
     */
    static String foundBy(Alert alert, MessageSource messages, Locale locale) {
        List<String> words = new ArrayList<>();
        for (String detector : alert.detectors()) {
            String other = messages.getMessage("queue.detector.other", null, locale);
            String w = messages.getMessage("queue.detector." + detector, null, other, locale);
            if (!words.contains(w)) {
                words.add(w);
            }
        }
        return String.join("ja".equals(locale.getLanguage()) ? "、" : ", ", words);
    }
}
