package jp.sukedachi.app.selfcheck.assets;

import java.text.Normalizer;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import jp.sukedachi.app.audit.AuditAction;
import jp.sukedachi.app.audit.AuditEvent.Outcome;
import jp.sukedachi.app.audit.AuditLog;
import jp.sukedachi.app.selfcheck.policy.SelfHelp;
import jp.sukedachi.app.shared.Actor;
import jp.sukedachi.app.shared.NotFoundException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Adding, changing, removing and importing ledger rows. Input is checked the same way from the form and
 * from CSV; values may be written in Japanese or English, with full-width digits, as Excel users do.
 */
@Service
public class AssetService {
    /** A small company's ledger fits easily; the cap keeps a runaway import from filling the database. */
    public static final int MAX_ASSETS = 1000;
    private static final DateTimeFormatter SLASHED = DateTimeFormatter.ofPattern("uuuu/M/d");
    private final AssetRepository assets;
    private final AuditLog audit;
    private final Clock clock;

    public AssetService(AssetRepository assets, AuditLog audit, Clock clock) {
        this.assets = assets;
        this.audit = audit;
        this.clock = clock;
    }

    /** A field that was wrong and the message key saying why. */
    public record Problem(AssetField field, String key) {
    }

    /** The checked asset (null when there were problems) and the problems. */
    public record Checked(Asset asset, List<Problem> problems) {
        public boolean ok() {
            return problems.isEmpty();
        }
    }

    /** One CSV line that was skipped: its number (the header is line 1) and what was wrong. */
    public record LineError(long line, List<Problem> problems, String messageKey) {
    }

    public record ImportResult(int imported, List<LineError> errors) {
    }

    @Transactional
    public Checked add(Actor actor, AssetDraft draft) {
        UUID company = SelfHelp.requireOwner(actor);
        if (assets.count(actor, company) >= MAX_ASSETS) {
            return new Checked(null, List.of(new Problem(AssetField.NAME, "asset.error.tooMany")));
        }
        Checked checked = check(draft, company, UUID.randomUUID(), null);
        if (checked.ok()) {
            assets.insert(actor, checked.asset());
        }
        return checked;
    }

    @Transactional
    public Checked update(Actor actor, UUID id, AssetDraft draft) {
        SelfHelp.requireOwner(actor);
        Asset before = assets.find(actor, id).orElseThrow(() -> new NotFoundException("asset"));
        Checked checked = check(draft, before.tenantId(), id, before.createdAt());
        if (checked.ok() && !assets.update(actor, checked.asset())) {
            throw new NotFoundException("asset");
        }
        return checked;
    }

    @Transactional
    public void delete(Actor actor, UUID id) {
        SelfHelp.requireOwner(actor);
        if (!assets.delete(actor, id)) {
            throw new NotFoundException("asset");
        }
    }

    /** Imports the good lines and reports the others; nothing is replaced, every line becomes a new asset. */
    @Transactional
    public ImportResult importLines(Actor actor, AssetCsv.Parsed parsed) {
        UUID company = SelfHelp.requireOwner(actor);
        List<LineError> errors = new ArrayList<>(parsed.errors());
        int room = MAX_ASSETS - assets.count(actor, company);
        int imported = 0;
        for (AssetCsv.Line line : parsed.lines()) {
            Checked checked = check(line.draft(), company, UUID.randomUUID(), null);
            if (!checked.ok()) {
                errors.add(new LineError(line.number(), checked.problems(), null));
            } else if (imported >= room) {
                errors.add(new LineError(line.number(), List.of(), "asset.error.tooMany"));
            } else {
                assets.insert(actor, checked.asset());
                imported++;
            }
        }
        errors.sort(Comparator.comparingLong(LineError::line));
        audit.record(actor, company, AuditAction.ASSETS_IMPORTED, imported + " assets", Outcome.SUCCESS,
                errors.size() + " lines skipped");
        return new ImportResult(imported, errors);
    }

