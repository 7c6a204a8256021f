package jp.sukedachi.app.report.letter;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import jp.sukedachi.app.audit.AuditAction;
import jp.sukedachi.app.audit.AuditEvent.Outcome;
import jp.sukedachi.app.audit.AuditLog;
import jp.sukedachi.app.device.Device;
import jp.sukedachi.app.shared.Actor;
import jp.sukedachi.app.shared.Formats;
import jp.sukedachi.app.shared.InvalidInput;
import jp.sukedachi.app.shared.NotFoundException;
import jp.sukedachi.app.shared.Role;
import jp.sukedachi.app.shared.Tokens;
import jp.sukedachi.app.tenant.Tenant;
import jp.sukedachi.app.tenant.TenantRepository;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Making, listing, revoking and verifying proof-of-check letters. Only the company's owner makes or revokes one
 * (it speaks for the company to a partner); provider staff list a company's letters read-only; members have none.
 * The verification token (256 random bits, base64url) leaves the server once, inside the new letter, and is kept
 * only as its SHA-256.
 */
@Service
class Letters {
    /** The periods an owner may choose: the last 3, 6 or 12 whole months. */
    static final List<Integer> MONTHS = List.of(3, 6, 12);
    /** What {@link Tokens#random()} makes: 43 base64url characters. Anything else is not looked up. */
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{43}");

    private final ProofLetterRepository letters;
    private final LetterFactsReader facts;
    private final TenantRepository tenants;
    private final AuditLog audit;
    private final Clock clock;

    Letters(ProofLetterRepository letters, LetterFactsReader facts, TenantRepository tenants, AuditLog audit,
            Clock clock) {
        this.letters = letters;
        this.facts = facts;
        this.tenants = tenants;
        this.audit = audit;
        this.clock = clock;
    }

    /** A new letter and its token, which is shown once and then exists only in the letter. */
    record Created(ProofLetter letter, String token) {
    }

    /** The owner's own company; anyone else is refused (members, staff: staff use the company's page). */
    Tenant ownCompany(Actor actor) {
        if (actor.role() != Role.TENANT_OWNER) {
            throw new AccessDeniedException("proof-of-check letters are made and revoked by the company's owner");
        }
        return tenants.find(actor, actor.tenantId()).orElseThrow(() -> new NotFoundException("tenant"));
    }

    /** A company as provider staff see its letters (read-only). */
    Tenant companyForStaff(Actor actor, UUID tenantId) {
        if (actor.role() != Role.PROVIDER_ADMIN && actor.role() != Role.ANALYST) {
            throw new AccessDeniedException("a company's letters are listed for provider staff");
        }
        return tenants.find(actor, tenantId).orElseThrow(() -> new NotFoundException("tenant"));
    }

    /** The periods the owner can choose now; none before the company's first device. */
    List<LetterPeriod> periods(Actor actor, Tenant tenant) {
        List<Device> devices = facts.devicesOf(actor, tenant.id());
        List<LetterPeriod> periods = new ArrayList<>();
        for (int m : MONTHS) {
            period(devices, m, clock.instant()).ifPresent(periods::add);
        }
        return periods;
    }

    /**
     * The last {@code months} whole months (Japan time) before {@code now}, starting no earlier than the day the
     * first device was registered; empty when no device was registered before the current month.
     */
    static Optional<LetterPeriod> period(List<Device> devices, int months, Instant now) {
        YearMonth current = YearMonth.from(now.atZone(Formats.TOKYO));
        LocalDate from = current.minusMonths(months).atDay(1);
        LocalDate to = current.atDay(1).minusDays(1);
        Optional<LocalDate> first = devices.stream().map(Device::createdAt).min(Instant::compareTo)
                .map(at -> at.atZone(Formats.TOKYO).toLocalDate());
        if (first.isEmpty() || first.get().isAfter(to)) {
            return Optional.empty();
        }
        boolean shortened = first.get().isAfter(from);
        return Optional.of(new LetterPeriod(months, shortened ? first.get() : from, to, shortened));
    }

