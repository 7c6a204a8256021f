package jp.sukedachi.app.report;

import java.lang.reflect.Method;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;

/**
 * Why a report mail failed, as staff read it: stored as {@code kind:detail} (the detail is at most the SMTP reply
 * code), shown through the message {@code reportArchive.deliveryError.<kind>}. Never an exception's class name or
 * the server's raw text, which mean nothing to the person on the page.
 */
final class DeliveryErrors {
    static final String PREFIX = "reportArchive.deliveryError.";

    private DeliveryErrors() {
    }

    /** The stored reason of a failed send; {@code null} means the report was deleted before it could go. */
    static String reason(Throwable e) {
        if (e == null) {
            return "deleted:";
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            Integer code = replyCode(t);
            if (code != null && code > 0) {
                return "refused:" + code;
            }
            if (t instanceof jakarta.mail.internet.AddressException) {
                return "address:";
            }
            if (t instanceof ConnectException || t instanceof UnknownHostException
                    || t instanceof SocketTimeoutException) {
                return "unreachable:";
            }
            if (t instanceof jakarta.mail.AuthenticationFailedException) {
                return "login:";
            }
        }
        return "other:";
    }

    /** The SMTP reply code of Jakarta Mail's SMTP exceptions (read by name: the provider is the mail module's). */
    private static Integer replyCode(Throwable t) {
        try {
            Method m = t.getClass().getMethod("getReturnCode");
            return m.getReturnType() == int.class ? (Integer) m.invoke(t) : null;
        } catch (ReflectiveOperationException | RuntimeException ignored) {
            return null;
        }
    }

    /** The message key of a stored reason; an old or unknown value shows the general one. */
    static String key(String stored) {
        String kind = stored == null ? "" : stored.substring(0, Math.max(stored.indexOf(':'), 0));
        return PREFIX + switch (kind) {
            case "refused", "address", "unreachable", "login", "deleted" -> kind;
            default -> "other";
        };
    }

    /** The stored detail (an SMTP reply code), or empty. */
    static String detail(String stored) {
        if (stored == null || !key(stored).equals(PREFIX + "refused")) {
            return "";
        }
        return stored.substring(stored.indexOf(':') + 1).replaceAll("[^0-9]", "");
    }
}
