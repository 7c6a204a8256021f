package jp.sukedachi.app.lifecycle;

import jakarta.servlet.http.HttpServletResponse;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import jp.sukedachi.app.shared.Actor;
import jp.sukedachi.app.shared.InvalidInput;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * /admin/retention: how long each kind of data is kept (provider admins only; the security chain lets no one else
 * in), what the last clean-up deleted, the journal's own retention (read-only), and "run now".
 */
@Controller
class RetentionController {
    /** A typed number of days is at most this long (the largest allowed value has 4 digits). */
    private static final int MAX_INPUT = 9;

    private final RetentionPolicies policies;
    private final RetentionJob job;
    private final MessageSource messages;
    private final RetentionSettings settings;

    RetentionController(RetentionPolicies policies, RetentionJob job, MessageSource messages,
            RetentionSettings settings) {
        this.settings = settings;
        this.policies = policies;
        this.job = job;
        this.messages = messages;
    }

    @GetMapping("/admin/retention")
    String show(Actor actor, Model model) {
        RetentionPolicies.requireAdmin(actor);
        Map<String, String> values = new LinkedHashMap<>();
        policies.days().forEach((k, d) -> values.put(k.apiName(), Integer.toString(d)));
        return page(model, values, Map.of());
    }

    @PostMapping("/admin/retention")
    String save(Actor actor, @RequestParam Map<String, String> form, Model model, HttpServletResponse response,
            Locale locale) {
        RetentionPolicies.requireAdmin(actor);
        Map<String, String> values = new LinkedHashMap<>();
        Map<String, String> errors = new LinkedHashMap<>();
        Map<RetentionKind, Integer> changes = new EnumMap<>(RetentionKind.class);
        for (RetentionKind k : RetentionKind.values()) {
            String text = form.getOrDefault(k.apiName(), "").strip();
            values.put(k.apiName(), text.length() > MAX_INPUT ? text.substring(0, MAX_INPUT) : text);
            if (!text.matches("\\d{1," + MAX_INPUT + "}")) {
                errors.put(k.apiName(), messages.getMessage("retention.error.number", null, locale));
            } else {
                changes.put(k, Integer.parseInt(text));
            }
        }
        if (!errors.isEmpty()) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            return page(model, values, errors);
        }
        try {
            policies.save(actor, changes);
            return "redirect:/admin/retention?saved";
        } catch (RetentionRefused e) {
            response.setStatus(422);
            errors.put(e.field(), InvalidInput.describe(messages, e, locale));
            return page(model, values, errors);
        }
    }

    @PostMapping("/admin/retention/run")
    String runNow(Actor actor) {
        RetentionPolicies.requireAdmin(actor);
        return job.run(actor, true) == null ? "redirect:/admin/retention?busy" : "redirect:/admin/retention?ran";
    }

    private String page(Model model, Map<String, String> values, Map<String, String> errors) {
        model.addAttribute("kinds", policies.overview());
        model.addAttribute("values", values);
        model.addAttribute("errors", errors);
        model.addAttribute("journal", policies.journal());
        model.addAttribute("hour", settings.hour());
        return "lifecycle/retention";
    }
}
