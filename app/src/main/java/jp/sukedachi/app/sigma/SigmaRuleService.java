package jp.sukedachi.app.sigma;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import jp.sukedachi.app.audit.AuditAction;
import jp.sukedachi.app.audit.AuditEvent.Outcome;
import jp.sukedachi.app.audit.AuditLog;
import jp.sukedachi.app.config.ChangeVersions;
import jp.sukedachi.app.shared.Actor;
import jp.sukedachi.app.shared.InvalidInput;
import jp.sukedachi.app.shared.Role;
import jp.sukedachi.detect.sigma.SigmaParser;
import jp.sukedachi.detect.sigma.SigmaRule;
import jp.sukedachi.detect.sigma.SigmaRuleSet;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Rule management: provider admins switch rules and upload their own; analysts may look. Every change is audited. */
@Service
public class SigmaRuleService {
    /** An uploaded rule file may hold this many characters. */
    public static final int MAX_UPLOAD_CHARS = 256 * 1024;
    static final List<String> KINDS = List.of("RULE", "LEVEL", "STATUS", "FOLDER");
    /** The Sigma specification's levels and statuses: a switch on anything else would match no rule. */
    static final List<String> LEVELS = List.of("informational", "low", "medium", "high", "critical");
    static final List<String> STATUSES = List.of("stable", "test", "experimental", "deprecated", "unsupported");

    private final SigmaRules rules;
    private final SigmaRuleRepository repository;
    private final AuditLog audit;
    private final Clock clock;
    private final ChangeVersions changes;

    public SigmaRuleService(SigmaRules rules, SigmaRuleRepository repository, AuditLog audit, Clock clock,
            ChangeVersions changes) {
        this.changes = changes;
        this.rules = rules;
        this.repository = repository;
        this.audit = audit;
        this.clock = clock;
    }

    /** The outcome of an upload: the rule's id, or why it was refused. */
    public record UploadResult(String ruleId, List<UploadProblem> problems) {
        public boolean ok() {
            return problems.isEmpty();
        }

        /** The reasons in the parser's English, for scripts and the audit log. */
        public List<String> errors() {
            return problems.stream().map(UploadProblem::english).toList();
        }
    }

    public static void requireStaff(Actor actor) {
        if (actor.role() != Role.PROVIDER_ADMIN && actor.role() != Role.ANALYST) {
            throw new AccessDeniedException("Sigma rules are for the provider's staff");
        }
    }

    static void requireAdmin(Actor actor) {
        if (actor.role() != Role.PROVIDER_ADMIN) {
            throw new AccessDeniedException("only the provider's admins change Sigma rules");
        }
    }

    /** Switches rules on or off by id, level, status or folder. */
    @Transactional // the change and its version bump commit together
    public void toggle(Actor actor, String kind, String value, boolean enabled) {
        requireAdmin(actor);
        String k = kind == null ? "" : kind.trim().toUpperCase(Locale.ROOT);
        String v = value == null ? "" : value.trim();
        if (!KINDS.contains(k) || v.isEmpty() || v.length() > 300) {
            throw new IllegalArgumentException("choose rule, level, status or folder and a value of at most 300 characters");
        }
        if (!k.equals("RULE") && !k.equals("FOLDER")) {
            v = v.toLowerCase(Locale.ROOT);
        }
        requireKnown(k, v);
        repository.setToggle(k, v, enabled, actor.login(), clock.instant());
        audit.record(actor, null, AuditAction.SIGMA_RULES_CHANGED, k + "=" + v, Outcome.SUCCESS, enabled ? "on" : "off");
        changes.changed(ChangeVersions.SIGMA); // recompiles here and on every other instance
    }

    /** Levels and statuses from the specification, folders that hold rules: a stored switch always means something. */
    private void requireKnown(String kind, String value) {
        switch (kind) {
            case "LEVEL" -> {
                if (!LEVELS.contains(value)) {
                    throw new InvalidInput("value", "sigma.toggle.badLevel", null,
                            "unknown level " + value + "; one of " + LEVELS, value, String.join(", ", LEVELS));
                }
            }
            case "STATUS" -> {
                if (!STATUSES.contains(value)) {
                    throw new InvalidInput("value", "sigma.toggle.badStatus", null,
                            "unknown status " + value + "; one of " + STATUSES, value, String.join(", ", STATUSES));
                }
            }
            case "FOLDER" -> {
                if (!rules.isRuleFolder(value)) {
                    throw new InvalidInput("value", "sigma.toggle.badFolder", null,
                            "no rule folder " + value + " (a folder below the rules folder, or uploaded)", value);
                }
            }
            default -> {
            }
        }
    }

