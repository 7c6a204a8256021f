package jp.sukedachi.app.insurance;

import java.time.LocalDate;
import java.util.Optional;
import java.util.UUID;

/** Policies and insurer membership, for the claims and the screens. */
public interface Policies {
    /** The company's policy in force on that day, if any. */
    Optional<PolicyTerms> activeFor(UUID tenantId, LocalDate on);

    /** The insurer a user with the INSURER role works for; empty until an admin assigns one. */
    Optional<UUID> insurerOf(UUID userId);
}
