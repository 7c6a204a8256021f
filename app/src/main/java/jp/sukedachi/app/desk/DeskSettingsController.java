package jp.sukedachi.app.desk;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import jp.sukedachi.app.shared.Actor;
import jp.sukedachi.app.shared.Formats;
import jp.sukedachi.app.shared.InvalidInput;
import jp.sukedachi.app.shared.Role;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;

/**
 * The desk's settings page (/admin/desk): the contact every SME screen and mail shows, the desk hours and closed
 * days the SLA counts in, and the targets per priority. Provider admins edit; analysts may read (the security
 * chain lets them GET only).
 */
@Controller
class DeskSettingsController {
    /** A coming weekday the desk is closed: the date and, for a national holiday, its name (else null). */
    record ClosedDay(String date, String holiday) {
    }

    /** How many of the coming days the desk is closed the page lists (holidays and closed days). */
    private static final int CLOSED_PREVIEW = 8;

    /** One row of the targets table: the priority's label and the form fields of its two targets. */
    record TargetRow(String labelKey, String firstResponseField, String resolutionField) {
    }

    private static final List<TargetRow> TARGET_ROWS = List.of(
            new TargetRow("desk.settings.priority.CRITICAL", "firstResponseCritical", "resolutionCritical"),
            new TargetRow("desk.settings.priority.HIGH", "firstResponseHigh", "resolutionHigh"),
            new TargetRow("desk.settings.priority.MEDIUM", "firstResponseMedium", "resolutionMedium"),
            new TargetRow("desk.settings.priority.LOW", "firstResponseLow", "resolutionLow"));

    private final DeskSettingsStore store;
    private final Clock clock;

    DeskSettingsController(DeskSettingsStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    @GetMapping("/admin/desk")
    String show(Actor actor, Model model, Locale locale) {
        if (!actor.isAdmin() && actor.role() != Role.ANALYST) {
            throw new AccessDeniedException("desk settings are for provider staff");
        }
        model.addAttribute("deskForm", DeskForm.of(store.rules()));
        return page(actor, model, locale);
    }

    @PostMapping("/admin/desk")
    String save(Actor actor, @Valid @ModelAttribute("deskForm") DeskForm form, BindingResult errors, Model model,
            HttpServletResponse response, Locale locale) {
        if (!errors.hasErrors()) {
            try {
                store.save(actor, form.settings());
                return "redirect:/admin/desk?saved";
            } catch (InvalidInput e) {
                errors.rejectValue(e.field(), e.getCodes()[0], e.getArguments(), e.getDefaultMessage());
            }
        }
        response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
        // The bound form stays as it is: put again, a form whose binding failed would lose its errors.
        return page(actor, model, locale);
    }

    private String page(Actor actor, Model model, Locale locale) {
        model.addAttribute("editable", actor.isAdmin());
        model.addAttribute("allWeekdays", DeskForm.allWeekdays());
        model.addAttribute("targetRows", TARGET_ROWS);
        model.addAttribute("closedSoon", closedSoon(locale));
        return "desk-settings";
    }

    /** The next weekdays on which the desk stays closed, so the admin sees holidays and closed days at work. */
    private List<ClosedDay> closedSoon(Locale locale) {
        DeskRules rules = store.rules();
        DateTimeFormatter format = DateTimeFormatter.ofPattern("yyyy-MM-dd (E)", locale);
        List<ClosedDay> days = new ArrayList<>();
        LocalDate day = LocalDate.now(clock.withZone(Formats.TOKYO));
        for (int i = 0; i < 400 && days.size() < CLOSED_PREVIEW; i++, day = day.plusDays(1)) {
            if (rules.weekdays().contains(day.getDayOfWeek()) && !DeskCalendar.isBusinessDay(rules, day)) {
                days.add(new ClosedDay(format.format(day), JapaneseHolidays.of(day.getYear()).get(day)));
            }
        }
        return days;
    }
}
