package jp.sukedachi.app.selfcheck.cloud;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

/**
 * A cloud service a company uses, with its answers to the 14 questions (one letter each, question 1
 * first). Questions 1–4 are about scope, 5–8 about preparation, 9–14 about the provider.
 */
public record CloudService(UUID id, UUID tenantId, String name, String purpose, String answers, Instant createdAt,
        Instant updatedAt) {
    public static final int QUESTIONS = 14;

    public CloudAnswer answer(int question) {
        return CloudAnswer.ofCode(answers.charAt(question - 1));
    }

    /** Questions not answered "yes", in order. */
    public List<Integer> gaps() {
        return IntStream.rangeClosed(1, QUESTIONS).filter(q -> answer(q) != CloudAnswer.YES).boxed().toList();
    }

    /** The group (A scope, B preparation, C provider) of a question. */
    public static String group(int question) {
        return question <= 4 ? "a" : question <= 8 ? "b" : "c";
    }
}
