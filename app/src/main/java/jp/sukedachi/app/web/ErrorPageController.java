package jp.sukedachi.app.web;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.RequestMapping;

/** The page the security layer forwards to when a logged-in user opens something not theirs. */
@Controller
class ErrorPageController {
    @RequestMapping("/error/403")
    public String forbidden(Model model) {
        model.addAttribute("status", 403);
        return "error";
    }
}
