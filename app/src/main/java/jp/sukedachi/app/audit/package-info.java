/**
 * The audit log: who did what to which company's data, with the outcome. Every capability records through
 * {@link jp.sukedachi.app.audit.AuditLog}; the log itself depends only on the shared kernel, so any capability
 * may use it.
 */
@ApplicationModule(displayName = "Audit log", allowedDependencies = "shared")
package jp.sukedachi.app.audit;

import org.springframework.modulith.ApplicationModule;
