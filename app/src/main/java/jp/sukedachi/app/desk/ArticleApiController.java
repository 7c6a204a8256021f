package jp.sukedachi.app.desk;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import jp.sukedachi.app.shared.Actor;
import jp.sukedachi.app.shared.InvalidInput;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The knowledge base over the API: companies read published articles; provider staff read drafts and write. */
@RestController
@Tag(name = "Knowledge base")
class ArticleApiController {
    private final KnowledgeBase kb;

    ArticleApiController(KnowledgeBase kb) {
        this.kb = kb;
    }

    /**
     * An article. A missing language has null title and body. {@code updatedBy} (the author's login) is given to
     * provider staff only.
     */
    record ArticleView(UUID id, String category, Article.Status status, String titleJa, String bodyJa,
            String titleEn, String bodyEn, List<String> tags, Instant updatedAt, String updatedBy) {
        static ArticleView of(Article a, Actor actor) {
            return new ArticleView(a.id(), a.category().id(), a.status(), a.titleJa(), a.bodyJa(), a.titleEn(),
                    a.bodyEn(), a.tags(), a.updatedAt(), KnowledgeBase.edits(actor) ? a.updatedBy() : null);
        }
    }

    @Schema(description = "An article as staff write it. Each language is a title and a body (plain text: paragraphs"
            + " separated by a blank line, lines starting with \"- \" or \"1. \" make lists); either language may be"
            + " missing, never both.")
    record ArticleBody(
            @Schema(description = "emergency, mail, accounts, devices, service or other") String category,
            @Schema(description = "Japanese title, at most 200 characters") String titleJa,
            @Schema(description = "Japanese body, at most 20,000 characters") String bodyJa,
            @Schema(description = "English title, at most 200 characters") String titleEn,
            @Schema(description = "English body, at most 20,000 characters") String bodyEn,
            @Schema(description = "At most 10 tags of at most 30 characters; stored lower-case") List<String> tags,
            @Schema(description = "DRAFT (staff only) or PUBLISHED (every company reads it); POST: default DRAFT,"
                    + " PUT: missing keeps the status") String status) {
        ArticleDraft draft() {
            return new ArticleDraft(category, titleJa, bodyJa, titleEn, bodyEn,
                    tags == null ? null : String.join(",", tags.stream().map(t -> t == null ? "" : t).toList()));
        }

        Article.Status parsedStatus() {
            if (status == null || status.isBlank()) {
                return null;
            }
            for (Article.Status s : Article.Status.values()) {
                if (s.name().equalsIgnoreCase(status.strip())) {
                    return s;
                }
            }
            throw new InvalidInput("status", "validation.invalid", null, "one of DRAFT, PUBLISHED", "status");
        }
    }

    @GetMapping("/api/v1/articles")
    @Operation(summary = "Knowledge-base articles, newest change first: published ones for companies, drafts too for"
            + " provider staff",
            description = "q: words that must all appear (case-insensitive) in the title, body or tags of the language"
                    + " the reader is shown (lang, else the request's language; an article without that language is"
                    + " searched and shown in the other one).")
    public List<ArticleView> list(Actor actor,
            @Parameter(description = "search words, at most 200 characters and 10 words") @RequestParam(required = false) String q,
            @Parameter(description = "a category id") @RequestParam(required = false) String category,
            @Parameter(description = "ja or en") @RequestParam(required = false) String lang, Locale locale) {
        ArticleCategory c = category == null || category.isBlank() ? null : ArticleCategory.of(category);
        return kb.search(actor, q, c, language(lang, locale)).stream().map(a -> ArticleView.of(a, actor)).toList();
    }

    @GetMapping("/api/v1/articles/{id}")
    @Operation(summary = "One article; a draft answers 404 to anyone but provider staff")
    public ArticleView get(Actor actor, @PathVariable UUID id) {
        return ArticleView.of(kb.get(actor, id), actor);
    }

    @PostMapping("/api/v1/articles")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Write an article (provider staff)")
    public ArticleView create(Actor actor, @RequestBody ArticleBody body) {
        KnowledgeBase.requireEditor(actor);
        ArticleBody b = body == null ? new ArticleBody(null, null, null, null, null, null, null) : body;
        Article.Status status = b.parsedStatus();
        Article a = kb.create(actor, b.draft());
        if (status == Article.Status.PUBLISHED) {
            a = kb.setStatus(actor, a.id(), status);
        }
        return ArticleView.of(a, actor);
    }

    @PutMapping("/api/v1/articles/{id}")
    @Operation(summary = "Replace an article's texts, category and tags, and publish or withdraw it (provider staff)")
    public ArticleView update(Actor actor, @PathVariable UUID id, @RequestBody ArticleBody body) {
        KnowledgeBase.requireEditor(actor);
        kb.get(actor, id);
        ArticleBody b = body == null ? new ArticleBody(null, null, null, null, null, null, null) : body;
        Article.Status status = b.parsedStatus();
        Article a = kb.update(actor, id, b.draft());
        if (status != null) {
            a = kb.setStatus(actor, id, status);
        }
        return ArticleView.of(a, actor);
    }

    private static Locale language(String lang, Locale locale) {
        if (lang == null || lang.isBlank()) {
            return "en".equals(locale.getLanguage()) ? Locale.ENGLISH : Locale.JAPANESE;
        }
        return switch (lang.strip().toLowerCase(Locale.ROOT)) {
            case "ja" -> Locale.JAPANESE;
            case "en" -> Locale.ENGLISH;
            default -> throw new InvalidInput("lang", "validation.invalid", null, "ja or en", "lang");
        };
    }
}
