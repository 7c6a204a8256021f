package jp.sukedachi.app.web;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * Error pages a logged-in user sees with the navigation of their role: the security layer forwards here when
 * someone opens something not theirs, {@link PageErrors} when a page does not exist,
 * {@link WebErrors} when a form's input could not be read.
 */
@Controller
class ErrorPageController {
    @RequestMapping("/error/403")
    public String forbidden(Model model) {
        model.addAttribute("status", 403);
        return "error";
    }

    @RequestMapping("/error/400")
    public String badRequest(Model model, HttpServletResponse response) {
        response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
        model.addAttribute("status", 400);
        return "error";
    }

    @RequestMapping("/error/404")
    public String notFound(Model model, HttpServletResponse response) {
        response.setStatus(HttpServletResponse.SC_NOT_FOUND);
        model.addAttribute("status", 404);
        return "error";
    }
}
