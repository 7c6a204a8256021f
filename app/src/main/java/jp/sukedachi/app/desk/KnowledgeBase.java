package jp.sukedachi.app.desk;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import jp.sukedachi.app.audit.AuditAction;
import jp.sukedachi.app.audit.AuditEvent.Outcome;
import jp.sukedachi.app.audit.AuditLog;
import jp.sukedachi.app.shared.Actor;
import jp.sukedachi.app.shared.InvalidInput;
import jp.sukedachi.app.shared.NotFoundException;
import jp.sukedachi.app.shared.Role;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The desk's knowledge base: provider staff (admins and analysts) write articles in Japanese and English and publish
 * them; every company's owner and members read the published ones and search them in their language. A draft is
 * never shown to anyone but staff ({@link ArticleRepository}). Every change is audited.
 */
@Service
public class KnowledgeBase {
    // Column sizes (V26): longer input is refused with the field and the limit, never cut.
    static final int TITLE_MAX = 200;
    static final int BODY_MAX = 20_000;
    static final int TAG_MAX = 30;
    static final int TAGS_MAX = 10;
    static final int QUERY_MAX = 200;
    static final int QUERY_WORDS_MAX = 10;

    private final ArticleRepository articles;
    private final AuditLog audit;
    private final Clock clock;

    KnowledgeBase(ArticleRepository articles, AuditLog audit, Clock clock) {
        this.articles = articles;
        this.audit = audit;
        this.clock = clock;
    }

    /** Who writes, publishes and reads drafts: the provider's admins and analysts. */
    static boolean edits(Actor actor) {
        return actor.role() == Role.PROVIDER_ADMIN || actor.role() == Role.ANALYST;
    }

    static void requireEditor(Actor actor) {
        if (!edits(actor)) {
            throw new AccessDeniedException("only provider staff edit the knowledge base");
        }
    }

    /** An article the actor may read (a draft only for staff); otherwise 404, as for one that does not exist. */
    public Article get(Actor actor, UUID id) {
        return articles.find(actor, id).orElseThrow(() -> new NotFoundException("article"));
    }

    /**
     * Articles the actor may read that hold every word of {@code query} (blank: all) in the language the reader is
     * shown, of one category (null: all), newest change first.
     */
    public List<Article> search(Actor actor, String query, ArticleCategory category, Locale locale) {
        return articles.search(actor, words(query), category, locale, 500);
    }

    /** The query's words, lower-case; a query over {@value #QUERY_MAX} characters or {@value #QUERY_WORDS_MAX} words is refused. */
    static List<String> words(String query) {
        if (query == null || query.isBlank()) {
            return List.of();
        }
        InvalidInput.requireLength("q", "article.search", query.strip(), QUERY_MAX);
        Set<String> words = new LinkedHashSet<>();
        for (String w : query.strip().toLowerCase(Locale.ROOT).split("[\\s\\u3000,、]+")) {
            if (!w.isEmpty()) {
                words.add(w);
            }
        }
        if (words.size() > QUERY_WORDS_MAX) {
            throw new InvalidInput("q", "article.search.tooManyWords", QUERY_WORDS_MAX,
                    "at most " + QUERY_WORDS_MAX + " words", QUERY_WORDS_MAX);
        }
        return List.copyOf(words);
    }

    /** A new article, a draft until it is published. */
    @Transactional
    public Article create(Actor actor, ArticleDraft draft) {
        requireEditor(actor);
        Clean c = clean(draft);
        Instant now = clock.instant();
        Article a = new Article(UUID.randomUUID(), c.category(), c.titleJa(), c.bodyJa(), c.titleEn(), c.bodyEn(),
                c.tags(), Article.Status.DRAFT, now, now, actor.login());
        articles.insert(a);
        audit.record(actor, null, AuditAction.ARTICLE_CREATED, "article:" + a.id(), Outcome.SUCCESS, null);
        return a;
    }

