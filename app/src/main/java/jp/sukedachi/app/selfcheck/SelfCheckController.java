package jp.sukedachi.app.selfcheck;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;
import jp.sukedachi.app.shared.Actor;
import jp.sukedachi.app.shared.Formats;
import jp.sukedachi.app.shared.NotFoundException;
import jp.sukedachi.app.shared.Role;
import jp.sukedachi.app.tenant.TenantRepository;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The company's self-help pages: the hub, the 25 questions, each result with what to do next, the history
 * with its trend, the comparison with similar companies and the SECURITY ACTION tracker. Owners answer and
 * declare; members read everything.
 */
@Controller
class SelfCheckController {
    static final int HISTORY_SHOWN = 50;
    private static final DateTimeFormatter DAY =
            DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(Formats.TOKYO);

    private final SelfCheckService service;
    private final SelfCheckRepository attempts;
    private final SecurityActionService securityAction;
    private final SecurityActionRepository declarations;
    private final TenantRepository tenants;

    public SelfCheckController(SelfCheckService service, SelfCheckRepository attempts,
            SecurityActionService securityAction, SecurityActionRepository declarations, TenantRepository tenants) {
        this.service = service;
        this.attempts = attempts;
        this.securityAction = securityAction;
        this.declarations = declarations;
        this.tenants = tenants;
    }

    static void requireCompanyUser(Actor actor) {
        if (actor.role() != Role.TENANT_OWNER && actor.role() != Role.TENANT_MEMBER) {
            throw new AccessDeniedException("the self-check pages are for company users; staff use /selfcheck/overview");
        }
    }

    private void common(Actor actor, Model model) {
        model.addAttribute("tenant", tenants.find(actor, actor.tenantId()).orElseThrow(() -> new NotFoundException("tenant")));
        model.addAttribute("mayAnswer", SelfCheckService.mayAnswer(actor));
        model.addAttribute("parts", List.of(Part.values()));
    }

    @GetMapping("/selfcheck")
    public String hub(Actor actor, Model model) {
        if (actor.role() == Role.PROVIDER_ADMIN || actor.role() == Role.ANALYST) {
            return "redirect:/selfcheck/overview";
        }
        requireCompanyUser(actor);
        common(actor, model);
        model.addAttribute("latest", attempts.latest(actor, actor.tenantId()).orElse(null));
        model.addAttribute("sa", securityAction.status(actor, actor.tenantId()));
        return "selfcheck/hub";
    }

    @GetMapping("/selfcheck/check")
    public String form(Actor actor, Model model) {
        requireCompanyUser(actor);
        SelfCheckService.requireMayAnswer(actor);
        common(actor, model);
        // Start from the last answers so a repeat attempt only changes what changed.
        List<Answer> previous = attempts.latest(actor, actor.tenantId()).map(Attempt::answers)
                .orElse(Collections.nCopies(SelfCheckItems.COUNT, null));
        model.addAttribute("chosen", previous);
        model.addAttribute("missing", Set.of());
        return formView(model);
    }

    private String formView(Model model) {
        model.addAttribute("items", IntStream.rangeClosed(1, SelfCheckItems.COUNT).boxed().toList());
        model.addAttribute("answers", List.of(Answer.values()));
        return "selfcheck/check";
    }

    @PostMapping("/selfcheck/check")
    public String submit(Actor actor, HttpServletRequest request, Model model) {
        requireCompanyUser(actor);
        SelfCheckService.requireMayAnswer(actor);
        List<Answer> chosen = new ArrayList<>();
        List<Integer> missing = new ArrayList<>();
        for (int item = 1; item <= SelfCheckItems.COUNT; item++) {
            String value = request.getParameter("item" + item);
            if (value == null || value.isBlank()) {
                chosen.add(null);
                missing.add(item);
            } else {
                chosen.add(Answer.parse(value));
            }
        }
        if (!missing.isEmpty()) {
            common(actor, model);
            model.addAttribute("chosen", chosen);
            model.addAttribute("missing", Set.copyOf(missing));
            return formView(model);
        }
        Attempt attempt = service.submit(actor, actor.tenantId(), chosen);
        return "redirect:/selfcheck/attempts/" + attempt.id();
    }

