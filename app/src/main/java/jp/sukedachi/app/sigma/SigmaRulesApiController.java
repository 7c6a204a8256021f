package jp.sukedachi.app.sigma;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Map;
import jp.sukedachi.app.shared.Actor;
import jp.sukedachi.detect.sigma.SigmaRuleSet;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Sigma rule management over the API: counts and switches, upload of one YAML rule, switching rules on and off. */
@RestController
@Tag(name = "Sigma rules")
class SigmaRulesApiController {
    private final SigmaRules rules;
    private final SigmaRuleService service;
    private final SigmaRuleRepository repository;

    SigmaRulesApiController(SigmaRules rules, SigmaRuleService service, SigmaRuleRepository repository) {
        this.rules = rules;
        this.service = service;
        this.repository = repository;
    }

    /** Counts, switches, uploaded rules and the first refused rules with their reasons. */
    public record Overview(SigmaRules.Summary summary, List<SigmaRuleRepository.Toggle> toggles, List<String> uploaded,
            List<SigmaRuleSet.Rejected> refused) {
    }

    @GetMapping("/api/v1/sigma/rules")
    @Operation(summary = "Sigma rules: counts, switches, uploaded rule ids, refused rules (first 100)")
    public Overview overview(Actor actor) {
        SigmaRuleService.requireStaff(actor);
        return new Overview(rules.summary(), repository.toggles(),
                repository.uploaded().stream().map(SigmaRuleRepository.Uploaded::ruleId).toList(), service.refused(actor, 100));
    }

    @PostMapping(value = "/api/v1/sigma/rules", consumes = {"application/yaml", "text/yaml", "text/plain"})
    @Operation(summary = "Upload one Sigma rule (YAML); 400 with the reasons when it does not load")
    public ResponseEntity<Map<String, Object>> upload(Actor actor, @RequestBody String yaml) {
        SigmaRuleService.UploadResult r = service.upload(actor, yaml);
        return r.ok() ? ResponseEntity.status(HttpStatus.CREATED).body(Map.of("ruleId", r.ruleId()))
                : ResponseEntity.badRequest().body(Map.of("errors", r.errors()));
    }

    @PostMapping("/api/v1/sigma/rules/toggle")
    @Operation(summary = "Switch rules on or off by RULE id, LEVEL, STATUS or FOLDER")
    public Map<String, Object> toggle(Actor actor, @RequestParam String kind, @RequestParam String value,
            @RequestParam boolean enabled) {
        service.toggle(actor, kind, value, enabled);
        return Map.of("summary", rules.summary());
    }
}
