package jp.sukedachi.app.selfcheck;

/** The three parts of the self-check, by item range. */
public enum Part {
    BASIC(1, 5), EMPLOYEE(6, 18), ORGANISATION(19, 25);

    private final int first;
    private final int last;

    Part(int first, int last) {
        this.first = first;
        this.last = last;
    }

    public int first() {
        return first;
    }

    public int last() {
        return last;
    }

    /** 1, 2 or 3, as the part is numbered on screen and in the API. */
    public int number() {
        return ordinal() + 1;
    }

    public int items() {
        return last - first + 1;
    }

    /** Highest score of the part: every item done. */
    public int max() {
        return items() * Answer.DONE.points();
    }

    public String labelKey() {
        return "selfcheck.part." + number();
    }

    public static Part of(int item) {
        for (Part p : values()) {
            if (item >= p.first && item <= p.last) {
                return p;
            }
        }
        throw new IllegalArgumentException("no self-check item " + item);
    }
}
