package jp.sukedachi.app.web;

import jakarta.servlet.http.HttpServletRequest;
import jp.sukedachi.app.security.ActorArgumentResolver;
import jp.sukedachi.app.security.FailedLogin;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The login page; Spring Security handles the POST. */
@Controller
class LoginController {
    @GetMapping("/login")
    public String login(HttpServletRequest request, Model model) {
        if (ActorArgumentResolver.actorOf(SecurityContextHolder.getContext().getAuthentication()) != null) {
            return "redirect:/";
        }
        String tried = FailedLogin.take(request);
        boolean wrong = request.getParameter("error") != null;
        if (wrong || request.getParameter("throttled") != null) {
            // The title says it first (a screen reader reads it on arrival), the field keeps what was typed.
            model.addAttribute("loginFailed", true);
            model.addAttribute("loginTried", tried);
            model.addAttribute("loginErrorId", wrong ? "login-error" : "login-throttled");
        }
        return "login";
    }
}
