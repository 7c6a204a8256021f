package jp.sukedachi.app.selfcheck.policy;

import java.util.UUID;
import jp.sukedachi.app.shared.Actor;
import jp.sukedachi.app.shared.NotFoundException;
import jp.sukedachi.app.shared.Role;
import org.springframework.security.access.AccessDeniedException;

/**
 * Who may do what with the self-help documents: they belong to one company, so only its users see them
 * (provider staff have no company here and get "not found"); the owner edits, members read and learn.
 */
public final class SelfHelp {
    private SelfHelp() {
    }

    /** The actor's company, or 404 for staff. */
    public static UUID companyOf(Actor actor) {
        if (actor.tenantId() == null) {
            throw new NotFoundException("company");
        }
        return actor.tenantId();
    }

    public static boolean mayEdit(Actor actor) {
        return actor.role() == Role.TENANT_OWNER;
    }

    /** The actor's company when the actor is its owner. */
    public static UUID requireOwner(Actor actor) {
        UUID company = companyOf(actor);
        if (!mayEdit(actor)) {
            throw new AccessDeniedException("only the company owner edits self-help documents");
        }
        return company;
    }
}
