package jp.sukedachi.app.selfcheck.lessons;

import java.time.Instant;
import java.util.UUID;

/** A user's record for one lesson: tries, best score, and when it was first passed (null if not yet). */
public record LessonResult(UUID userId, int lessonNo, int attempts, int bestScore, int questions, Instant passedAt) {
    public boolean passed() {
        return passedAt != null;
    }
}
