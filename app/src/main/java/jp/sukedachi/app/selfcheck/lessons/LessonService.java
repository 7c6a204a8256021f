package jp.sukedachi.app.selfcheck.lessons;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import jp.sukedachi.app.selfcheck.policy.SelfHelp;
import jp.sukedachi.app.shared.Actor;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Grading quizzes and tracking progress. A lesson is passed when every answer is right (retries are
 * unlimited; each try is counted); a course is complete when all its lessons are passed.
 */
@Service
public class LessonService {
    private final LessonRepository results;
    private final Clock clock;

    public LessonService(LessonRepository results, Clock clock) {
        this.results = results;
        this.clock = clock;
    }

    /** The result of one try: right answers, the questions answered wrongly (0-based), passed or not. */
    public record Graded(int score, int questions, List<Integer> wrong) {
        public boolean passed() {
            return score == questions;
        }
    }

    /** Grades answers given as choice indexes per question; a missing or foreign answer counts as wrong. */
    public static Graded grade(Lesson lesson, List<Integer> answers) {
        List<Integer> wrong = new ArrayList<>();
        for (int q = 0; q < lesson.quiz().size(); q++) {
            Integer given = q < answers.size() ? answers.get(q) : null;
            if (!Objects.equals(given, lesson.quiz().get(q).answer())) {
                wrong.add(q);
            }
        }
        return new Graded(lesson.quiz().size() - wrong.size(), lesson.quiz().size(), List.copyOf(wrong));
    }

    @Transactional
    public Graded submit(Actor actor, Lesson lesson, List<Integer> answers) {
        SelfHelp.companyOf(actor);
        Graded graded = grade(lesson, answers);
        results.record(actor, lesson.no(), graded.score(), graded.questions(), graded.passed(), clock.instant());
        return graded;
    }

    /** One person's standing in one course. */
    public record CourseProgress(Course course, int passed, Instant completedAt) {
        public boolean complete() {
            return passed == course.size();
        }
    }

    public static List<CourseProgress> progress(List<LessonResult> results) {
        List<CourseProgress> out = new ArrayList<>();
        for (Course c : Course.values()) {
            List<LessonResult> passed = results.stream()
                    .filter(r -> r.passed() && r.lessonNo() >= c.first() && r.lessonNo() <= c.last()).toList();
            Instant completed = passed.size() == c.size()
                    ? passed.stream().map(LessonResult::passedAt).max(Comparator.naturalOrder()).orElseThrow() : null;
            out.add(new CourseProgress(c, passed.size(), completed));
        }
        return out;
    }

    public List<LessonResult> mine(Actor actor) {
        SelfHelp.companyOf(actor);
        return results.mine(actor);
    }

    public Optional<CourseProgress> completed(Actor actor, Course course) {
        return progress(mine(actor)).stream().filter(p -> p.course() == course && p.complete()).findFirst();
    }

    /** Per user of the company: their progress in each course (owner's overview). */
    public Map<UUID, List<CourseProgress>> team(Actor actor) {
        UUID company = SelfHelp.requireOwner(actor);
        return results.ofCompany(actor, company).stream()
                .collect(Collectors.groupingBy(LessonResult::userId, Collectors.collectingAndThen(Collectors.toList(),
                        LessonService::progress)));
    }
}
