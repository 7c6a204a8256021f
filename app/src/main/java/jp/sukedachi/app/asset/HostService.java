package jp.sukedachi.app.asset;

import java.time.Clock;
import java.util.List;
import java.util.UUID;
import jp.sukedachi.app.audit.AuditAction;
import jp.sukedachi.app.audit.AuditEvent.Outcome;
import jp.sukedachi.app.audit.AuditLog;
import jp.sukedachi.app.selfcheck.AssetLedger;
import jp.sukedachi.app.shared.Actor;
import jp.sukedachi.app.shared.InvalidInput;
import jp.sukedachi.app.shared.NotFoundException;
import jp.sukedachi.app.shared.Role;
import jp.sukedachi.app.tenant.Tenant;
import jp.sukedachi.app.tenant.TenantRepository;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What people do with the inventory: list a company's devices, mark one as the company's own or not, give it a
 * label and link it to the asset ledger. The company's owner and provider staff (admin, analyst) may change; a
 * member only looks. Every change is audited.
 */
@Service
class HostService {
    static final int LABEL_MAX = 60;
    private final HostRepository hosts;
    private final TenantRepository tenants;
    private final AssetLedger ledger;
    private final AuditLog audit;
    private final Clock clock;

    HostService(HostRepository hosts, TenantRepository tenants, AssetLedger ledger, AuditLog audit, Clock clock) {
        this.hosts = hosts;
        this.tenants = tenants;
        this.ledger = ledger;
        this.audit = audit;
        this.clock = clock;
    }

    static boolean isStaff(Actor actor) {
        return actor.role() == Role.PROVIDER_ADMIN || actor.role() == Role.ANALYST;
    }

    static boolean mayChange(Actor actor) {
        return isStaff(actor) || actor.role() == Role.TENANT_OWNER;
    }

    /** The company whose devices the actor looks at: staff name it, a company's user has their own. */
    Tenant company(Actor actor, UUID tenantId) {
        if (!isStaff(actor) && (actor.tenantId() == null || !actor.tenantId().equals(tenantId))) {
            throw new NotFoundException("tenant");
        }
        return tenants.find(actor, tenantId).orElseThrow(() -> new NotFoundException("tenant"));
    }

    List<Host> list(Actor actor, UUID tenantId) {
        return hosts.list(actor, tenantId);
    }

    List<AssetLedger.Entry> ledger(Actor actor, UUID tenantId) {
        return ledger.entries(actor, tenantId);
    }

    @Transactional
    Host mark(Actor actor, UUID tenantId, String key, String markingCode) {
        requireChange(actor);
        Marking marking = Marking.of(markingCode);
        if (marking == null) {
            throw new InvalidInput("marking", "host.error.marking", null, "marking must be ours, not_ours or undecided");
        }
        Host before = hosts.find(actor, tenantId, key).orElseThrow(() -> new NotFoundException("host"));
        hosts.mark(actor, tenantId, key, marking, clock.instant());
        audit.record(actor, tenantId, AuditAction.HOST_MARKED, key, Outcome.SUCCESS,
                before.marking().code() + " -> " + marking.code());
        return hosts.find(actor, tenantId, key).orElseThrow();
    }

    @Transactional
    Host describe(Actor actor, UUID tenantId, String key, String labelText, String ledgerText) {
        requireChange(actor);
        Host before = hosts.find(actor, tenantId, key).orElseThrow(() -> new NotFoundException("host"));
        String label = labelText == null ? null : labelText.strip().replaceAll("\\p{Cntrl}", "");
        if (label != null && label.isEmpty()) {
            label = null;
        }
        if (label != null && label.codePointCount(0, label.length()) > LABEL_MAX) {
            throw new InvalidInput("label", "host.error.label", LABEL_MAX,
                    "the label is at most " + LABEL_MAX + " characters", LABEL_MAX);
        }
        UUID ledgerId = null;
        if (ledgerText != null && !ledgerText.isBlank()) {
            try {
                ledgerId = UUID.fromString(ledgerText.strip());
            } catch (IllegalArgumentException e) {
                throw new InvalidInput("ledger", "host.error.ledger", null, "not an entry of the asset ledger");
            }
            // Only an entry of the same company, visible to the actor.
            ledger.find(actor, tenantId, ledgerId).orElseThrow(() -> new InvalidInput("ledger", "host.error.ledger",
                    null, "not an entry of the asset ledger"));
        }
        hosts.describe(actor, tenantId, key, label, ledgerId);
        if (!java.util.Objects.equals(before.label(), label)) {
            audit.record(actor, tenantId, AuditAction.HOST_LABELLED, key, Outcome.SUCCESS, label == null ? "" : label);
        }
        if (!java.util.Objects.equals(before.ledgerAssetId(), ledgerId)) {
            audit.record(actor, tenantId, AuditAction.HOST_LEDGER_LINKED, key, Outcome.SUCCESS,
                    ledgerId == null ? "" : ledgerId.toString());
        }
        return hosts.find(actor, tenantId, key).orElseThrow();
    }

    private static void requireChange(Actor actor) {
        if (!mayChange(actor)) {
            throw new AccessDeniedException("the company's owner or provider staff mark devices");
        }
    }
}
