/**
 * The shared kernel: what every capability speaks. The {@link jp.sukedachi.app.shared.Actor} on whose behalf a
 * repository is asked (with its {@link jp.sukedachi.app.shared.Role} and
 * {@link jp.sukedachi.app.shared.TenantScope}), the errors every capability throws (not found, duplicate, invalid
 * input), random tokens, and times (UTC in the database, Japan time on screens). It depends on no capability;
 * something belongs here only when several capabilities need the very same type.
 */
@ApplicationModule(displayName = "Shared kernel", allowedDependencies = {})
package jp.sukedachi.app.shared;

import org.springframework.modulith.ApplicationModule;
