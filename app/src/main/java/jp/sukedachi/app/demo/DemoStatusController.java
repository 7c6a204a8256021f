package jp.sukedachi.app.demo;

import jp.sukedachi.app.shared.Actor;
import jp.sukedachi.app.shared.Role;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The demo's own status for provider staff: phase, events sent, and per attack case what caught it. */
@RestController
@ConditionalOnProperty(name = "sukedachi.demo", havingValue = "true")
class DemoStatusController {
    private final DemoTraffic traffic;

    public DemoStatusController(DemoTraffic traffic) {
        this.traffic = traffic;
    }

    @GetMapping("/api/v1/demo/status")
    public DemoStatus status(Actor actor) {
        if (actor.role() != Role.PROVIDER_ADMIN && actor.role() != Role.ANALYST) {
            throw new AccessDeniedException("the demo status is for provider staff");
        }
        return traffic.status(actor);
    }
}
