package jp.sukedachi.app.desk;

import static jp.sukedachi.app.desk.DeskCalendarTest.jst;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The queue's warning counts in business time: due within one business hour is "soon" (Friday 16:30 for a
 * Monday 9:20 target, over the weekend), past is "breached", and after the first response the resolution target
 * counts; solved tickets have none.
 */
class TicketSlaTest {
    private final DeskCalendar calendar = new DeskCalendar(DeskSettingsStore.ofDefaults(DeskSettings.defaults()));
    private final TicketSla sla = new TicketSla(calendar, Clock.fixed(Instant.EPOCH, ZoneOffset.UTC));

    static Ticket ticket(TicketStatus status, Instant firstDue, Instant resolutionDue, Instant respondedAt) {
        TicketSummary s = new TicketSummary(UUID.randomUUID(), UUID.randomUUID(), 1, "s", "b", TicketCategory.QUESTION,
                TicketPriority.HIGH, status, TicketChannel.PORTAL, jst("2026-06-12T09:00"), null, null, firstDue,
                resolutionDue, respondedAt);
        return new Ticket(s, "c", "c", null, null, null, null, null, 0, s.receivedAt(), s.receivedAt());
    }

    @Test
    void aTargetOnMondayMorningIsSoonOnFridayAfternoonAndBreachedOnceItPasses() {
        Ticket t = ticket(TicketStatus.NEW, jst("2026-06-15T09:20"), jst("2026-06-20T09:00"), null);
        assertThat(sla.of(t, jst("2026-06-12T16:30")).state()).isEqualTo(TicketSla.State.SOON);
        assertThat(sla.of(t, jst("2026-06-12T15:00")).state()).isEqualTo(TicketSla.State.OK);
        assertThat(sla.of(t, jst("2026-06-15T09:20")).state()).isEqualTo(TicketSla.State.BREACHED);
        assertThat(sla.of(t, jst("2026-06-15T09:20")).firstResponse()).isTrue();
    }

    @Test
    void afterTheFirstResponseTheResolutionTargetCountsAndASolvedTicketHasNone() {
        Ticket answered = ticket(TicketStatus.OPEN, jst("2026-06-12T10:00"), jst("2026-06-16T12:00"),
                jst("2026-06-12T09:30"));
        TicketSla.Due due = sla.of(answered, jst("2026-06-15T10:00"));
        assertThat(due.firstResponse()).isFalse();
        assertThat(due.at()).isEqualTo(jst("2026-06-16T12:00"));
        assertThat(due.state()).isEqualTo(TicketSla.State.OK);
        assertThat(sla.of(ticket(TicketStatus.SOLVED, jst("2026-06-12T10:00"), jst("2026-06-12T11:00"), null),
                jst("2026-06-20T10:00")).state()).isEqualTo(TicketSla.State.NONE);
    }
}
