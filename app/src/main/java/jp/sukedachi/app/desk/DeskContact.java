package jp.sukedachi.app.desk;

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
