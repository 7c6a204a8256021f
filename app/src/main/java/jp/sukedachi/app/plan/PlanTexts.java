package jp.sukedachi.app.plan;

import org.springframework.stereotype.Component;

/** What the plan pages need in templates: yen with separators ({@code ${@planTexts.yen(n)}}). */
@Component("planTexts")
class PlanTexts {
    public String yen(long yen) {
        return Yen.format(yen);
    }
}
