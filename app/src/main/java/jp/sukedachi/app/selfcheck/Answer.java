package jp.sukedachi.app.selfcheck;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One answer to a self-check item and its points. "Don't know" costs a point: not knowing whether a
 * measure is in place is itself a gap (the scoring of the IPA self-check this follows).
 */
public enum Answer {
    DONE("done", 'D', 4), PARTLY("partly", 'P', 2), NO("no", 'N', 0), UNKNOWN("unknown", 'U', -1);

    private final String code;
    private final char letter;
    private final int points;

    Answer(String code, char letter, int points) {
        this.code = code;
        this.letter = letter;
        this.points = points;
    }

    /** The word used in the API and in forms. */
    public String code() {
        return code;
    }

    /** The one-letter form stored in the database (25 answers in one short column). */
    public char letter() {
        return letter;
    }

    public int points() {
        return points;
    }

    public String labelKey() {
        return "selfcheck.answer." + code;
    }

    public static Answer parse(String text) {
        if (text != null) {
            String t = text.strip().toLowerCase(Locale.ROOT);
            for (Answer a : values()) {
                if (a.code.equals(t)) {
                    return a;
                }
            }
        }
        throw new IllegalArgumentException("answer must be one of done, partly, no, unknown; got: " + text);
    }

    /**
     * Exactly {@link SelfCheckItems#COUNT} answers in item order; the message names the first bad one so a
     * script author can fix the request.
     */
    public static List<Answer> parseAll(List<String> texts) {
        if (texts == null) {
            throw new IllegalArgumentException("answers missing: send {\"answers\": [25 of done|partly|no|unknown]}");
        }
        if (texts.size() != SelfCheckItems.COUNT) {
            throw new IllegalArgumentException("answers must hold exactly " + SelfCheckItems.COUNT
                    + " values (one per item, in order); got " + texts.size());
        }
        List<Answer> answers = new ArrayList<>(texts.size());
        for (int i = 0; i < texts.size(); i++) {
            try {
                answers.add(parse(texts.get(i)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("item " + (i + 1) + ": " + e.getMessage(), e);
            }
        }
        return List.copyOf(answers);
    }

    static String encode(List<Answer> answers) {
        StringBuilder sb = new StringBuilder(answers.size());
        answers.forEach(a -> sb.append(a.letter));
        return sb.toString();
    }

    /** The stored form back to answers; also how tests and the demo write answers compactly. */
    public static List<Answer> decode(String letters) {
        List<Answer> answers = new ArrayList<>(letters.length());
        for (char c : letters.toCharArray()) {
            answers.add(switch (c) {
                case 'D' -> DONE;
                case 'P' -> PARTLY;
                case 'N' -> NO;
                case 'U' -> UNKNOWN;
                default -> throw new IllegalStateException("stored answer letter " + c);
            });
        }
        return List.copyOf(answers);
    }
}