    /** Removes a switch (the rules go back to their default: on). */
    @Transactional // the change and its version bump commit together
    public void clearToggle(Actor actor, String kind, String value) {
        requireAdmin(actor);
        repository.clearToggle(kind, value);
        audit.record(actor, null, AuditAction.SIGMA_RULES_CHANGED, kind + "=" + value, Outcome.SUCCESS, "default");
        changes.changed(ChangeVersions.SIGMA); // recompiles here and on every other instance
    }

    /** Validates and stores one rule (one YAML document); an upload with an uploaded rule's id replaces it. */
    @Transactional // the change and its version bump commit together
    public UploadResult upload(Actor actor, String yaml) {
        requireAdmin(actor);
        List<UploadProblem> errors = new ArrayList<>();
        if (yaml == null || yaml.isBlank()) {
            return refused(UploadProblem.of("sigma.upload.error.empty", "the file is empty"));
        }
        if (yaml.length() > MAX_UPLOAD_CHARS) {
            return refused(UploadProblem.of("sigma.upload.error.tooLarge", "the file is larger than "
                    + MAX_UPLOAD_CHARS / 1024 + " KB", MAX_UPLOAD_CHARS / 1024));
        }
        List<SigmaParser.Parsed> parsed = new SigmaParser().parse(yaml, "upload.yml", SigmaRules.UPLOADED_FOLDER);
        for (SigmaParser.Parsed p : parsed) {
            if (p.error() != null) {
                errors.add(UploadProblem.of(p.error(), p.document(), parsed.size() > 1));
            }
        }
        if (errors.isEmpty() && parsed.size() != 1) {
            errors.add(UploadProblem.of("sigma.upload.error.several", "upload one rule per file (this one has "
                    + parsed.size() + ")", parsed.size()));
        }
        if (!errors.isEmpty()) {
            audit.record(actor, null, AuditAction.SIGMA_RULE_UPLOADED, "-", Outcome.FAILURE, errors.getFirst().english());
            return new UploadResult(null, errors);
        }
        SigmaRule r = parsed.getFirst().rule();
        boolean ownRule = repository.uploaded().stream().anyMatch(u -> u.ruleId().equals(r.id()));
        if (!ownRule && rules.rule(r.id()).isPresent()) {
            return refused(UploadProblem.of("sigma.upload.error.idTaken", "id " + r.id()
                    + " is already used by a rule in the rules folder", r.id()));
        }
        if (r.id().length() > 100 || r.title().length() > 500) {
            return refused(UploadProblem.of("sigma.upload.error.tooLong", "id (100) or title (500 characters) too long"));
        }
        repository.saveUpload(r.id(), r.title(), yaml, actor.login(), clock.instant());
        audit.record(actor, null, AuditAction.SIGMA_RULE_UPLOADED, r.id(), Outcome.SUCCESS, r.title());
        changes.changed(ChangeVersions.SIGMA); // recompiles here and on every other instance
        return new UploadResult(r.id(), List.of());
    }

    private static UploadResult refused(UploadProblem problem) {
        return new UploadResult(null, List.of(problem));
    }

    @Transactional // the change and its version bump commit together
    public boolean deleteUpload(Actor actor, String ruleId) {
        requireAdmin(actor);
        boolean done = repository.deleteUpload(ruleId);
        if (done) {
            audit.record(actor, null, AuditAction.SIGMA_RULE_UPLOADED, ruleId, Outcome.SUCCESS, "deleted");
            changes.changed(ChangeVersions.SIGMA); // recompiles here and on every other instance
        }
        return done;
    }

    /** Rules whose title, id or folder contains the text (at most {@code limit}), for the rules page. */
    public List<SigmaRule> search(Actor actor, String q, int limit) {
        requireStaff(actor);
        String needle = q == null ? "" : q.trim().toLowerCase(Locale.ROOT);
        List<SigmaRule> out = new ArrayList<>();
        for (SigmaRule r : rules.ruleSet().rules()) {
            if (needle.isEmpty() || r.title().toLowerCase(Locale.ROOT).contains(needle) || r.id().contains(needle)
                    || r.folder().toLowerCase(Locale.ROOT).contains(needle)) {
                out.add(r);
                if (out.size() >= limit) {
                    break;
                }
            }
        }
        return out;
    }

    public List<SigmaRuleSet.Rejected> refused(Actor actor, int limit) {
        requireStaff(actor);
        return rules.ruleSet().rejected().stream().limit(limit).toList();
    }
}
