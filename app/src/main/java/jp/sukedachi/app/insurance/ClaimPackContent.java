package jp.sukedachi.app.insurance;

import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

/**
 * Everything an insurer is shown of a claim, and nothing more: the pack's PDF summary and ZIP are made from this
 * alone, so what the insurer can read is decided in one place (the claims service, when it builds it).
 *
 * @param companyName the company's name as registered (Japanese)
 * @param facts       the incident's 5W1H: who found it, when, what, where, how, damage (null = not known yet)
 * @param timeline    the incident's timeline entries the company may see, oldest first
 */
public record ClaimPackContent(long claimNumber, String companyName, String policyNumber, String insurerName,
        ClaimStatus status, Instant submittedAt, long incidentNumber, String incidentTitle, String incidentType,
        Instant incidentOpenedAt, Instant incidentClosedAt, Facts facts, List<TimelineEntry> timeline,
        List<LineAmount> lines, List<CostItem> costItems, List<PackFile> files, long totalClaimedYen,
        long totalPayableYen, long totalSelfBurdenYen) {

    public record Facts(String foundBy, Instant foundAt, String what, String where, String how, String damage) {
    }

    public record TimelineEntry(Instant at, String who, String text) {
    }

    /** Per coverage line: what was claimed, what the policy pays, what the company pays itself. */
    public record LineAmount(CoverageLine line, String lineName, long claimedYen, long payableYen,
            long selfBurdenYen) {
    }

    /** One cost: a visit (hours × rate, travel), desk time, or an invoice. */
    public record CostItem(CoverageLine line, String lineName, String description, long yen, String source) {
    }

    /** An evidence file of the pack (an invoice, a visit report, an incident evidence file) with its SHA-256. */
    public record PackFile(String name, String contentType, long size, String sha256, Supplier<byte[]> content) {
    }
}
