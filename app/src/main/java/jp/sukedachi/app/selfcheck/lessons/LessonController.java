package jp.sukedachi.app.selfcheck.lessons;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import jp.sukedachi.app.pdf.PdfResponses;
import jp.sukedachi.app.selfcheck.policy.SelfHelp;
import jp.sukedachi.app.shared.Actor;
import jp.sukedachi.app.shared.NotFoundException;
import jp.sukedachi.app.tenant.AppUser;
import jp.sukedachi.app.tenant.TenantRepository;
import jp.sukedachi.app.tenant.UserRepository;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The lessons: course overview with the user's progress (and, for the owner, the team's), one lesson
 * with its quiz per self-check item at /selfcheck/lessons/{n}, and the certificate of a finished course.
 */
@Controller
class LessonController {
    private final LessonCatalog catalog;
    private final LessonService service;
    private final CertificatePdf certificates;
    private final TenantRepository tenants;
    private final UserRepository users;

    public LessonController(LessonCatalog catalog, LessonService service, CertificatePdf certificates,
            TenantRepository tenants, UserRepository users) {
        this.catalog = catalog;
        this.service = service;
        this.certificates = certificates;
        this.tenants = tenants;
        this.users = users;
    }

    /** A lesson title with the user's status in it, for the overview. */
    public record Row(Lesson lesson, LessonResult result) {
    }

    /** A company user with their progress per course, for the owner. */
    public record Member(AppUser user, List<LessonService.CourseProgress> progress) {
        public boolean finishedAll() {
            return progress.stream().allMatch(LessonService.CourseProgress::complete);
        }
    }

    @GetMapping("/selfcheck/lessons")
    public String overview(Actor actor, Locale locale, Model model) {
        UUID company = SelfHelp.companyOf(actor);
        List<LessonResult> mine = service.mine(actor);
        Map<Integer, LessonResult> byLesson = new HashMap<>();
        mine.forEach(r -> byLesson.put(r.lessonNo(), r));
        Map<Course, List<Row>> courses = new LinkedHashMap<>();
        for (Course c : Course.values()) {
            courses.put(c, c.lessons().mapToObj(n -> new Row(catalog.lesson(n, locale), byLesson.get(n))).toList());
        }
        model.addAttribute("courses", courses);
        model.addAttribute("progress", LessonService.progress(mine));
        if (SelfHelp.mayEdit(actor)) {
            Map<UUID, List<LessonService.CourseProgress>> team = service.team(actor);
            List<Member> members = new ArrayList<>();
            for (AppUser u : users.findVisible(actor, company)) {
                if (u.status() == AppUser.Status.ACTIVE) {
                    members.add(new Member(u, team.getOrDefault(u.id(), LessonService.progress(List.of()))));
                }
            }
            model.addAttribute("team", members);
        }
        return "selfcheck/lessons/overview";
    }

    @GetMapping("/selfcheck/lessons/{n}")
    public String lesson(Actor actor, @PathVariable int n, Locale locale, Model model) {
        SelfHelp.companyOf(actor);
        Lesson lesson = catalog.lesson(n, locale);
        model.addAttribute("lesson", lesson);
        model.addAttribute("course", Course.containing(n));
        model.addAttribute("result", service.mine(actor).stream().filter(r -> r.lessonNo() == n).findFirst().orElse(null));
        return "selfcheck/lessons/lesson";
    }

    @PostMapping("/selfcheck/lessons/{n}")
    public String answer(Actor actor, @PathVariable int n, @RequestParam Map<String, String> form, Locale locale,
            Model model) {
        Lesson lesson = catalog.lesson(n, locale);
        List<Integer> answers = new ArrayList<>();
        for (int q = 0; q < lesson.quiz().size(); q++) {
            String v = form.get("q" + q);
            answers.add(v != null && v.matches("[0-9]") ? Integer.valueOf(v) : null);
        }
        LessonService.Graded graded = service.submit(actor, lesson, answers);
        model.addAttribute("graded", graded);
        model.addAttribute("answers", answers);
        Course course = Course.containing(n);
        model.addAttribute("courseDone", service.completed(actor, course).isPresent());
        return lesson(actor, n, locale, model);
    }

    @GetMapping("/selfcheck/lessons/certificate/{course}")
    public ResponseEntity<byte[]> certificate(Actor actor, @PathVariable int course) {
        UUID company = SelfHelp.companyOf(actor);
        LessonService.CourseProgress done = service.completed(actor, Course.of(course))
                .orElseThrow(() -> new NotFoundException("certificate"));
        String companyName = tenants.find(actor, company).orElseThrow(() -> new NotFoundException("company")).name();
        AppUser me = users.find(actor, actor.userId()).orElseThrow(() -> new NotFoundException("user"));
        return PdfResponses.attachment(certificates.render(companyName, me.displayName(), me.id(), done),
                "certificate-" + course + ".pdf");
    }
}
