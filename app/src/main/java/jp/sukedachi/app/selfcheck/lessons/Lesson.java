package jp.sukedachi.app.selfcheck.lessons;

import java.util.List;

/** One lesson in one language: a scenario, what to do, why, and the quiz. */
public record Lesson(int no, String title, String scenario, String todo, String why, List<Question> quiz) {

    /**
     * A quiz question. {@code answer} indexes {@code choices}; {@code order} is the fixed shuffled order the
     * choices are shown in, so the right answer is not always first on screen.
     */
    public record Question(String text, List<String> choices, int answer, List<Integer> order) {
    }
}
