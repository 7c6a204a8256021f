package jp.sukedachi.app.selfcheck;

import java.util.UUID;
import jp.sukedachi.app.shared.Actor;

/**
 * Whether a company has published its basic security policy (基本方針). The SECURITY ACTION ★★
 * readiness needs it; the policy generator ({@code selfcheck.policy}) implements it, so the tracker
 * does not depend on how policies are stored. Scoped by the actor like every tenant read.
 */
public interface PolicyStatus {
    boolean hasPublishedPolicy(Actor actor, UUID tenantId);
}
