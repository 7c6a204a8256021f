package jp.sukedachi.app.desk;

import java.util.UUID;
import jp.sukedachi.app.shared.Actor;
import jp.sukedachi.app.shared.NotFoundException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The desk's canned answers: list, add, edit, delete (provider staff). */
@Controller
class CannedController {
    private final CannedAnswers canned;

    CannedController(CannedAnswers canned) {
        this.canned = canned;
    }

    @GetMapping("/desk/canned")
    String list(Actor actor, @RequestParam(required = false) UUID edit, Model model) {
        DeskWeb.requireStaff(actor);
        model.addAttribute("answers", canned.all(actor));
        model.addAttribute("editing", edit == null ? null
                : canned.find(actor, edit).orElseThrow(() -> new NotFoundException("canned answer")));
        return "desk/canned";
    }

    @PostMapping("/desk/canned")
    String add(Actor actor, @RequestParam(required = false) String title, @RequestParam(required = false) String bodyJa,
            @RequestParam(required = false) String bodyEn, RedirectAttributes redirect) {
        canned.save(actor, null, title, bodyJa, bodyEn);
        redirect.addFlashAttribute("notice", "desk.notice.saved");
        return "redirect:/desk/canned";
    }

    @PostMapping("/desk/canned/{id}")
    String update(Actor actor, @PathVariable UUID id, @RequestParam(required = false) String title,
            @RequestParam(required = false) String bodyJa, @RequestParam(required = false) String bodyEn,
            RedirectAttributes redirect) {
        canned.save(actor, id, title, bodyJa, bodyEn);
        redirect.addFlashAttribute("notice", "desk.notice.saved");
        return "redirect:/desk/canned";
    }

    @PostMapping("/desk/canned/{id}/delete")
    String delete(Actor actor, @PathVariable UUID id, RedirectAttributes redirect) {
        canned.delete(actor, id);
        redirect.addFlashAttribute("notice", "desk.notice.deleted");
        return "redirect:/desk/canned";
    }
}
