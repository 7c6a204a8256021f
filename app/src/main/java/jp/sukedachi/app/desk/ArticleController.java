package jp.sukedachi.app.desk;

import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import jp.sukedachi.app.shared.Actor;
import jp.sukedachi.app.shared.InvalidInput;
import jp.sukedachi.app.shared.Role;
import org.springframework.context.MessageSource;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The knowledge base's pages: staff write, preview and publish articles under {@code /kb}; a company's owner and
 * members read the published ones under {@code /my/help/articles}, grouped by category, searchable in their language.
 */
@Controller
class ArticleController {
    /** How much of an article's first paragraph a list shows. */
    static final int SUMMARY_LENGTH = 120;

    private final KnowledgeBase kb;
    private final MessageSource messages;
    private final DeskContact desk;

    ArticleController(KnowledgeBase kb, MessageSource messages, DeskContact desk) {
        this.kb = kb;
        this.messages = messages;
        this.desk = desk;
    }

    /** One article in a list: the language the reader is shown and the start of its text. */
    record Row(Article article, Article.Shown shown, String summary) {
        static Row of(Article a, Locale locale) {
            Article.Shown shown = a.in(locale);
            return new Row(a, shown, ArticleText.summary(shown.body(), SUMMARY_LENGTH));
        }
    }

    static void requireCompanyUser(Actor actor) {
        if (actor.role() != Role.TENANT_OWNER && actor.role() != Role.TENANT_MEMBER) {
            throw new AccessDeniedException("these pages are for company users; staff use /kb");
        }
    }

    // ------------------------------------------------------------------------------------------ staff

    @GetMapping("/kb")
    public String list(Actor actor, @RequestParam(defaultValue = "") String q,
            @RequestParam(defaultValue = "") String category, Locale locale, Model model) {
        KnowledgeBase.requireEditor(actor);
        ArticleCategory c = category.isBlank() ? null : ArticleCategory.of(category);
        model.addAttribute("rows", kb.search(actor, q, c, locale).stream().map(a -> Row.of(a, locale)).toList());
        model.addAttribute("q", q);
        model.addAttribute("category", c == null ? "" : c.id());
        model.addAttribute("categories", ArticleCategory.values());
        return "kb/list";
    }

    @GetMapping("/kb/new")
    public String create(Actor actor, Model model) {
        KnowledgeBase.requireEditor(actor);
        return form(model, null, new ArticleDraft(ArticleCategory.OTHER.id(), "", "", "", "", ""));
    }

    @PostMapping("/kb")
    public String create(Actor actor, ArticleForm form, Locale locale, Model model, HttpServletResponse response) {
        KnowledgeBase.requireEditor(actor);
        try {
            return "redirect:/kb/" + kb.create(actor, form.draft()).id() + "?saved";
        } catch (IllegalArgumentException e) {
            refused(response, model, e, locale);
            return form(model, null, form.draft());
        }
    }

    @GetMapping("/kb/{id}")
    public String edit(Actor actor, @PathVariable UUID id, Model model) {
        KnowledgeBase.requireEditor(actor);
        Article a = kb.get(actor, id);
        return form(model, a, ArticleDraft.of(a));
    }

    @PostMapping("/kb/{id}")
    public String update(Actor actor, @PathVariable UUID id, ArticleForm form, Locale locale, Model model,
            HttpServletResponse response) {
        KnowledgeBase.requireEditor(actor);
        Article a = kb.get(actor, id);
        try {
            kb.update(actor, id, form.draft());
            return "redirect:/kb/" + id + "?saved";
        } catch (IllegalArgumentException e) {
            refused(response, model, e, locale);
            return form(model, a, form.draft());
        }
    }

    @PostMapping("/kb/{id}/publish")
    public String publish(Actor actor, @PathVariable UUID id) {
        kb.setStatus(actor, id, Article.Status.PUBLISHED);
        return "redirect:/kb/" + id;
    }

    @PostMapping("/kb/{id}/unpublish")
    public String unpublish(Actor actor, @PathVariable UUID id) {
        kb.setStatus(actor, id, Article.Status.DRAFT);
        return "redirect:/kb/" + id;
    }

    /** The article as a company will read it, in the page's language (?lang=en for the other one). */
    @GetMapping("/kb/{id}/preview")
    public String preview(Actor actor, @PathVariable UUID id, Locale locale, Model model) {
        KnowledgeBase.requireEditor(actor);
        article(kb.get(actor, id), locale, model);
        model.addAttribute("preview", true);
        return "kb/article";
    }

    /** The form's fields, bound by name. */
    record ArticleForm(String category, String titleJa, String bodyJa, String titleEn, String bodyEn, String tags) {
        ArticleDraft draft() {
            return new ArticleDraft(category, titleJa, bodyJa, titleEn, bodyEn, tags);
        }
    }

    private String form(Model model, Article article, ArticleDraft draft) {
        model.addAttribute("article", article);
        model.addAttribute("draft", draft);
        model.addAttribute("categories", ArticleCategory.values());
        return "kb/form";
    }

    private void refused(HttpServletResponse response, Model model, IllegalArgumentException e, Locale locale) {
        response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
        model.addAttribute("formError", InvalidInput.describe(messages, e, locale));
        model.addAttribute("errorField", e instanceof InvalidInput i ? i.field() : null);
    }

    // ------------------------------------------------------------------------------------------ companies

    @GetMapping("/my/help/articles")
    public String read(Actor actor, @RequestParam(defaultValue = "") String q,
            @RequestParam(defaultValue = "") String category, Locale locale, Model model) {
        requireCompanyUser(actor);
        ArticleCategory c = category.isBlank() ? null : ArticleCategory.of(category);
        List<Article> found = kb.search(actor, q, c, locale);
        Map<ArticleCategory, List<Row>> shelves = new EnumMap<>(ArticleCategory.class);
        for (Article a : found) {
            shelves.computeIfAbsent(a.category(), k -> new ArrayList<>()).add(Row.of(a, locale));
        }
        model.addAttribute("shelves", shelves);
        model.addAttribute("found", found.size());
        model.addAttribute("q", q);
        model.addAttribute("category", c == null ? "" : c.id());
        model.addAttribute("categories", ArticleCategory.values());
        model.addAttribute("deskPhone", desk.hasPhone() ? desk.phone() : null);
        return "kb/help";
    }

    @GetMapping("/my/help/articles/{id}")
    public String read(Actor actor, @PathVariable UUID id, Locale locale, Model model) {
        requireCompanyUser(actor);
        article(kb.get(actor, id), locale, model);
        model.addAttribute("preview", false);
        model.addAttribute("deskPhone", desk.hasPhone() ? desk.phone() : null);
        return "kb/article";
    }

    private static void article(Article a, Locale locale, Model model) {
        Article.Shown shown = a.in(locale);
        model.addAttribute("article", a);
        model.addAttribute("shown", shown);
        model.addAttribute("blocks", ArticleText.blocks(shown.body()));
    }
}
