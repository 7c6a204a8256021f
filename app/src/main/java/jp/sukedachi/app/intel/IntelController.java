package jp.sukedachi.app.intel;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import jp.sukedachi.app.config.RequestBodies;
import jp.sukedachi.app.shared.Actor;
import jp.sukedachi.app.shared.DuplicateException;
import jp.sukedachi.app.shared.InvalidInput;
import jp.sukedachi.intel.feed.FeedFormat;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The intel screen for admins and analysts: sources, import, lookup and search, allowlist, shared indicators. */
@Controller
class IntelController {
    private final IntelService intel;
    private final IndicatorRepository indicators;
    private final IntelSourceRepository sources;
    private final MessageSource messages;

    public IntelController(IntelService intel, IndicatorRepository indicators, IntelSourceRepository sources,
            MessageSource messages) {
        this.intel = intel;
        this.indicators = indicators;
        this.sources = sources;
        this.messages = messages;
    }

    @GetMapping("/intel")
    public String page(Actor actor, @RequestParam(required = false) String q, Model model, Locale locale) {
        IntelService.requireIntelStaff(actor);
        var all = sources.findAll();
        model.addAttribute("sources", all);
        Map<String, String> lastErrors = new HashMap<>();
        all.forEach(s -> {
            String text = ImportErrorTexts.stored(s.lastError(), messages, locale);
            if (text != null) {
                lastErrors.put(s.name(), text);
            }
        });
        model.addAttribute("lastErrors", lastErrors);
        model.addAttribute("counts", indicators.countBySource());
        model.addAttribute("allowlist", indicators.allowlist(actor));
        model.addAttribute("shared", indicators.search(actor, null, IntelService.SHARED_SOURCE, 50));
        model.addAttribute("q", q);
        model.addAttribute("feedFormats", Arrays.stream(FeedFormat.values())
                .map(FeedFormat::id).toList());
        if (q != null && !q.isBlank()) {
            try {
                model.addAttribute("matches", intel.lookup(actor, q));
            } catch (IllegalArgumentException e) {
                model.addAttribute("matches", indicators.search(actor, q.strip(), null, 100));
            }
        }
        return "intel";
    }

    @PostMapping("/intel/import")
    public String importFile(Actor actor, @RequestParam String source, @RequestParam(defaultValue = "") String format,
            @RequestParam("file") MultipartFile file, RedirectAttributes redirect, Locale locale) throws IOException {
        try (InputStream in = file.getInputStream()) {
            var result = intel.importFeed(actor, source, format, in, StandardCharsets.UTF_8, null);
            redirect.addFlashAttribute("imported", result.imported());
            redirect.addFlashAttribute("rejected", result.rejected());
            redirect.addFlashAttribute("errors", result.errors().stream().limit(10)
                    .map(e -> ImportErrorTexts.line(e, messages, locale)).toList());
        } catch (IllegalArgumentException | RequestBodies.Refused e) {
            redirect.addFlashAttribute("errorText", ImportErrorTexts.refusal(e, messages, locale));
        }
        return "redirect:/intel";
    }

    @PostMapping("/intel/sources")
    public String addFeed(Actor actor, @RequestParam String name, @RequestParam String format, @RequestParam String url,
            @RequestParam(defaultValue = "60") int refreshMinutes, @RequestParam(defaultValue = "30") int ttlDays,
            RedirectAttributes redirect, Locale locale) {
        try {
            intel.addFeed(actor, name, format, url, refreshMinutes, ttlDays);
        } catch (DuplicateException e) {
            redirect.addFlashAttribute("errorKey", e.messageKey());
        } catch (IllegalArgumentException e) {
            redirect.addFlashAttribute("errorText", ImportErrorTexts.refusal(e, messages, locale));
        }
        return "redirect:/intel";
    }

    @PostMapping("/intel/allowlist")
    public String allow(Actor actor, @RequestParam(defaultValue = "") String type, @RequestParam String value,
            @RequestParam(defaultValue = "") String note, Model model, Locale locale,
            HttpServletResponse response) {
        try {
            intel.allow(actor, type, value, null, note);
        } catch (IllegalArgumentException e) {
            // Refused (too broad, too long, not a value): 400, the reason, and what was typed stays in the form.
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            model.addAttribute("allowError", InvalidInput.describe(messages, e, locale));
            model.addAttribute("allowValue", value);
            model.addAttribute("allowNote", note);
            return page(actor, null, model, locale);
        }
        return "redirect:/intel";
    }

    @PostMapping("/intel/allowlist/{id}/delete")
    public String disallow(Actor actor, @PathVariable long id) {
        intel.disallow(actor, id);
        return "redirect:/intel";
    }

    @PostMapping("/intel/indicators/{id}/share")
    public String share(Actor actor, @PathVariable long id, RedirectAttributes redirect, Locale locale) {
        try {
            intel.publish(actor, id);
            redirect.addFlashAttribute("notice", "intel.shared");
        } catch (IllegalArgumentException e) {
            redirect.addFlashAttribute("errorText", ImportErrorTexts.refusal(e, messages, locale));
        }
        return "redirect:/intel";
    }
}
