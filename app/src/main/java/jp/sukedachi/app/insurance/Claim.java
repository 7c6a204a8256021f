package jp.sukedachi.app.insurance;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * An insurance claim as its pages and the API show it: the case and policy it belongs to, where it stands, its cost
 * items, the lines (claimed, payable and self-burden yen per coverage line), the files and the history.
 *
 * @param number         the provider's running claim number, as people say it ("請求 #3")
 * @param policyYearStart the first day of the policy year the incident falls in
 * @param question       the insurer's open question while the claim waits for an answer
 * @param decisionReason why the insurer approved only part of it or rejected it
 * @param approvedYen    what the insurer approved in all (null until decided)
 */
public record Claim(UUID id, long number, UUID tenantId, String companyName, UUID incidentId, long incidentNumber,
        LocalDate incidentDay, UUID policyId, String policyNumber, UUID insurerId, String insurerName,
        LocalDate policyYearStart, ClaimStatus status, String question, String decisionReason, Long approvedYen,
        LocalDate paidOn, Instant createdAt, String createdBy, Instant submittedAt, Instant decidedAt,
        List<Item> items, List<Line> lines, List<File> files, List<Step> history) {

    /** One cost. {@code source}: VISIT_ONSITE, VISIT_TRAVEL, DESK, INVOICE or MANUAL. */
    public record Item(long id, CoverageLine line, String source, String description, Integer minutes, Long rateYen,
            long yen, LocalDate occurredOn, Long fileId, String createdBy) {
        /** Staff may take out what they typed or uploaded; visits and desk time come from the records. */
        public boolean removable() {
            return "MANUAL".equals(source) || "INVOICE".equals(source);
        }
    }

    /** One coverage line: claimed, payable and self-burden yen, and (once decided) what the insurer approved. */
    public record Line(CoverageLine line, long claimedYen, long payableYen, long selfBurdenYen, List<String> notes,
            Long approvedYen) {
    }

    /** An uploaded evidence file (an invoice) with its SHA-256. */
    public record File(long id, String fileName, String contentType, long size, String sha256, String uploadedBy,
            Instant uploadedAt) {
    }

    /** One step: {@code kind} names {@code claim.history.<kind>}; {@code text} is the question, answer or reason. */
    public record Step(Instant at, String kind, ClaimStatus status, String actorName, String text) {
    }

    public long claimedYen() {
        return lines.stream().mapToLong(Line::claimedYen).sum();
    }

    public long payableYen() {
        return lines.stream().mapToLong(Line::payableYen).sum();
    }

    public long selfBurdenYen() {
        return lines.stream().mapToLong(Line::selfBurdenYen).sum();
    }

    /** Staff may still change the items: before submitting, and while the insurer waits for an answer. */
    public boolean editable() {
        return status == ClaimStatus.DRAFT || status == ClaimStatus.INFO_REQUESTED;
    }

    public boolean decided() {
        return status == ClaimStatus.APPROVED || status == ClaimStatus.PARTIALLY_APPROVED
                || status == ClaimStatus.REJECTED || status == ClaimStatus.PAID;
    }
}
