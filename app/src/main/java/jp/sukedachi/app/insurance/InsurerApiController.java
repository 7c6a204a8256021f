package jp.sukedachi.app.insurance;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import jp.sukedachi.app.shared.Actor;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Insurers over the API: the admin adds them and assigns insurer users; staff list them; an insurer user sees their own. */
@RestController
@Tag(name = "Insurers")
class InsurerApiController {
    private final InsurerService insurers;
    private final MessageSource messages;

    InsurerApiController(InsurerService insurers, MessageSource messages) {
        this.insurers = insurers;
        this.messages = messages;
    }

    @GetMapping("/api/v1/insurers")
    @Operation(summary = "The insurers (staff: all, at most 200 with X-Sukedachi-Truncated when cut; an insurer user: their own)")
    ResponseEntity<List<Insurer>> list(Actor actor) {
        List<Insurer> all = insurers.visible(actor);
        boolean cut = all.size() > InsurerRepository.MAX_LIST;
        var answer = ResponseEntity.ok();
        if (cut) {
            answer.header("X-Sukedachi-Truncated", Integer.toString(InsurerRepository.MAX_LIST));
        }
        return answer.body(all.stream().limit(InsurerRepository.MAX_LIST).toList());
    }

    @PostMapping("/api/v1/insurers")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Add an insurer (provider admin): name, contactName, contactPhone and/or contactEmail; 409 if the name is taken")
    Insurer create(Actor actor, @RequestBody(required = false) InsurerDraft body) {
        return insurers.create(actor, body == null ? new InsurerDraft(null, null, null, null) : body);
    }

    @GetMapping("/api/v1/insurers/{id}")
    @Operation(summary = "One insurer")
    Insurer one(Actor actor, @PathVariable UUID id) {
        return insurers.find(actor, id);
    }

    @PutMapping("/api/v1/insurers/{id}")
    @Operation(summary = "Change an insurer's name or claims contact (provider admin)")
    Insurer update(Actor actor, @PathVariable UUID id, @RequestBody(required = false) InsurerDraft body) {
        return insurers.update(actor, id, body == null ? new InsurerDraft(null, null, null, null) : body);
    }

    @PutMapping("/api/v1/insurers/{id}/users/{userId}")
    @Operation(summary = "Assign a user with the insurer role to this insurer (provider admin); 422 for another role")
    InsurerMember assign(Actor actor, @PathVariable UUID id, @PathVariable UUID userId) {
        return insurers.assign(actor, userId, id);
    }

    @DeleteMapping("/api/v1/insurers/{id}/users/{userId}")
    @Operation(summary = "End a user's assignment to this insurer (provider admin)")
    InsurerMember unassign(Actor actor, @PathVariable UUID id, @PathVariable UUID userId) {
        return insurers.unassign(actor, userId, id);
    }

    @ExceptionHandler(PolicyRuleBroken.class)
    ProblemDetail unprocessable(PolicyRuleBroken e, Locale locale) {
        return PolicyApiController.problem(messages, e, locale);
    }
}
