package jp.sukedachi.app.insurance;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import jp.sukedachi.app.audit.AuditAction;
import jp.sukedachi.app.audit.AuditEvent.Outcome;
import jp.sukedachi.app.audit.AuditLog;
import jp.sukedachi.app.shared.Actor;
import jp.sukedachi.app.shared.DuplicateException;
import jp.sukedachi.app.shared.InvalidInput;
import jp.sukedachi.app.shared.NotFoundException;
import jp.sukedachi.app.shared.Role;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Insurers and who works for them: the provider admin creates an insurer and assigns each user with the INSURER
 * role to one; staff read the list; an insurer's user reads their own insurer only.
 */
@Service
public class InsurerService {
    static final int MAX_NAME = 200;
    static final int MAX_CONTACT = 100;
    static final int MAX_PHONE = 30;
    static final int MAX_EMAIL = 254;

    private final InsurerRepository insurers;
    private final AuditLog audit;
    private final Clock clock;

    InsurerService(InsurerRepository insurers, AuditLog audit, Clock clock) {
        this.insurers = insurers;
        this.audit = audit;
        this.clock = clock;
    }

    /** The insurers the actor may read (staff: all, up to the cap + 1; an insurer's user: their own). */
    public List<Insurer> visible(Actor actor) {
        if (PolicyRegistry.isStaff(actor)) {
            return insurers.all();
        }
        if (actor.role() == Role.INSURER) {
            return insurers.insurerOf(actor.userId()).flatMap(insurers::find).map(List::of).orElse(List.of());
        }
        throw new AccessDeniedException("provider staff or an insurer");
    }

    public Insurer find(Actor actor, UUID id) {
        return visible(actor).stream().filter(i -> i.id().equals(id)).findFirst()
                .or(() -> PolicyRegistry.isStaff(actor) ? insurers.find(id) : java.util.Optional.empty())
                .orElseThrow(() -> new NotFoundException("insurer"));
    }

    /** The insurer of a policy the caller has already read (its owner's page shows where claims go). */
    Insurer forPolicy(UUID insurerId) {
        return insurers.find(insurerId).orElseThrow(() -> new NotFoundException("insurer"));
    }

    @Transactional
    public Insurer create(Actor actor, InsurerDraft draft) {
        requireAdmin(actor);
        Insurer insurer = checked(UUID.randomUUID(), draft);
        insurers.insert(insurer, clock.instant());
        audit.record(actor, null, AuditAction.INSURER_CREATED, "insurer " + insurer.name(), Outcome.SUCCESS,
                insurer.contactName());
        return insurer;
    }

    @Transactional
    public Insurer update(Actor actor, UUID id, InsurerDraft draft) {
        requireAdmin(actor);
        insurers.find(id).orElseThrow(() -> new NotFoundException("insurer"));
        Insurer insurer = checked(id, draft);
        insurers.update(insurer, clock.instant());
        audit.record(actor, null, AuditAction.INSURER_UPDATED, "insurer " + insurer.name(), Outcome.SUCCESS,
                insurer.contactName());
        return insurer;
    }

    /** Users with the INSURER role and their insurer (admin). */
    public List<InsurerMember> members(Actor actor) {
        requireAdmin(actor);
        return insurers.members();
    }

    /** Assigns an INSURER user to an insurer, or (insurerId null) to none. */
    @Transactional
    public InsurerMember assign(Actor actor, UUID userId, UUID insurerId) {
        requireAdmin(actor);
        InsurerMember member = insurers.member(userId).orElseThrow(() -> new PolicyRuleBroken("userId",
                "insurer.error.notInsurer", "only a user with the insurer role can be assigned to an insurer"));
        Instant now = clock.instant();
        if (insurerId == null) {
            insurers.unassign(userId);
            audit.record(actor, null, AuditAction.INSURER_USER_UNASSIGNED, "user " + member.login(), Outcome.SUCCESS,
                    null);
        } else {
            Insurer insurer = insurers.find(insurerId).orElseThrow(() -> new NotFoundException("insurer"));
            insurers.assign(userId, insurer.id(), now);
            audit.record(actor, null, AuditAction.INSURER_USER_ASSIGNED, "user " + member.login(), Outcome.SUCCESS,
                    insurer.name());
        }
        return insurers.member(userId).orElseThrow();
    }

    /** Ends the user's assignment if it is to this insurer; another insurer's user is not found here. */
    @Transactional
    public InsurerMember unassign(Actor actor, UUID userId, UUID insurerId) {
        requireAdmin(actor);
        InsurerMember member = insurers.member(userId).filter(m -> insurerId.equals(m.insurerId()))
                .orElseThrow(() -> new NotFoundException("insurer user"));
        return assign(actor, member.userId(), null);
    }

    private Insurer checked(UUID id, InsurerDraft d) {
        String name = required("name", "insurer.name", d.name(), MAX_NAME);
        if (insurers.nameTaken(name, id)) {
            throw new DuplicateException("insurer.error.nameTaken");
        }
        String contact = required("contactName", "insurer.contactName", d.contactName(), MAX_CONTACT);
        String phone = optional("contactPhone", "insurer.contactPhone", d.contactPhone(), MAX_PHONE);
        String email = optional("contactEmail", "insurer.contactEmail", d.contactEmail(), MAX_EMAIL);
        if (phone == null && email == null) {
            throw new InvalidInput("contactPhone", "insurer.error.phoneOrEmail", null,
                    "give a phone number or a mail address for claims");
        }
        if (email != null && !email.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
            throw new InvalidInput("contactEmail", "insurer.error.email", null, "not a mail address: " + email);
        }
        return new Insurer(id, name, contact, phone, email);
    }

    private static String required(String field, String labelKey, String text, int max) {
        String value = optional(field, labelKey, text, max);
        if (value == null) {
            throw new InvalidInput(field, "insurer.error.required", null, field + " is required",
                    new org.springframework.context.support.DefaultMessageSourceResolvable(new String[] {labelKey},
                            field));
        }
        return value;
    }

    private static String optional(String field, String labelKey, String text, int max) {
        String value = text == null || text.isBlank() ? null : text.strip();
        return InvalidInput.requireLength(field, labelKey, value, max);
    }

    private static void requireAdmin(Actor actor) {
        if (!actor.isAdmin()) {
            throw new AccessDeniedException("provider admin only");
        }
    }
}
