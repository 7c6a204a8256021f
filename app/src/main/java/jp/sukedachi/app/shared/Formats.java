package jp.sukedachi.app.shared;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import org.springframework.stereotype.Component;

/**
 * Times are stored in UTC and shown in Japan time, where the customers and the desk are: {@link #TOKYO} is the
 * app's one Japan time zone (dates typed on pages, the day a policy or certificate is dated). Templates call it
 * as {@code ${@fmt.dateTime(instant)}}.
 */
@Component("fmt")
public class Formats {
    public static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");
    private static final DateTimeFormatter MINUTES = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(TOKYO);
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(TOKYO);

    public String dateTime(Instant instant) {
        return format(MINUTES, instant);
    }

    public String dateTimeSeconds(Instant instant) {
        return format(SECONDS, instant);
    }

    /**
     * Any stored instant renders: those Japan time cannot hold (near year +999999999) show as UTC ISO text; none
     * shows as a dash. Public for documents with their own pattern (the claim pack's {@code yyyy年M月d日 HH:mm}).
     */
    public static String format(DateTimeFormatter formatter, Instant instant) {
        if (instant == null) {
            return "—";
        }
        try {
            return formatter.format(instant);
        } catch (DateTimeException e) {
            return instant.toString();
        }
    }
}