    Checked check(AssetDraft d, UUID tenantId, UUID id, Instant createdAt) {
        List<Problem> problems = new ArrayList<>();
        String name = text(d, AssetField.NAME, 200, problems);
        String owner = text(d, AssetField.OWNER, 100, problems);
        String place = text(d, AssetField.PLACE, 200, problems);
        String measure = text(d, AssetField.MEASURE, 1000, problems);
        AssetForm form = form(normal(d.get(AssetField.FORM)));
        if (form == null) {
            problems.add(new Problem(AssetField.FORM, "asset.error.form"));
        }
        Boolean personal = yesNo(normal(d.get(AssetField.PERSONAL)));
        if (personal == null) {
            problems.add(new Problem(AssetField.PERSONAL, "asset.error.yesNo"));
        }
        int c = rating(d, AssetField.CONFIDENTIALITY, problems);
        int i = rating(d, AssetField.INTEGRITY, problems);
        int a = rating(d, AssetField.AVAILABILITY, problems);
        int threat = rating(d, AssetField.THREAT, problems);
        int vuln = rating(d, AssetField.VULNERABILITY, problems);
        Decision decision = decision(normal(d.get(AssetField.DECISION)));
        if (decision == null) {
            problems.add(new Problem(AssetField.DECISION, "asset.error.decision"));
        }
        LocalDate review = null;
        String reviewText = normal(d.get(AssetField.NEXT_REVIEW));
        if (!reviewText.isEmpty()) {
            try {
                review = reviewText.contains("/") ? LocalDate.parse(reviewText, SLASHED) : LocalDate.parse(reviewText);
            } catch (DateTimeParseException e) {
                problems.add(new Problem(AssetField.NEXT_REVIEW, "asset.error.date"));
            }
        }
        if (!problems.isEmpty()) {
            return new Checked(null, problems);
        }
        var now = clock.instant();
        Asset asset = new Asset(id, tenantId, name, owner, place, form, personal, c, i, a, threat, vuln, decision,
                measure.isEmpty() ? null : measure, review, createdAt == null ? now : createdAt, now);
        // A high risk needs its measure written down, whatever was decided.
        if (asset.risk() >= RiskRating.HIGH && measure.isEmpty()) {
            return new Checked(null, List.of(new Problem(AssetField.MEASURE, "asset.error.measureNeeded")));
        }
        return new Checked(asset, List.of());
    }

    private static String normal(String s) {
        return Normalizer.normalize(s == null ? "" : s, Normalizer.Form.NFKC).strip().toLowerCase(Locale.ROOT);
    }

    private static String text(AssetDraft d, AssetField field, int max, List<Problem> problems) {
        String v = d.get(field).replace("\r\n", "\n").strip();
        if (field.required() && v.isEmpty()) {
            problems.add(new Problem(field, "asset.error.required"));
        } else if (v.length() > max) {
            problems.add(new Problem(field, "asset.error.tooLong"));
        }
        return v;
    }

    private static int rating(AssetDraft d, AssetField field, List<Problem> problems) {
        String v = normal(d.get(field));
        if (v.equals("1") || v.equals("2") || v.equals("3")) {
            return Integer.parseInt(v);
        }
        problems.add(new Problem(field, "asset.error.rating"));
        return 1;
    }

    private static final Map<String, AssetForm> FORMS = Map.ofEntries(
            Map.entry("paper", AssetForm.PAPER), Map.entry("紙", AssetForm.PAPER), Map.entry("書類", AssetForm.PAPER),
            Map.entry("electronic", AssetForm.ELECTRONIC), Map.entry("電子", AssetForm.ELECTRONIC),
            Map.entry("電子データ", AssetForm.ELECTRONIC), Map.entry("データ", AssetForm.ELECTRONIC),
            Map.entry("both", AssetForm.BOTH), Map.entry("両方", AssetForm.BOTH), Map.entry("紙と電子", AssetForm.BOTH),
            Map.entry("paper and electronic", AssetForm.BOTH));

    static AssetForm form(String v) {
        return FORMS.get(v);
    }

    static Boolean yesNo(String v) {
        return switch (v) {
            case "yes", "y", "true", "1", "はい", "あり", "有", "○", "◯", "✓" -> true;
            case "no", "n", "false", "0", "いいえ", "なし", "無", "×", "-", "" -> false;
            default -> null;
        };
    }

    private static final Map<String, Decision> DECISIONS = Map.ofEntries(
            Map.entry("reduce", Decision.REDUCE), Map.entry("低減", Decision.REDUCE), Map.entry("減らす", Decision.REDUCE),
            Map.entry("accept", Decision.ACCEPT), Map.entry("受容", Decision.ACCEPT), Map.entry("保有", Decision.ACCEPT),
            Map.entry("受け入れる", Decision.ACCEPT),
            Map.entry("transfer", Decision.TRANSFER), Map.entry("移転", Decision.TRANSFER), Map.entry("移す", Decision.TRANSFER),
            Map.entry("avoid", Decision.AVOID), Map.entry("回避", Decision.AVOID), Map.entry("避ける", Decision.AVOID));

    static Decision decision(String v) {
        return DECISIONS.get(v);
    }
}
