package jp.sukedachi.app.desk;

import static jp.sukedachi.app.desk.DeskCalendarTest.jst;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.util.Map;
import jp.sukedachi.app.audit.AuditAction;
import jp.sukedachi.app.audit.AuditEvent;
import jp.sukedachi.app.audit.AuditLog;
import jp.sukedachi.app.audit.AuditRepository;
import jp.sukedachi.app.shared.InvalidInput;
import jp.sukedachi.app.shared.Role;
import jp.sukedachi.app.support.TestWorld;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;

/**
 * The desk settings as stored (table desk_setting, V21) on each database: nothing saved means the
 * {@code sukedachi.desk.*} defaults; what an admin saves is what the calendar and every SME screen use at once and
 * after a restart; refused input and other roles store nothing; each save is audited.
 */
@SpringBootTest(properties = {"sukedachi.syslog.enabled=false", "sukedachi.watch.enabled=false"})
abstract class DeskSettingsContract {
    @Autowired
    DeskSettingsStore store;
    @Autowired
    DeskSettingsRepository repository;
    @Autowired
    DeskSettings defaults;
    @Autowired
    DeskCalendar calendar;
    @Autowired
    DeskContact contact;
    @Autowired
    AuditLog auditLog;
    @Autowired
    AuditRepository audit;
    @Autowired
    Clock clock;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    TestWorld world;

    @BeforeEach
    void nothingSaved() {
        jdbc.sql("delete from desk_setting").update();
        store.reload();
    }

    private static DeskSettings changed(String phone) {
        return new DeskSettings(phone, "desk@example.jp", "毎日 8:00〜20:00（年中無休）", "08:00", "20:00",
                "MON,TUE,WED,THU,FRI,SAT", "2026-06-15\n08-13..08-15", Map.of(TicketPriority.HIGH, 2),
                Map.of(TicketPriority.HIGH, 24));
    }

    @Test
    void withNothingSavedTheConfiguredDefaultsApply() {
        assertThat(contact.hasPhone()).isFalse();
        assertThat(contact.hasEmail()).isFalse();
        assertThat(calendar.firstResponseDue(TicketPriority.HIGH, jst("2026-05-01T16:00")))
                .isEqualTo(jst("2026-05-07T12:00"));
        assertThat(calendar.resolutionDue(TicketPriority.MEDIUM, jst("2026-06-08T09:00")))
                .isEqualTo(jst("2026-06-12T17:00"));
    }

    @Test
    void savedSettingsTakeEffectAtOnceAndAfterARestart() {
        store.save(world.admin().actor(), changed("050-0000-0000"));

        assertThat(contact.phone()).isEqualTo("050-0000-0000");
        assertThat(contact.telLink()).isEqualTo("tel:05000000000");
        assertThat(contact.email()).isEqualTo("desk@example.jp");
        assertThat(contact.hoursText()).isEqualTo("毎日 8:00〜20:00（年中無休）");
        // Saturday 19:00 + 2 h: one on Saturday, Sunday off, Monday 6/15 closed, Tuesday 8:00 + 1 h.
        assertThat(calendar.firstResponseDue(TicketPriority.HIGH, jst("2026-06-13T19:00")))
                .isEqualTo(jst("2026-06-16T09:00"));
        assertThat(calendar.isOpen(jst("2026-08-14T10:00"))).isFalse();

        DeskSettingsStore restarted = new DeskSettingsStore(defaults, repository, auditLog, clock);
        assertThat(restarted.settings()).isEqualTo(store.settings());
        assertThat(restarted.rules().weekdays()).hasSize(6);
        assertThat(restarted.rules().resolutionHours(TicketPriority.HIGH)).isEqualTo(24);
        assertThat(restarted.rules().resolutionHours(TicketPriority.LOW)).isEqualTo(80);
    }

    @Test
    void aClearedPhoneStaysClearedInsteadOfFallingBackToTheDefault() {
        store.save(world.admin().actor(), changed("050-0000-0000"));
        store.save(world.admin().actor(), changed(""));
        store.reload();
        assertThat(contact.hasPhone()).isFalse();
        assertThat(contact.email()).isEqualTo("desk@example.jp");
    }

    @Test
    void aSaveIsAuditedWithTheNamesOfTheSettingsThatChanged() {
        var admin = world.admin();
        store.save(admin.actor(), changed("03-5555-0100"));
        var events = audit.find(admin.actor(), new AuditRepository.Filter(AuditAction.DESK_SETTINGS_SAVED.name(),
                admin.user().login(), null, null, null));
        assertThat(events).hasSize(1);
        assertThat(events.getFirst().outcome()).isEqualTo(AuditEvent.Outcome.SUCCESS);
        assertThat(events.getFirst().detail()).contains("phone", "opening", "weekdays", "firstResponse.HIGH")
                .doesNotContain("firstResponse.LOW");
    }

    @Test
    void analystsCannotSaveAndNothingIsStored() {
        assertThatThrownBy(() -> store.save(world.staff(Role.ANALYST, true).actor(), changed("050-0000-0000")))
                .isInstanceOf(AccessDeniedException.class);
        assertThat(repository.findAll()).isEmpty();
    }

    @Test
    void refusedSettingsNameTheFieldAndStoreNothing() {
        var admin = world.admin().actor();
        DeskSettings backwards = new DeskSettings("", "", "", "17:00", "09:00", null, null, null, null);
        assertThatThrownBy(() -> store.save(admin, backwards)).isInstanceOf(InvalidInput.class)
                .extracting(e -> ((InvalidInput) e).field()).isEqualTo("closing");
        DeskSettings tooLong = new DeskSettings("", "", "", null, null, null, null,
                Map.of(TicketPriority.LOW, 501), null);
        assertThatThrownBy(() -> store.save(admin, tooLong)).isInstanceOf(InvalidInput.class)
                .extracting(e -> ((InvalidInput) e).field()).isEqualTo("firstResponseLow");
        DeskSettings notADate = new DeskSettings("", "", "", null, null, null, "12-32", null, null);
        assertThatThrownBy(() -> store.save(admin, notADate)).isInstanceOf(InvalidInput.class)
                .extracting(e -> ((InvalidInput) e).field()).isEqualTo("closedDays");
        assertThat(repository.findAll()).isEmpty();
    }

    @Test
    void textsAsLongAsTheFormAllowsAreStoredWhole() {
        String hours = "平日".repeat(100);
        String closed = "2026-08-14\n".repeat(60).strip();
        store.save(world.admin().actor(), new DeskSettings("+81 50 0000 0000", "a".repeat(240) + "@example.jp",
                hours, null, null, null, closed, null, null));
        store.reload();
        assertThat(contact.hoursText()).isEqualTo(hours);
        assertThat(store.settings().closedDays()).isEqualTo(closed);
        assertThat(contact.telLink()).isEqualTo("tel:+815000000000");
    }
}