    /** New texts, category and tags; a published article stays published (companies read the change at once). */
    @Transactional
    public Article update(Actor actor, UUID id, ArticleDraft draft) {
        requireEditor(actor);
        get(actor, id);
        Clean c = clean(draft);
        articles.update(id, c.category(), c.titleJa(), c.bodyJa(), c.titleEn(), c.bodyEn(), c.tags(), clock.instant(),
                actor.login());
        audit.record(actor, null, AuditAction.ARTICLE_UPDATED, "article:" + id, Outcome.SUCCESS, null);
        return get(actor, id);
    }

    /** Publishes (companies read it from now on) or withdraws an article to a draft. */
    @Transactional
    public Article setStatus(Actor actor, UUID id, Article.Status status) {
        requireEditor(actor);
        Article a = get(actor, id);
        if (a.status() != status) {
            articles.setStatus(id, status, clock.instant(), actor.login());
            audit.record(actor, null, status == Article.Status.PUBLISHED ? AuditAction.ARTICLE_PUBLISHED
                    : AuditAction.ARTICLE_UNPUBLISHED, "article:" + id, Outcome.SUCCESS, null);
        }
        return get(actor, id);
    }

    /** A draft checked and tidied: texts stripped (line ends as \n), blank as missing, tags lower-case. */
    record Clean(ArticleCategory category, String titleJa, String bodyJa, String titleEn, String bodyEn,
            List<String> tags) {
    }

    static Clean clean(ArticleDraft d) {
        if (d == null) {
            throw new InvalidInput("titleJa", "article.language.none", null, "an article needs a title and a body");
        }
        ArticleCategory category = ArticleCategory.of(d.category());
        String titleJa = text("titleJa", "article.titleJa", d.titleJa(), TITLE_MAX);
        String bodyJa = text("bodyJa", "article.bodyJa", d.bodyJa(), BODY_MAX);
        String titleEn = text("titleEn", "article.titleEn", d.titleEn(), TITLE_MAX);
        String bodyEn = text("bodyEn", "article.bodyEn", d.bodyEn(), BODY_MAX);
        whole("Ja", titleJa, bodyJa);
        whole("En", titleEn, bodyEn);
        if (titleJa == null && titleEn == null) {
            throw new InvalidInput("titleJa", "article.language.none", null,
                    "an article needs a title and a body in Japanese or in English");
        }
        return new Clean(category, titleJa, bodyJa, titleEn, bodyEn, tags(d.tags()));
    }

    /** A language is a title and a body, or neither. */
    private static void whole(String lang, String title, String body) {
        if (title != null && body == null) {
            throw new InvalidInput("body" + lang, "article.body.missing", null, "a title needs its body");
        }
        if (title == null && body != null) {
            throw new InvalidInput("title" + lang, "article.title.missing", null, "a body needs its title");
        }
    }

    private static String text(String field, String labelKey, String value, int max) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String text = value.replace("\r\n", "\n").replace('\r', '\n').strip();
        if (field.startsWith("title") && text.indexOf('\n') >= 0) {
            text = text.replaceAll("\\s*\\n\\s*", " ");
        }
        return InvalidInput.requireLength(field, labelKey, text, max);
    }

    /** Tags from "mail, phishing 詐欺": lower-case, no repeats, at most {@value #TAGS_MAX} of {@value #TAG_MAX} characters. */
    static List<String> tags(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        Set<String> tags = new LinkedHashSet<>();
        for (String t : text.toLowerCase(Locale.ROOT).split("[\\s\\u3000,、]+")) {
            if (!t.isEmpty()) {
                InvalidInput.requireLength("tags", "article.tags", t, TAG_MAX);
                tags.add(t);
            }
        }
        if (tags.size() > TAGS_MAX) {
            throw new InvalidInput("tags", "article.tags.tooMany", TAGS_MAX, "at most " + TAGS_MAX + " tags",
                    TAGS_MAX, tags.size());
        }
        return new ArrayList<>(tags);
    }
}
