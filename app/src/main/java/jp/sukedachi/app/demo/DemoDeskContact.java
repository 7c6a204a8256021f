package jp.sukedachi.app.demo;

import jp.sukedachi.app.desk.DeskContact;
import jp.sukedachi.app.shared.Actor;
import org.springframework.stereotype.Component;

/**
 * The demo provider's consultation desk: a fictional number (050-0000-0000 is not a real subscriber number), an
 * address under the demo's own domain and weekday hours, saved as the provider's desk settings so every company
 * page and mail of the demo names whom to call. A desk configured on the command line (sukedachi.desk.*) wins.
 */
@Component
class DemoDeskContact {
    static final String PHONE = "050-0000-0000";
    static final String EMAIL = "desk@demo.sukedachi.jp";
    static final String HOURS = "平日 9:00〜17:00（祝日・年末年始を除く）";

    private final DeskContact contact;

    DemoDeskContact(DeskContact contact) {
        this.contact = contact;
    }

    void seed(Actor admin) {
        contact.provideIfNone(admin, PHONE, EMAIL, HOURS);
    }
}
