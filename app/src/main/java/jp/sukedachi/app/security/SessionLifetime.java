package jp.sukedachi.app.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import jakarta.servlet.http.HttpSessionEvent;
import jakarta.servlet.http.HttpSessionListener;
import java.time.Duration;
import org.springframework.stereotype.Component;

/**
 * A session starts short: one made for a visitor who has not logged in (the login form's CSRF token, the
 * page to return to) lives {@link #ANONYMOUS} without use, so anonymous traffic cannot pile up sessions
 * for the full working day. A completed login gives it {@code server.servlet.session.timeout}.
 */
@Component
class SessionLifetime implements HttpSessionListener {
    static final Duration ANONYMOUS = Duration.ofMinutes(30);
    private final Duration loggedIn;

    SessionLifetime(SessionSettings settings) {
        this.loggedIn = settings.timeout();
    }

    @Override
    public void sessionCreated(HttpSessionEvent event) {
        event.getSession().setMaxInactiveInterval((int) Math.min(ANONYMOUS.toSeconds(), loggedIn.toSeconds()));
    }

    /** Called when the login is complete (all factors). */
    public void loggedIn(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.setMaxInactiveInterval((int) loggedIn.toSeconds());
        }
    }
}
