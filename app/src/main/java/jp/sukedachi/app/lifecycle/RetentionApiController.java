package jp.sukedachi.app.lifecycle;

import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import jp.sukedachi.app.shared.Actor;
import jp.sukedachi.app.shared.InvalidInput;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Retention over the API (provider admins): {@code GET /api/v1/retention} and {@code PUT /api/v1/retention} with
 * the kinds to change, e.g. {@code {"detections": 120}} (days). A value outside the kind's bounds is refused with
 * 422 naming the kind and the bound; an unknown kind or a missing value with 400.
 */
@RestController
@Tag(name = "Retention")
class RetentionApiController {
    private final RetentionPolicies policies;

    RetentionApiController(RetentionPolicies policies) {
        this.policies = policies;
    }

    /** A run of one kind; times ISO-8601 UTC. outcome RUNNING, DONE, MORE_LEFT (per-run cap reached) or FAILED. */
    public record RunJson(Instant startedAt, Instant finishedAt, Instant cutoff, long deleted, String outcome) {
    }

    public record KindJson(String kind, int days, int defaultDays, int minDays, int maxDays, RunJson lastRun) {
    }

    /** The event journal's retention (sukedachi.journal.retention-days / retention-mb), read-only. */
    public record JournalJson(long retentionDays, long retentionMb) {
    }

    public record RetentionJson(List<KindJson> kinds, JournalJson journal) {
    }

    @GetMapping("/api/v1/retention")
    RetentionJson get(Actor actor) {
        RetentionPolicies.requireAdmin(actor);
        return current();
    }

    @PutMapping("/api/v1/retention")
    RetentionJson put(Actor actor, @RequestBody Map<String, Integer> body) {
        RetentionPolicies.requireAdmin(actor);
        Map<RetentionKind, Integer> changes = new EnumMap<>(RetentionKind.class);
        if (body == null || body.isEmpty()) {
            throw new InvalidInput("body", "retention.error.number", null,
                    "name at least one kind: detections, evidence, alerts, tickets or audit");
        }
        body.forEach((name, days) -> {
            RetentionKind kind = RetentionKind.ofApiName(name).orElseThrow(() -> new InvalidInput(name,
                    "retention.error.number", null, "unknown kind (detections, evidence, alerts, tickets, audit)"));
            if (days == null) {
                throw new InvalidInput(name, "retention.error.number", null, "a number of days is required");
            }
            changes.put(kind, days);
        });
        policies.save(actor, changes);
        return current();
    }

    /** A broken rule (bounds) is 422, unlike malformed input (400, InputErrors). */
    @ExceptionHandler(RetentionRefused.class)
    ProblemDetail refused(RetentionRefused e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_CONTENT, e.getMessage());
        problem.setProperty("field", e.field());
        if (e.limit() != null) {
            problem.setProperty("limit", e.limit());
        }
        return problem;
    }

    private RetentionJson current() {
        List<KindJson> kinds = policies.overview().stream().map(v -> new KindJson(v.kind().apiName(), v.days(),
                v.defaultDays(), v.minDays(), v.maxDays(), v.lastRun() == null ? null
                        : new RunJson(v.lastRun().startedAt(), v.lastRun().finishedAt(), v.lastRun().cutoff(),
                                v.lastRun().deleted(), v.lastRun().outcome()))).toList();
        RetentionPolicies.JournalRetention j = policies.journal();
        return new RetentionJson(kinds, j == null ? null : new JournalJson(j.days(), j.megabytes()));
    }
}
