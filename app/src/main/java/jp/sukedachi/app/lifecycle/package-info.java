/**
 * The end of a company's data: retention per data kind (enforced by a scheduled job) and offboarding (an export
 * for the owner, then deletion of everything of the company after a grace period: every table, every file and its
 * events in the journal).
 */
@ApplicationModule(displayName = "Data lifecycle",
        allowedDependencies = {"shared", "audit", "config", "tenant", "pdf", "selfcheck", "device"})
package jp.sukedachi.app.lifecycle;

import org.springframework.modulith.ApplicationModule;
