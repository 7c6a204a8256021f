package jp.sukedachi.app.selfcheck.lessons;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import jp.sukedachi.app.shared.NotFoundException;
import org.springframework.stereotype.Component;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The lesson texts, read once from {@code selfcheck/lessons/lessons_ja.yaml} and {@code lessons_en.yaml}.
 * Start-up fails when the two editions disagree (count, questions, answers), so a translation slip cannot
 * grade an English learner against the Japanese answers.
 */
@Component
public class LessonCatalog {
    public static final int LESSONS = 25;
    private final List<Lesson> japanese;
    private final List<Lesson> english;

    public LessonCatalog() {
        this.japanese = load("ja");
        this.english = load("en");
        for (int i = 0; i < LESSONS; i++) {
            Lesson ja = japanese.get(i);
            Lesson en = english.get(i);
            if (ja.quiz().size() != en.quiz().size()) {
                throw new IllegalStateException("lesson " + ja.no() + ": the editions have different quizzes");
            }
            for (int q = 0; q < ja.quiz().size(); q++) {
                if (ja.quiz().get(q).answer() != en.quiz().get(q).answer()
                        || ja.quiz().get(q).choices().size() != en.quiz().get(q).choices().size()) {
                    throw new IllegalStateException("lesson " + ja.no() + " question " + (q + 1) + ": editions differ");
                }
            }
        }
    }

    public List<Lesson> all(Locale locale) {
        return "en".equals(locale == null ? null : locale.getLanguage()) ? english : japanese;
    }

    public Lesson lesson(int no, Locale locale) {
        if (no < 1 || no > LESSONS) {
            throw new NotFoundException("lesson");
        }
        return all(locale).get(no - 1);
    }

    @SuppressWarnings("unchecked")
    private static List<Lesson> load(String lang) {
        String path = "/selfcheck/lessons/lessons_" + lang + ".yaml";
        try (InputStream in = LessonCatalog.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException(path + " is missing");
            }
            List<Map<String, Object>> raw = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
            List<Lesson> lessons = new ArrayList<>();
            for (Map<String, Object> m : raw) {
                int no = (Integer) m.get("item");
                if (no != lessons.size() + 1) {
                    throw new IllegalStateException(path + ": lesson " + no + " out of order");
                }
                List<Lesson.Question> quiz = new ArrayList<>();
                for (Map<String, Object> q : (List<Map<String, Object>>) m.get("quiz")) {
                    List<String> choices = new ArrayList<>();
                    for (Object c : (List<Object>) q.get("choices")) {
                        // YAML 1.1 reads bare No/Yes/On as booleans: such a choice must be quoted.
                        if (!(c instanceof String text)) {
                            throw new IllegalStateException(path + ": lesson " + no + ": quote the choice " + c);
                        }
                        choices.add(text);
                    }
                    int answer = (Integer) q.get("answer");
                    if (answer < 0 || answer >= choices.size()) {
                        throw new IllegalStateException(path + ": lesson " + no + " has an answer outside its choices");
                    }
                    List<Integer> order = new ArrayList<>();
                    for (int i = 0; i < choices.size(); i++) {
                        order.add(i);
                    }
                    // Same order for everyone and every run: java.util.Random's sequence is fixed by its seed.
                    Collections.shuffle(order, new Random(no * 100L + quiz.size()));
                    quiz.add(new Lesson.Question((String) q.get("q"), choices, answer, List.copyOf(order)));
                }
                if (quiz.size() < 3 || quiz.size() > 5) {
                    throw new IllegalStateException(path + ": lesson " + no + " needs 3 to 5 questions");
                }
                lessons.add(new Lesson(no, (String) m.get("title"), (String) m.get("scenario"), (String) m.get("todo"),
                        (String) m.get("why"), List.copyOf(quiz)));
            }
            if (lessons.size() != LESSONS) {
                throw new IllegalStateException(path + " has " + lessons.size() + " lessons, not " + LESSONS);
            }
            return List.copyOf(lessons);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
