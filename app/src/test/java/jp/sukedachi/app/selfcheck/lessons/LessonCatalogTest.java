package jp.sukedachi.app.selfcheck.lessons;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** The lesson texts and the grading, without a server. */
class LessonCatalogTest {
    private final LessonCatalog catalog = new LessonCatalog();

    @Test
    void oneLessonPerSelfCheckItemInBothLanguages() {
        for (Locale l : List.of(Locale.JAPANESE, Locale.ENGLISH)) {
            List<Lesson> lessons = catalog.all(l);
            assertThat(lessons).hasSize(25);
            assertThat(lessons).allSatisfy(lesson -> {
                assertThat(lesson.title()).isNotBlank();
                assertThat(lesson.scenario()).isNotBlank();
                assertThat(lesson.todo()).isNotBlank();
                assertThat(lesson.why()).isNotBlank();
                assertThat(lesson.quiz()).hasSizeBetween(3, 5);
            });
        }
        assertThat(catalog.lesson(1, Locale.JAPANESE).title()).contains("最新");
        assertThat(catalog.lesson(1, Locale.ENGLISH).title()).contains("up to date");
        // English text is English, Japanese text Japanese.
        assertThat(catalog.all(Locale.ENGLISH)).allSatisfy(l -> assertThat(l.scenario()).doesNotContainPattern("[ぁ-ん]"));
        assertThat(catalog.all(Locale.JAPANESE)).allSatisfy(l -> assertThat(l.todo()).containsPattern("[ぁ-ん]"));
    }

    @Test
    void choicesAreShownShuffledButTheSameForEveryone() {
        Lesson again = new LessonCatalog().lesson(3, Locale.JAPANESE);
        Lesson lesson = catalog.lesson(3, Locale.JAPANESE);
        assertThat(again.quiz()).extracting(Lesson.Question::order).isEqualTo(lesson.quiz().stream().map(Lesson.Question::order).toList());
        // Across the course the right answer is not always shown in the same place.
        List<Integer> shownAt = new ArrayList<>();
        for (Lesson l : catalog.all(Locale.JAPANESE)) {
            for (Lesson.Question q : l.quiz()) {
                shownAt.add(q.order().indexOf(q.answer()));
            }
        }
        assertThat(shownAt).contains(0, 1, 2);
    }

    @Test
    void aLessonIsPassedOnlyWithEveryAnswerRight() {
        Lesson lesson = catalog.lesson(6, Locale.JAPANESE);
        List<Integer> right = lesson.quiz().stream().map(Lesson.Question::answer).toList();
        LessonService.Graded all = LessonService.grade(lesson, right);
        assertThat(all.passed()).isTrue();
        assertThat(all.score()).isEqualTo(3);

        List<Integer> oneWrong = new ArrayList<>(right);
        oneWrong.set(1, (right.get(1) + 1) % 3);
        LessonService.Graded graded = LessonService.grade(lesson, oneWrong);
        assertThat(graded.passed()).isFalse();
        assertThat(graded.score()).isEqualTo(2);
        assertThat(graded.wrong()).containsExactly(1);

        List<Integer> missing = new ArrayList<>(right);
        missing.set(2, null);
        assertThat(LessonService.grade(lesson, missing).wrong()).containsExactly(2);
        assertThat(LessonService.grade(lesson, List.of()).score()).isZero();
    }

    @Test
    void aCourseIsCompleteWhenAllItsLessonsArePassed() {
        java.util.UUID user = java.util.UUID.randomUUID();
        java.time.Instant t = java.time.Instant.parse("2026-11-01T00:00:00Z");
        List<LessonResult> results = new ArrayList<>();
        for (int n = 1; n <= 5; n++) {
            results.add(new LessonResult(user, n, 1, 3, 3, t.plusSeconds(n)));
        }
        results.add(new LessonResult(user, 6, 2, 2, 3, null));
        results.add(new LessonResult(user, 7, 1, 3, 3, t));
        List<LessonService.CourseProgress> progress = LessonService.progress(results);
        assertThat(progress.get(0).complete()).isTrue();
        assertThat(progress.get(0).completedAt()).isEqualTo(t.plusSeconds(5));
        assertThat(progress.get(1).complete()).isFalse();
        assertThat(progress.get(1).passed()).isEqualTo(1);
        assertThat(progress.get(2).passed()).isZero();
    }
}
