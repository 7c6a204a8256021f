package jp.sukedachi.app.selfcheck.cloud;

import java.time.Clock;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import jp.sukedachi.app.selfcheck.policy.SelfHelp;
import jp.sukedachi.app.shared.Actor;
import jp.sukedachi.app.shared.NotFoundException;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The cloud-service checklist: the services a company uses, each with the 14 questions answered and
 * its gaps listed. The owner records answers; members read them.
 */
@Controller
class CloudController {
    static final int MAX_SERVICES = 100;
    private final CloudRepository services;
    private final Clock clock;

    public CloudController(CloudRepository services, Clock clock) {
        this.services = services;
        this.clock = clock;
    }

    @GetMapping("/selfcheck/cloud")
    public String list(Actor actor, Model model) {
        return listPage(actor, null, model);
    }

    private String listPage(Actor actor, String error, Model model) {
        model.addAttribute("services", services.findByTenant(actor, SelfHelp.companyOf(actor)));
        model.addAttribute("mayEdit", SelfHelp.mayEdit(actor));
        model.addAttribute("error", error);
        return "selfcheck/cloud/list";
    }

    @PostMapping("/selfcheck/cloud")
    @Transactional
    public String add(Actor actor, @RequestParam Map<String, String> form, Model model, RedirectAttributes redirect) {
        UUID company = SelfHelp.requireOwner(actor);
        String error = check(form);
        if (error == null && services.findByTenant(actor, company).size() >= MAX_SERVICES) {
            error = "cloud.error.tooMany";
        }
        if (error != null) {
            return listPage(actor, error, model);
        }
        var now = clock.instant();
        CloudService created = new CloudService(UUID.randomUUID(), company, form.get("name").strip(),
                form.getOrDefault("purpose", "").strip(), answers(form), now, now);
        services.insert(actor, created);
        return "redirect:/selfcheck/cloud/" + created.id();
    }

    @GetMapping("/selfcheck/cloud/{id}")
    public String show(Actor actor, @PathVariable UUID id, Model model) {
        CloudService service = services.find(actor, id).orElseThrow(() -> new NotFoundException("cloud service"));
        model.addAttribute("service", service);
        model.addAttribute("questions", IntStream.rangeClosed(1, CloudService.QUESTIONS).boxed().toList());
        model.addAttribute("answers", CloudAnswer.values());
        model.addAttribute("mayEdit", SelfHelp.mayEdit(actor));
        return "selfcheck/cloud/service";
    }

    @PostMapping("/selfcheck/cloud/{id}")
    @Transactional
    public String update(Actor actor, @PathVariable UUID id, @RequestParam Map<String, String> form, Model model,
            RedirectAttributes redirect) {
        SelfHelp.requireOwner(actor);
        CloudService before = services.find(actor, id).orElseThrow(() -> new NotFoundException("cloud service"));
        String error = check(form);
        if (error != null) {
            model.addAttribute("error", error);
            return show(actor, id, model);
        }
        services.update(actor, new CloudService(id, before.tenantId(), form.get("name").strip(),
                form.getOrDefault("purpose", "").strip(), answers(form), before.createdAt(), clock.instant()));
        redirect.addFlashAttribute("notice", "cloud.saved");
        return "redirect:/selfcheck/cloud/" + id;
    }

    @PostMapping("/selfcheck/cloud/{id}/delete")
    @Transactional
    public String delete(Actor actor, @PathVariable UUID id) {
        SelfHelp.requireOwner(actor);
        if (!services.delete(actor, id)) {
            throw new NotFoundException("cloud service");
        }
        return "redirect:/selfcheck/cloud";
    }

    private static String check(Map<String, String> form) {
        String name = form.getOrDefault("name", "").strip();
        if (name.isEmpty()) {
            return "cloud.error.name";
        }
        if (name.length() > 100 || form.getOrDefault("purpose", "").strip().length() > 500) {
            return "cloud.error.tooLong";
        }
        return null;
    }

    /** The answers q1..q14 from the form as stored letters; missing answers are "don't know". */
    static String answers(Map<String, String> form) {
        StringBuilder s = new StringBuilder();
        for (int q = 1; q <= CloudService.QUESTIONS; q++) {
            s.append(CloudAnswer.ofParam(form.get("q" + q)).code());
        }
        return s.toString();
    }
}
