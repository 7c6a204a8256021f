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
        if (request.getParameter("error") != null || request.getParameter("throttled") != null) {
            model.addAttribute("loginTried", tried);
        }
        return "login";
    }
}
