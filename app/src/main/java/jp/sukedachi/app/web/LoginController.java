package jp.sukedachi.app.web;

import jp.sukedachi.app.security.ActorArgumentResolver;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The login page; Spring Security handles the POST. */
@Controller
class LoginController {
    @GetMapping("/login")
    public String login() {
        if (ActorArgumentResolver.actorOf(SecurityContextHolder.getContext().getAuthentication()) != null) {
            return "redirect:/";
        }
        return "login";
    }
}
