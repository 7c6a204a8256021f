package jp.sukedachi.app.support;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Address;
import jakarta.mail.internet.MimeMessage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.test.context.DynamicPropertyRegistry;

/** What the tests of a company owner's cards and mails share: a real SMTP server and the checks on what they read. */
public final class OwnerReading {
    /** An address outside the company (RFC 5737) on a line that tells to unplug or disconnect something. */
    public static final Pattern UNPLUG_OUTSIDE = Pattern.compile(
            "(?m)^.*(LANケーブル|Wi-Fi|切り離|unplug|Unplug|disconnect).*(203\\.0\\.113\\.|198\\.51\\.100\\.|192\\.0\\.2\\.).*$");

    private OwnerReading() {
    }

    /** A started SMTP server on a free port. */
    public static GreenMail smtp() {
        GreenMail smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        return smtp;
    }

    /** An H2 database and mail through {@code smtp}. */
    public static void register(DynamicPropertyRegistry registry, GreenMail smtp) {
        TestDatabases.h2(registry);
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> smtp.getSmtp().getPort());
    }

    /** Subject and text of every mail {@code address} received, in order. */
    public static List<String> mailsTo(GreenMail smtp, String address) throws Exception {
        List<String> out = new ArrayList<>();
        for (MimeMessage m : smtp.getReceivedMessages()) {
            Address[] to = m.getAllRecipients();
            if (to != null && Arrays.stream(to).anyMatch(a -> a.toString().equalsIgnoreCase(address))) {
                out.add(m.getSubject() + "\n" + m.getContent());
            }
        }
        return out;
    }

    /** How many cards a company page shows. */
    public static long cards(String page) {
        return Pattern.compile("<article").matcher(page).results().count();
    }
}
