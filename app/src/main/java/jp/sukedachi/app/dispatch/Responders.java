package jp.sukedachi.app.dispatch;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;
import jp.sukedachi.app.audit.AuditAction;
import jp.sukedachi.app.audit.AuditEvent.Outcome;
import jp.sukedachi.app.audit.AuditLog;
import jp.sukedachi.app.shared.Actor;
import jp.sukedachi.app.shared.InvalidInput;
import jp.sukedachi.app.shared.NotFoundException;
import jp.sukedachi.app.shared.Role;
import jp.sukedachi.app.tenant.Prefecture;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Responders' profiles: provider staff edit every responder's prefectures, availability and phone; a responder edits
 * their own availability (with a note and until when).
 */
@Service
public class Responders {
    static final int MAX_NOTE = 200;

    private final ResponderRepository repository;
    private final AuditLog audit;
    private final Clock clock;

    Responders(ResponderRepository repository, AuditLog audit, Clock clock) {
        this.repository = repository;
        this.audit = audit;
        this.clock = clock;
    }

    List<ResponderProfile> all(Actor actor) {
        Visits.requireStaff(actor);
        return repository.all();
    }

    /** The actor's own profile (a responder), or any responder's for staff. */
    ResponderProfile find(Actor actor, UUID userId) {
        if (!Visits.isStaff(actor) && !(actor.role() == Role.RESPONDER && actor.userId().equals(userId))) {
            throw new AccessDeniedException("provider staff or the responder themselves");
        }
        return repository.find(userId).orElseThrow(() -> new NotFoundException("responder"));
    }

    /** Staff: the whole profile. */
    @Transactional
    public ResponderProfile save(Actor actor, UUID userId, List<String> prefectures, String availability, String note,
            Instant until, String phone) {
        Visits.requireStaff(actor);
        ResponderProfile old = repository.find(userId).orElseThrow(() -> new NotFoundException("responder"));
        List<String> codes = new ArrayList<>(new LinkedHashSet<>(prefectures == null ? List.of() : prefectures.stream()
                .filter(p -> p != null && !p.isBlank()).map(Responders::prefecture).toList()));
        String phoneText = InvalidInput.requireLength("phone", "responder.phone", Visits.blankToNull(phone),
                Visits.MAX_PHONE);
        return store(actor, new ResponderProfile(old.userId(), old.name(), old.login(), codes,
                Availability.parse(availability), note(note), until, phoneText));
    }

    /** A responder (or staff for them): only the availability, its note and until when. */
    @Transactional
    ResponderProfile saveAvailability(Actor actor, UUID userId, String availability, String note, Instant until) {
        ResponderProfile old = find(actor, userId);
        return store(actor, new ResponderProfile(old.userId(), old.name(), old.login(), old.prefectures(),
                Availability.parse(availability), note(note), until, old.phone()));
    }

    private ResponderProfile store(Actor actor, ResponderProfile profile) {
        Instant now = clock.instant();
        repository.save(profile, now);
        audit.record(actor, null, AuditAction.RESPONDER_PROFILE_SAVED, "responder " + profile.login(), Outcome.SUCCESS,
                profile.availability() + " " + String.join(",", profile.prefectures()));
        return repository.find(profile.userId()).orElseThrow();
    }

    private static String note(String note) {
        return InvalidInput.requireLength("availabilityNote", "responder.availabilityNote", Visits.blankToNull(note),
                MAX_NOTE);
    }

    private static String prefecture(String code) {
        try {
            return Prefecture.parse(code);
        } catch (IllegalArgumentException e) {
            throw new InvalidInput("prefectures", "responder.error.prefecture", null, e.getMessage());
        }
    }
}
