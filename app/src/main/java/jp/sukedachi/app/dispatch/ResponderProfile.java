package jp.sukedachi.app.dispatch;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A responder as dispatch knows them: the prefectures they cover (JIS X 0401 codes), whether they can go now (with
 * a note and until when) and the phone the desk calls them on. A responder without a saved profile covers nothing
 * and counts as available.
 */
public record ResponderProfile(UUID userId, String name, String login, List<String> prefectures,
        Availability availability, String availabilityNote, Instant availableUntil, String phone) {

    public boolean covers(String prefecture) {
        return prefecture != null && prefectures.contains(prefecture);
    }
}
