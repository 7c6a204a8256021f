package jp.sukedachi.app.desk;

/**
 * What staff write for an article: the category id ({@code emergency}, {@code mail} …), a title and a body per
 * language (a language left blank is missing), and tags separated by commas or spaces.
 */
public record ArticleDraft(String category, String titleJa, String bodyJa, String titleEn, String bodyEn,
        String tags) {

    static ArticleDraft of(Article a) {
        return new ArticleDraft(a.category().id(), a.titleJa(), a.bodyJa(), a.titleEn(), a.bodyEn(),
                String.join(", ", a.tags()));
    }
}
