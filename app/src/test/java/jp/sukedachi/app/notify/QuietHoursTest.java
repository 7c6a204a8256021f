package jp.sukedachi.app.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class QuietHoursTest {
    private final QuietHours night = QuietHours.parse("22:00-07:00");

    @Test
    void aWindowAcrossMidnightIsQuietLateAndEarlyInTokyoTime() {
        assertThat(night.isQuiet(Instant.parse("2026-03-10T13:30:00Z"))).as("22:30 JST").isTrue();
        assertThat(night.isQuiet(Instant.parse("2026-03-10T21:59:00Z"))).as("06:59 JST").isTrue();
        assertThat(night.isQuiet(Instant.parse("2026-03-10T22:00:00Z"))).as("07:00 JST").isFalse();
        assertThat(night.isQuiet(Instant.parse("2026-03-10T03:00:00Z"))).as("12:00 JST").isFalse();
    }

    @Test
    void heldMailIsReleasedWhenTheWindowEnds() {
        assertThat(night.release(Instant.parse("2026-03-10T14:00:00Z"))).isEqualTo(Instant.parse("2026-03-10T22:00:00Z"));
        assertThat(night.release(Instant.parse("2026-03-10T16:00:00Z"))).isEqualTo(Instant.parse("2026-03-10T22:00:00Z"));
        Instant noon = Instant.parse("2026-03-10T03:00:00Z");
        assertThat(night.release(noon)).isEqualTo(noon);
    }

    @Test
    void aDaytimeWindowAndNoWindow() {
        QuietHours lunch = QuietHours.parse("12:00-13:00");
        assertThat(lunch.isQuiet(Instant.parse("2026-03-10T03:30:00Z"))).isTrue();
        assertThat(lunch.release(Instant.parse("2026-03-10T03:30:00Z"))).isEqualTo(Instant.parse("2026-03-10T04:00:00Z"));
        assertThat(QuietHours.parse("").isQuiet(Instant.parse("2026-03-10T14:00:00Z"))).isFalse();
        assertThatThrownBy(() -> QuietHours.parse("22")).isInstanceOf(IllegalArgumentException.class);
    }
}
