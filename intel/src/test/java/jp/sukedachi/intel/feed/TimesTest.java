package jp.sukedachi.intel.feed;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Feed time stamps: every form the importers see, and no day that does not exist. */
class TimesTest {

    @Test
    void aDayThatDoesNotExistIsNoTime() {
        for (String bad : new String[] {"2023-02-29", "2024-04-31", "2023-02-29 05:25:33", "2024-04-31T05:25:33Z",
                "2023-02-29T05:25:33+09:00", "2024-04-31 05:25:33 UTC"}) {
            assertThat(Times.parse(bad)).as(bad).isNull();
        }
    }

    @Test
    void leapDayAndTheOtherForms() {
        assertThat(Times.parse("2024-02-29")).isEqualTo(Instant.parse("2024-02-29T00:00:00Z"));
        assertThat(Times.parse("2024-02-29 05:25:33")).isEqualTo(Instant.parse("2024-02-29T05:25:33Z"));
        assertThat(Times.parse("2024-02-29 05:25:33 UTC")).isEqualTo(Instant.parse("2024-02-29T05:25:33Z"));
        assertThat(Times.parse("2024-02-29T14:25:33+09:00")).isEqualTo(Instant.parse("2024-02-29T05:25:33Z"));
        assertThat(Times.parse("2024-02-29T05:25:33.5z")).isEqualTo(Instant.parse("2024-02-29T05:25:33.500Z"));
        assertThat(Times.parse("1709184333")).isEqualTo(Instant.parse("2024-02-29T05:25:33Z"));
        assertThat(Times.parse("  ")).isNull();
        assertThat(Times.parse("yesterday")).isNull();
    }
}