    @GetMapping("/selfcheck/attempts/{id}")
    public String result(Actor actor, @PathVariable UUID id, Model model) {
        requireCompanyUser(actor);
        Attempt attempt = attempts.find(actor, id).orElseThrow(() -> new NotFoundException("self-check"));
        common(actor, model);
        model.addAttribute("attempt", attempt);
        model.addAttribute("score", attempt.score());
        return "selfcheck/result";
    }

    @GetMapping("/selfcheck/history")
    public String history(Actor actor, Model model) {
        requireCompanyUser(actor);
        common(actor, model);
        List<Attempt> newestFirst = attempts.history(actor, actor.tenantId(), HISTORY_SHOWN);
        List<Attempt> oldestFirst = new ArrayList<>(newestFirst);
        Collections.reverse(oldestFirst);
        model.addAttribute("history", newestFirst);
        model.addAttribute("trend", oldestFirst.isEmpty() ? null : Charts.trend(
                oldestFirst.stream().map(Attempt::total).toList(),
                oldestFirst.stream().map(a -> DAY.format(a.createdAt())).toList()));
        return "selfcheck/history";
    }

    @GetMapping("/selfcheck/peers")
    public String peers(Actor actor, Model model) {
        requireCompanyUser(actor);
        common(actor, model);
        SelfCheckService.Comparison comparison = service.compare(actor, actor.tenantId());
        model.addAttribute("comparison", comparison);
        if (comparison.latest() != null) {
            Score score = comparison.latest().score();
            List<Double> own = score.parts().stream().map(Score.PartScore::percent).toList();
            List<Double> group = comparison.peers() == null ? null
                    : List.of(Part.values()).stream().map(p -> comparison.peers().meanPercent(p)).toList();
            model.addAttribute("radar", Charts.radar(own, group));
        }
        return "selfcheck/peers";
    }

    @GetMapping("/selfcheck/security-action")
    public String securityAction(Actor actor, Model model) {
        requireCompanyUser(actor);
        common(actor, model);
        model.addAttribute("sa", securityAction.status(actor, actor.tenantId()));
        model.addAttribute("declarations", declarations.declarations(actor, actor.tenantId()));
        model.addAttribute("today", securityAction.today());
        return "selfcheck/security-action";
    }

    @PostMapping("/selfcheck/security-action/rules")
    public String saveRules(Actor actor, @RequestParam(name = "rule", required = false) List<Integer> ticked,
            RedirectAttributes redirect) {
        requireCompanyUser(actor);
        List<Boolean> rules = new ArrayList<>();
        for (int rule = 1; rule <= SecurityActionStatus.RULES; rule++) {
            rules.add(ticked != null && ticked.contains(rule));
        }
        securityAction.saveRules(actor, actor.tenantId(), rules);
        redirect.addFlashAttribute("saved", "rules");
        return "redirect:/selfcheck/security-action";
    }

    @PostMapping("/selfcheck/security-action/declarations")
    public String declare(Actor actor, @RequestParam(defaultValue = "") String code,
            @RequestParam(defaultValue = "") String level, @RequestParam(defaultValue = "") String declaredOn,
            RedirectAttributes redirect, Model model, HttpServletResponse response) {
        requireCompanyUser(actor);
        // A form sent without the browser's checks comes back with the reason next to its field, never a 400 page.
        String field = null;
        try {
            LocalDate date;
            int stars;
            try {
                stars = Integer.parseInt(level.strip());
            } catch (NumberFormatException e) {
                field = "level";
                throw new IllegalArgumentException("level must be 1 (★) or 2 (★★)");
            }
            try {
                date = LocalDate.parse(declaredOn.strip());
            } catch (DateTimeParseException e) {
                field = "date";
                throw new IllegalArgumentException("declaration date must be yyyy-mm-dd");
            }
            securityAction.declare(actor, actor.tenantId(), code, stars, date);
        } catch (IllegalArgumentException e) {
            String text = e.getMessage() == null ? "" : e.getMessage();
            if (field == null) {
                field = text.startsWith("level") ? "level" : text.startsWith("declaration date") ? "date" : "code";
            }
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            model.addAttribute("declarationError", field);
            model.addAttribute("declarationCode", code.length() > 40 ? code.substring(0, 40) : code);
            return securityAction(actor, model);
        }
        redirect.addFlashAttribute("saved", "declaration");
        return "redirect:/selfcheck/security-action";
    }
}
