package jp.sukedachi.detect.sigma;

/** A rule that cannot be loaded: a short reason category (counted in reports) and the precise detail. */
public final class SigmaException extends Exception {
    private static final long serialVersionUID = 1L;
    private final String category;

    public SigmaException(String category, String detail) {
        super(detail);
        this.category = category;
    }

    /** E.g. {@code yaml}, {@code missing field}, {@code unknown modifier}, {@code condition}, {@code regex}. */
    public String category() {
        return category;
    }
}
