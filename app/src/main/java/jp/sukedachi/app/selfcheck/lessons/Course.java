package jp.sukedachi.app.selfcheck.lessons;

import java.util.stream.IntStream;
import jp.sukedachi.app.shared.NotFoundException;

/**
 * A course is one part of the self-check: its lessons are the part's items. Passing every lesson of a
 * course (all answers right) earns that course's certificate; three certificates cover all 25 items.
 */
public enum Course {
    BASIC(1, 1, 5),
    STAFF(2, 6, 18),
    ORGANISATION(3, 19, 25);

    private final int number;
    private final int first;
    private final int last;

    Course(int number, int first, int last) {
        this.number = number;
        this.first = first;
        this.last = last;
    }

    public int number() {
        return number;
    }

    public int first() {
        return first;
    }

    public int last() {
        return last;
    }

    public int size() {
        return last - first + 1;
    }

    public IntStream lessons() {
        return IntStream.rangeClosed(first, last);
    }

    public String labelKey() {
        return "lesson.course." + number;
    }

    public static Course of(int number) {
        for (Course c : values()) {
            if (c.number == number) {
                return c;
            }
        }
        throw new NotFoundException("course");
    }

    public static Course containing(int lesson) {
        for (Course c : values()) {
            if (lesson >= c.first && lesson <= c.last) {
                return c;
            }
        }
        throw new NotFoundException("lesson");
    }
}
