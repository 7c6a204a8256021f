package jp.sukedachi.app.desk;

import jp.sukedachi.app.shared.Actor;
import org.springframework.stereotype.Component;

/**
 * The provider's desk as every SME screen and mail names it: phone, e-mail and hours in words, from the settings
 * the provider's administrator saved on {@code /admin/desk} (defaults {@code sukedachi.desk.*}). One place, so the
 * alert page, the home page and the mails can never show different numbers. Blank when the provider gave none:
 * callers then say how to reach the desk without the missing part, never a label with nothing after it.
 */
@Component
public class DeskContact {
    private final DeskSettingsStore store;

    DeskContact(DeskSettingsStore store) {
        this.store = store;
    }

    public String phone() {
        return store.settings().phone();
    }

    public String email() {
        return store.settings().email();
    }

    /** The opening hours in words as the provider wrote them; blank when none. */
    public String hoursText() {
        return store.settings().hours();
    }

    /** The phone as a {@code tel:} link (digits and a leading +), for a tap on a phone. */
    public String telLink() {
        return "tel:" + phone().replaceAll("[^0-9+]", "");
    }

    /**
     * Saves this contact (as {@code admin}, audited) when the provider has configured neither phone nor e-mail;
     * the demo's fictional desk. Answers whether it was saved.
     */
    public boolean provideIfNone(Actor admin, String phone, String email, String hoursText) {
        DeskSettings s = store.settings();
        if (s.hasPhone() || s.hasEmail()) {
            return false;
        }
        store.save(admin, new DeskSettings(phone, email, hoursText, s.opening(), s.closing(), s.weekdays(),
                s.closedDays(), s.firstResponse(), s.resolution()));
        return true;
    }

    public boolean hasPhone() {
        return store.settings().hasPhone();
    }

    public boolean hasEmail() {
        return store.settings().hasEmail();
    }

    public boolean hasHours() {
        return store.settings().hasHours();
    }
}
