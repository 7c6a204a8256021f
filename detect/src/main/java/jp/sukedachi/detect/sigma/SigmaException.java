package jp.sukedachi.detect.sigma;

/** A rule that cannot be loaded: a short reason category (counted in reports) and the precise detail. */
public final class SigmaException extends Exception {
    private static final long serialVersionUID = 1L;
    private final String category;
    private final int line;
    private final int column;

    public SigmaException(String category, String detail) {
        this(category, detail, 0, 0);
    }

    /** With the 1-based line and column where the YAML reader stopped (0 when unknown). */
    public SigmaException(String category, String detail, int line, int column) {
        super(detail);
        this.category = category;
        this.line = line;
        this.column = column;
    }

    /** 1-based line of the file where the problem is, 0 when unknown (only YAML errors know it). */
    public int line() {
        return line;
    }

    /** 1-based column on {@link #line()}, 0 when unknown. */
    public int column() {
        return column;
    }

    /** E.g. {@code yaml}, {@code missing field}, {@code unknown modifier}, {@code condition}, {@code regex}. */
    public String category() {
        return category;
    }
}
