/**
 * Self-help for the company: the 25-item self-check, SECURITY ACTION ★/★★ tracker, the basic-policy
 * generator, the asset and risk ledger, the cloud-service checklist and the lessons with quizzes. Its
 * sub-packages are internal; other capabilities use the root (the home page reads
 * {@link jp.sukedachi.app.selfcheck.SecurityActionService}).
 */
@ApplicationModule(displayName = "Self-help", allowedDependencies = {"shared", "audit", "config", "tenant", "pdf"})
package jp.sukedachi.app.selfcheck;

import org.springframework.modulith.ApplicationModule;
