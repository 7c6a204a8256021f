package jp.sukedachi.app.insurance;

import java.util.List;
import java.util.Locale;
import java.util.UUID;
import jp.sukedachi.app.audit.AuditAction;
import jp.sukedachi.app.audit.AuditEvent.Outcome;
import jp.sukedachi.app.audit.AuditLog;
import jp.sukedachi.app.incident.Incident;
import jp.sukedachi.app.incident.IncidentRecords.Entry;
import jp.sukedachi.app.incident.Incidents;
import jp.sukedachi.app.shared.Actor;
import jp.sukedachi.app.shared.NotFoundException;
import jp.sukedachi.app.shared.Role;
import org.springframework.context.MessageSource;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;

/**
 * The one place that decides what an insurer may read of a claim: {@link #content} builds the
 * {@link ClaimPackContent} (company name, policy, the incident's summary with its 5W1H and the timeline the
 * company itself may see, lines, cost items and the invoices), and the insurer's review page, the pack's PDF and
 * its ZIP are made from it alone. The incident is read as the company reads it, so nothing internal to the
 * provider (internal notes, staff-only evidence, findings) can reach the pack.
 */
@Component
class ClaimPacks {
    private static final Locale JA = Locale.JAPANESE;
    private static final UUID NOBODY = new UUID(0, 0);

    private final Claims claims;
    private final ClaimRepository repository;
    private final Incidents incidents;
    private final ClaimTexts texts;
    private final MessageSource messages;
    private final EvidencePack pack;
    private final AuditLog audit;

    ClaimPacks(Claims claims, ClaimRepository repository, Incidents incidents, ClaimTexts texts,
            MessageSource messages, EvidencePack pack, AuditLog audit) {
        this.claims = claims;
        this.repository = repository;
        this.incidents = incidents;
        this.texts = texts;
        this.messages = messages;
        this.pack = pack;
        this.audit = audit;
    }

    /** The pack of a claim the actor may see: provider staff, or the claim's insurer (never a draft: 404). */
    ClaimPackContent content(Actor actor, UUID claimId) {
        Claim c = claims.get(actor, claimId);
        if (!Claims.isStaff(actor) && actor.role() != Role.INSURER) {
            throw new AccessDeniedException("provider staff and the claim's insurer");
        }
        // The company's own view of its incident: what the company may read is what the insurer may read.
        Actor company = new Actor(NOBODY, "claim-pack", Role.TENANT_MEMBER, c.tenantId());
        Incident i = incidents.get(company, c.incidentId());
        List<ClaimPackContent.TimelineEntry> timeline = incidents.timeline(company, i.id()).stream()
                .filter(Entry::visible).map(e -> new ClaimPackContent.TimelineEntry(e.at(), e.actorName(), text(e)))
                .toList();
        Incident.FiveW1H f = i.facts() == null ? Incident.FiveW1H.EMPTY : i.facts();
        List<ClaimPackContent.LineAmount> lines = c.lines().stream().map(l -> new ClaimPackContent.LineAmount(
                l.line(), texts.line(l.line(), JA), l.claimedYen(), l.payableYen(), l.selfBurdenYen())).toList();
        List<ClaimPackContent.CostItem> items = c.items().stream().map(it -> new ClaimPackContent.CostItem(it.line(),
                texts.line(it.line(), JA), texts.item(it, JA), it.yen(), texts.source(it, JA))).toList();
        List<ClaimPackContent.PackFile> files = c.files().stream().map(file -> new ClaimPackContent.PackFile(
                file.fileName(), file.contentType(), file.size(), file.sha256(),
                () -> repository.fileContent(c.id(), file.id()).orElseThrow(() -> new NotFoundException("file"))))
                .toList();
        return new ClaimPackContent(c.number(), c.companyName(), c.policyNumber(), c.insurerName(), c.status(),
                c.submittedAt(), i.number(), i.title(), label("incident.type." + i.type().name(), i.type().name()),
                i.openedAt(), i.closedAt(), new ClaimPackContent.Facts(f.foundBy(), f.foundAt(), f.what(), f.where(),
                        f.how(), f.damage()), timeline, lines, items, files, c.claimedYen(), c.payableYen(),
                c.selfBurdenYen());
    }

    byte[] pdf(Actor actor, UUID claimId) {
        ClaimPackContent content = content(actor, claimId);
        byte[] pdf = pack.summaryPdf(content);
        downloaded(actor, claimId, "pdf");
        return pdf;
    }

    byte[] zip(Actor actor, UUID claimId) {
        ClaimPackContent content = content(actor, claimId);
        var out = new java.io.ByteArrayOutputStream();
        pack.writeZip(content, out);
        downloaded(actor, claimId, "zip");
        return out.toByteArray();
    }

    private void downloaded(Actor actor, UUID claimId, String what) {
        Claim c = claims.get(actor, claimId);
        audit.record(actor, c.tenantId(), AuditAction.CLAIM_PACK_DOWNLOADED, "claim " + claimId, Outcome.SUCCESS,
                what);
    }

    /** A timeline entry in Japanese, as the company's incident page words it. */
    private String text(Entry e) {
        String detail = e.detail();
        String[] parts = detail == null ? new String[0] : detail.split(" ");
        Object[] args = switch (e.kind()) {
            case "status" -> new Object[] {label("incident.status." + detail, detail)};
            case "classified" -> new Object[] {parts.length > 0 ? label("incident.type." + parts[0], parts[0]) : "",
                    parts.length > 1 ? label("incident.severity." + parts[1], parts[1]) : ""};
            default -> new Object[] {detail == null ? "" : detail};
        };
        return messages.getMessage("incident.timeline." + e.kind(), args, detail == null ? e.kind() : detail, JA);
    }

    private String label(String key, String fallback) {
        return messages.getMessage(key, null, fallback, JA);
    }
}
