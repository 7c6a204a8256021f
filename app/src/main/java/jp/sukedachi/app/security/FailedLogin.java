package jp.sukedachi.app.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

/**
 * The identifier typed in the last failed login, kept in the session (never in the URL, never the password) so
 * the login page the failure redirects to can show it again: the user corrects the password instead of retyping
 * everything (WCAG 3.3.1, 3.3.3).
 */
public final class FailedLogin {
    private static final String ATTRIBUTE = FailedLogin.class.getName();
    /** As long as the login field accepts. */
    private static final int MAX = 254;

    private FailedLogin() {
    }

    static void remember(HttpServletRequest request) {
        String typed = request.getParameter("username");
        if (typed == null) {
            return;
        }
        request.getSession().setAttribute(ATTRIBUTE, typed.length() > MAX ? typed.substring(0, MAX) : typed);
    }

    /** Removes and returns the identifier: it is shown once, on the page right after the failure. */
    public static String take(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session == null) {
            return null;
        }
        Object typed = session.getAttribute(ATTRIBUTE);
        session.removeAttribute(ATTRIBUTE);
        return typed instanceof String s ? s : null;
    }
}
