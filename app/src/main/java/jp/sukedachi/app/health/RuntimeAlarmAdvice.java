package jp.sukedachi.app.health;

import java.util.List;
import jp.sukedachi.app.security.ActorArgumentResolver;
import jp.sukedachi.app.shared.Actor;
import jp.sukedachi.app.shared.Role;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** The runtime alarm on the analysts' pages (home and alerts): what is wrong with the watch itself, in words. */
@ControllerAdvice(annotations = Controller.class)
class RuntimeAlarmAdvice {
    private final RuntimeWatch watch;

    public RuntimeAlarmAdvice(RuntimeWatch watch) {
        this.watch = watch;
    }

    @ModelAttribute("runtimeAlarm")
    public List<RuntimeProblem> runtimeAlarm() {
        Actor actor = ActorArgumentResolver.actorOf(SecurityContextHolder.getContext().getAuthentication());
        boolean analyst = actor != null && (actor.role() == Role.ANALYST || actor.role() == Role.PROVIDER_ADMIN);
        return analyst ? watch.problems() : List.of();
    }
}