    @Transactional
    Created create(Actor actor, String monthsText) {
        Tenant tenant = ownCompany(actor);
        int months = months(monthsText);
        LetterPeriod period = period(facts.devicesOf(actor, tenant.id()), months, clock.instant())
                .orElseThrow(() -> new InvalidInput("months", "letter.months.noDevice", null,
                        "the company had no device registered before this month: a letter needs a watched month"));
        Instant now = clock.instant();
        String token = Tokens.random();
        ProofLetter letter = new ProofLetter(UUID.randomUUID(), tenant.id(), months,
                facts.read(actor, tenant, period, now), now, actor.login(), null, null, 0, null);
        letters.insert(letter, Tokens.sha256(token));
        audit.record(actor, tenant.id(), AuditAction.LETTER_CREATED, letter.id().toString(), Outcome.SUCCESS,
                period.from() + ".." + period.to());
        return new Created(letter, token);
    }

    private static int months(String text) {
        String t = text == null ? "" : text.strip();
        for (int m : MONTHS) {
            if (t.equals(Integer.toString(m))) {
                return m;
            }
        }
        throw new InvalidInput("months", "letter.months.invalid", null,
                "months must be 3, 6 or 12 (the last whole months), got " + (t.length() > 10 ? t.substring(0, 10) : t));
    }

    /** The owner's letters, newest first. */
    List<ProofLetter> own(Actor actor) {
        return letters.ofCompany(actor, ownCompany(actor).id());
    }

    List<ProofLetter> ofCompany(Actor actor, Tenant tenant) {
        return letters.ofCompany(actor, tenant.id());
    }

    /** One of the owner's letters; another company's is not found. */
    ProofLetter ownLetter(Actor actor, UUID id) {
        ownCompany(actor);
        return letters.find(actor, id).orElseThrow(() -> new NotFoundException("letter"));
    }

    /**
     * Revokes the letter: its verification page shows nothing of the company from now on. False when it was
     * revoked already (nothing changes then). Another company's letter is not found, even unconfirmed.
     */
    @Transactional
    boolean revoke(Actor actor, UUID id, boolean confirmed) {
        ProofLetter letter = ownLetter(actor, id);
        if (!confirmed) {
            throw new InvalidInput("confirm", "letter.revoke.unconfirmed", null,
                    "tick the box to confirm: the partner's link stops working");
        }
        if (!letters.revoke(actor, letter.id(), actor.login(), clock.instant())) {
            return false;
        }
        audit.record(actor, letter.tenantId(), AuditAction.LETTER_REVOKED, letter.id().toString(), Outcome.SUCCESS,
                "views " + letter.views());
        return true;
    }

    /**
     * The owner's letter for its PDF: only with the token it was made with (the server keeps no copy of it, so
     * the letter can only be printed where the token is known: right after it was made).
     */
    @Transactional
    ProofLetter forDownload(Actor actor, UUID id, String token) {
        ProofLetter letter = ownLetter(actor, id);
        if (token == null || !TOKEN.matcher(token).matches()
                || !letters.tokenMatches(actor, letter.id(), Tokens.sha256(token))) {
            throw new InvalidInput("token", "letter.token.invalid", null,
                    "the verification link does not belong to this letter");
        }
        if (letter.revoked()) {
            throw new InvalidInput("id", "letter.revoked", null, "the letter was revoked; make a new one");
        }
        audit.record(actor, letter.tenantId(), AuditAction.LETTER_DOWNLOADED, letter.id().toString(), Outcome.SUCCESS,
                null);
        return letter;
    }

    /**
     * The letter behind a verification link while it is valid, its opening counted. The first opening of each
     * Japan day is audited with the count so far (not each one: a partner's reloads would flood the log).
     */
    @Transactional
    Optional<ProofLetter> verify(String token) {
        if (token == null || !TOKEN.matcher(token).matches()) {
            return Optional.empty();
        }
        Optional<ProofLetter> found = letters.findByTokenHash(Tokens.sha256(token)).filter(l -> !l.revoked());
        found.ifPresent(l -> {
            Instant now = clock.instant();
            Instant before = letters.countView(l.id(), now);
            if (before == null || !day(before).equals(day(now))) {
                // No actor: a partner opened it without logging in.
                audit.record(null, l.tenantId(), AuditAction.LETTER_VIEWED, l.id().toString(), Outcome.SUCCESS,
                        "views " + (l.views() + 1));
            }
        });
        return found;
    }

    private static LocalDate day(Instant at) {
        return at.atZone(Formats.TOKYO).toLocalDate();
    }
}
