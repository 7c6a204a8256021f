package jp.sukedachi.app.web;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import jp.sukedachi.app.desk.DeskContact;
import jp.sukedachi.app.device.Device;
import jp.sukedachi.app.device.DeviceDirectory;
import jp.sukedachi.app.device.SentAgo;
import jp.sukedachi.app.shared.Actor;
import jp.sukedachi.app.shared.Formats;
import jp.sukedachi.app.triage.CompanyAttention;
import org.springframework.stereotype.Component;

/**
 * The SME home's 「いまの状況」, true for the company at this moment: each device watched and when it last sent, a
 * plain warning for one silent too long (by the silent-device watch's own rule), how many alerts need the company's
 * action and how many attacks their devices blocked today and this month. Everything is read through the actor, so
 * a company only ever sees its own.
 */
@Component
class SmeStatus {
    private final DeviceDirectory devices;
    private final CompanyAttention attention;
    private final DeskContact desk;
    private final Clock clock;

    SmeStatus(DeviceDirectory devices, CompanyAttention attention, DeskContact desk, Clock clock) {
        this.devices = devices;
        this.attention = attention;
        this.desk = desk;
        this.clock = clock;
    }

    /** One device as the owner reads it; {@code lastSent} null when it never sent, {@code silent} by the watch's rule. */
    record DeviceLine(Device device, SentAgo lastSent, boolean silent, SentAgo silentSince) {
    }

    /**
     * The section's content; {@code waitingCount} are devices registered but not yet sending and not yet late (so
     * neither "sending" nor "silent"); {@code deskPhone} null when the provider gives none.
     */
    record View(List<DeviceLine> devices, long silentCount, long waitingCount, long openActions, long blockedToday,
            long blockedMonth, String deskPhone) {
    }

    View of(Actor actor) {
        Instant now = clock.instant();
        List<DeviceLine> lines = devices.devicesOf(actor, actor.tenantId()).stream()
                .map(d -> {
                    boolean silent = d.silentAt(now);
                    return new DeviceLine(d, d.lastSeenAt() == null ? null : SentAgo.of(d.lastSeenAt(), now), silent,
                            silent ? SentAgo.of(d.silentSince(), now) : null);
                })
                // What needs looking at first: the silent ones on top, each group by name as the registry keeps it.
                .sorted(Comparator.comparing(DeviceLine::silent).reversed())
                .toList();
        LocalDate today = LocalDate.ofInstant(now, Formats.TOKYO);
        var blocked = attention.blocked(actor, actor.tenantId(), today.atStartOfDay(Formats.TOKYO).toInstant(),
                today.withDayOfMonth(1).atStartOfDay(Formats.TOKYO).toInstant());
        return new View(lines, lines.stream().filter(DeviceLine::silent).count(),
                lines.stream().filter(l -> !l.silent() && l.lastSent() == null && !l.device().disabled()).count(),
                attention.openActions(actor, actor.tenantId()), blocked.today(), blocked.month(),
                desk.hasPhone() ? desk.phone() : null);
    }
}
