package jp.sukedachi.app.selfcheck;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.IntStream;
import jp.sukedachi.app.config.LimitedInputStream;
import jp.sukedachi.app.shared.Actor;
import jp.sukedachi.app.shared.NotFoundException;
import jp.sukedachi.app.tenant.Tenant;
import jp.sukedachi.app.tenant.TenantRepository;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.ObjectMapper;

/**
 * The self-check and SECURITY ACTION over REST, scoped like every {@code /api/v1/tenants/{slug}} route: an admin
 * API key or a provider admin reaches every company, a company's users only their own. Submitting needs the
 * company owner or an admin; texts follow Accept-Language (Japanese by default).
 */
@RestController
@Tag(name = "Self-check")
class SelfCheckApiController {
    static final int MAX_BODY_BYTES = 16 * 1024;
    private static final String UNREADABLE =
            "body must be JSON {\"answers\": [25 of \"done\" | \"partly\" | \"no\" | \"unknown\"]}";
    private final TenantRepository tenants;
    private final SelfCheckService service;
    private final SelfCheckRepository attempts;
    private final SecurityActionService securityAction;
    private final MessageSource messages;
    private final ObjectMapper json;

    public SelfCheckApiController(TenantRepository tenants, SelfCheckService service, SelfCheckRepository attempts,
            SecurityActionService securityAction, MessageSource messages, ObjectMapper json) {
        this.tenants = tenants;
        this.service = service;
        this.attempts = attempts;
        this.securityAction = securityAction;
        this.messages = messages;
        this.json = json;
    }

    /** The request: 25 answers in item order. */
    public record SubmitRequest(List<String> answers) {
    }

    public record PartView(int part, String items, int score, int max) {
    }

    public record WeakItemView(int item, int part, String answer, String question, String nextStep, String lesson) {
    }

    public record AttemptView(UUID id, Instant createdAt, String answeredBy, int total, int max,
            List<PartView> parts, List<WeakItemView> weakItems, List<String> answers) {
    }

    public record RuleView(int rule, String text, boolean done) {
    }

    public record DeclarationView(String id, int level, LocalDate declaredOn) {
    }

    public record SecurityActionView(int declaredLevel, DeclarationView declaration, boolean reviewDue,
            boolean oneStarReady, List<RuleView> rules, boolean twoStarReady, boolean selfCheckDone,
            boolean policyPublished) {
    }

    private Tenant tenant(Actor actor, String slug) {
        return tenants.findBySlug(actor, slug).orElseThrow(() -> new NotFoundException("tenant"));
    }

    @PostMapping("/api/v1/tenants/{slug}/selfcheck")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Submit a self-check: 25 answers (done, partly, no, unknown) in item order; "
            + "answers the total, the part scores and the items to work on with the next step")
    // OpenAPI's @RequestBody: documents the body that submit reads itself through a byte limit.
    @RequestBody(required = true, content = @Content(
            mediaType = "application/json", schema = @Schema(implementation = SubmitRequest.class)))
    public AttemptView submit(Actor actor, @PathVariable String slug, HttpServletRequest http) throws IOException {
        Tenant tenant = tenant(actor, slug);
        SubmitRequest request = read(http);
        List<Answer> answers = Answer.parseAll(request == null ? null : request.answers());
        return view(service.submit(actor, tenant.id(), answers));
    }

    /** The body is read through a byte limit: 25 answers are a few hundred bytes, so more is refused early. */
    private SubmitRequest read(HttpServletRequest http) throws IOException {
        try (InputStream in = new LimitedInputStream(http.getInputStream(), MAX_BODY_BYTES)) {
            return json.readValue(in, SubmitRequest.class);
        } catch (JacksonException e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof LimitedInputStream.LimitExceededException) {
                    throw new BodyTooLarge();
                }
            }
            throw new IllegalArgumentException(UNREADABLE, e);
        }
    }

    /** A body over {@link #MAX_BODY_BYTES}. */
    static final class BodyTooLarge extends RuntimeException {
        private static final long serialVersionUID = 1L;
    }

    @ExceptionHandler(BodyTooLarge.class)
    ProblemDetail tooLarge() {
        return ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE,
                "body larger than " + MAX_BODY_BYTES + " bytes; 25 answers need far less");
    }

    @GetMapping("/api/v1/tenants/{slug}/selfcheck")
    @Operation(summary = "Every self-check of the company, newest first, with answers and scores")
    public List<AttemptView> history(Actor actor, @PathVariable String slug) {
        return attempts.history(actor, tenant(actor, slug).id(), 1000).stream().map(this::view).toList();
    }

    @GetMapping("/api/v1/tenants/{slug}/security-action")
    @Operation(summary = "SECURITY ACTION: declared level, readiness for ★ (five rules) and ★★ (self-check + published policy)")
    public SecurityActionView securityAction(Actor actor, @PathVariable String slug) {
        SecurityActionStatus s = securityAction.status(actor, tenant(actor, slug).id());
        Locale locale = LocaleContextHolder.getLocale();
        List<RuleView> rules = IntStream.rangeClosed(1, SecurityActionStatus.RULES)
                .mapToObj(r -> new RuleView(r, messages.getMessage("selfcheck.sa.rule." + r, null, locale),
                        s.rules().get(r - 1)))
                .toList();
        DeclarationView declaration = s.latest() == null ? null
                : new DeclarationView(s.latest().code(), s.latest().level(), s.latest().declaredOn());
        return new SecurityActionView(s.declaredLevel(), declaration, s.reviewDue(), s.oneStarReady(), rules,
                s.twoStarReady(), s.selfCheckDone(), s.policyPublished());
    }

    /** The group's aggregates only; {@code group} and {@code deviation} are null unless status is SHOWN. */
    public record ComparisonView(String status, int minCompanies, PeerStats group, Integer yourTotal,
            List<Integer> yourParts, Double deviationOfTotal, List<Double> deviationOfParts) {
    }

    @GetMapping("/api/v1/tenants/{slug}/selfcheck/peers")
    @Operation(summary = "Comparison with companies of the same industry and employee band: means and spreads of "
            + "each company's latest self-check, only when at least 5 companies are in the group")
    public ComparisonView peers(Actor actor, @PathVariable String slug) {
        SelfCheckService.Comparison c = service.compare(actor, tenant(actor, slug).id());
        Score own = c.latest() == null ? null : c.latest().score();
        PeerStats g = c.peers();
        return new ComparisonView(c.status().name(), PeerStats.MIN_COMPANIES, g, own == null ? null : own.total(),
                own == null ? null : own.parts().stream().map(Score.PartScore::score).toList(),
                g == null ? null : g.deviationOfTotal(own.total()),
                g == null ? null : own.parts().stream().map(p -> g.deviationOfPart(p.part(), p.score())).toList());
    }

    private AttemptView view(Attempt a) {
        Locale locale = LocaleContextHolder.getLocale();
        List<PartView> parts = a.score().parts().stream()
                .map(p -> new PartView(p.part().number(), p.part().first() + "-" + p.part().last(), p.score(), p.max()))
                .toList();
        List<WeakItemView> weak = a.score().weakItems().stream()
                .map(w -> new WeakItemView(w.item(), w.part().number(), w.answer().code(),
                        messages.getMessage(SelfCheckItems.questionKey(w.item()), null, locale),
                        messages.getMessage(SelfCheckItems.nextStepKey(w.item()), null, locale),
                        SelfCheckItems.lessonPath(w.item())))
                .toList();
        return new AttemptView(a.id(), a.createdAt(), a.answeredBy(), a.total(), Score.MAX, parts, weak,
                a.answers().stream().map(Answer::code).toList());
    }
}
