package jp.sukedachi.app.web;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;

/** Bad input on a page gets a plain 400 page instead of a server error. */
@ControllerAdvice(annotations = Controller.class)
class WebErrors {
    @ExceptionHandler(IllegalArgumentException.class)
    String badInput(HttpServletResponse response, Model model) {
        response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
        model.addAttribute("status", 400);
        return "error";
    }
}
