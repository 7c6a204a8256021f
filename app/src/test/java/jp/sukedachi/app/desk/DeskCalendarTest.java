package jp.sukedachi.app.desk;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Map;
import jp.sukedachi.app.shared.Formats;
import org.junit.jupiter.api.Test;

/** The desk's business time with the default settings: 9:00–17:00 JST, Monday to Friday, closed 12/29–1/3. */
class DeskCalendarTest {
    private final DeskCalendar calendar = new DeskCalendar(new DeskSettingsStore(DeskSettings.defaults()));

    static Instant jst(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(Formats.TOKYO).toInstant();
    }

    @Test
    void aHighTicketReceivedFridayBeforeGoldenWeekIsDueThursdayNoon() {
        // 5/2 Saturday, 5/3–5/5 holidays, 5/6 the substitute for Constitution Day on a Sunday.
        assertThat(calendar.firstResponseDue(TicketPriority.HIGH, jst("2026-05-01T16:00")))
                .isEqualTo(jst("2026-05-07T12:00"));
        assertThat(calendar.addBusinessTime(jst("2026-05-01T16:00"), Duration.ofHours(4)))
                .isEqualTo(jst("2026-05-07T12:00"));
    }

    @Test
    void aTicketReceivedJustBeforeTheYearEndClosureIsDueInJanuaryAfterIt() {
        // Half an hour on Monday 12/28, closed 12/29–1/3, the rest from Monday 2027-01-04 9:00.
        assertThat(calendar.firstResponseDue(TicketPriority.HIGH, jst("2026-12-28T16:30")))
                .isEqualTo(jst("2027-01-04T12:30"));
        assertThat(calendar.isOpen(jst("2026-12-30T10:00"))).isFalse();
        assertThat(calendar.isOpen(jst("2027-01-04T10:00"))).isTrue();
    }

    @Test
    void aTicketReceivedOnSaturdayNightStartsCountingAtMondaysOpening() {
        assertThat(calendar.isOpen(jst("2026-06-13T22:00"))).isFalse();
        assertThat(calendar.firstResponseDue(TicketPriority.MEDIUM, jst("2026-06-13T22:00")))
                .isEqualTo(jst("2026-06-15T17:00"));
    }

    @Test
    void aTicketReceivedAtSevenOnAWeekdayStartsCountingAtNine() {
        assertThat(calendar.isOpen(jst("2026-06-10T07:00"))).isFalse();
        assertThat(calendar.firstResponseDue(TicketPriority.CRITICAL, jst("2026-06-10T07:00")))
                .isEqualTo(jst("2026-06-10T10:00"));
    }

    @Test
    void aTicketReceivedAfterClosingStartsCountingNextMorning() {
        assertThat(calendar.firstResponseDue(TicketPriority.CRITICAL, jst("2026-06-10T17:00")))
                .isEqualTo(jst("2026-06-11T10:00"));
    }

    @Test
    void aCriticalTicketReceivedLateBeforeSilverWeekIsDueOnTheThursday() {
        // 9/21 Respect for the Aged Day, 9/22 citizens' holiday between it and 9/23 the autumn equinox.
        assertThat(calendar.firstResponseDue(TicketPriority.CRITICAL, jst("2026-09-18T16:30")))
                .isEqualTo(jst("2026-09-24T09:30"));
    }

    @Test
    void aTargetEndingAtClosingTimeIsDueAtClosingNotNextMorning() {
        assertThat(calendar.firstResponseDue(TicketPriority.CRITICAL, jst("2026-06-10T16:00")))
                .isEqualTo(jst("2026-06-10T17:00"));
    }

    @Test
    void resolutionTargetsCountBusinessHoursAcrossDays() {
        // LOW: 80 business hours = 10 desk days of 8 hours; from Monday 6/8 9:00 to Friday 6/19 17:00.
        assertThat(calendar.resolutionDue(TicketPriority.LOW, jst("2026-06-08T09:00")))
                .isEqualTo(jst("2026-06-19T17:00"));
        assertThat(calendar.resolutionDue(TicketPriority.CRITICAL, jst("2026-06-08T13:00")))
                .isEqualTo(jst("2026-06-09T13:00"));
    }

    @Test
    void changedHoursWeekdaysClosedDaysAndTargetsTakeEffect() {
        DeskSettings changed = new DeskSettings("050-0000-0000", "desk@example.jp", "毎日 8:00〜20:00", "08:00",
                "20:00", "MON,TUE,WED,THU,FRI,SAT", "2026-06-15, 08-13..08-15",
                Map.of(TicketPriority.HIGH, 2), Map.of(TicketPriority.HIGH, 24));
        DeskCalendar custom = new DeskCalendar(new DeskSettingsStore(changed));
        assertThat(custom.isOpen(jst("2026-06-13T19:00"))).isTrue();
        // Saturday 19:00 + 2 h: one hour on Saturday, Sunday off, Monday 6/15 closed, Tuesday 8:00 + 1 h.
        assertThat(custom.firstResponseDue(TicketPriority.HIGH, jst("2026-06-13T19:00")))
                .isEqualTo(jst("2026-06-16T09:00"));
        assertThat(custom.isOpen(jst("2027-08-13T10:00"))).isFalse();
        assertThat(custom.resolutionDue(TicketPriority.HIGH, jst("2026-06-16T08:00")))
                .isEqualTo(jst("2026-06-17T20:00"));
        assertThat(custom.firstResponseDue(TicketPriority.CRITICAL, jst("2026-06-16T08:00")))
                .isEqualTo(jst("2026-06-16T09:00"));
    }
}
