/**
 * Notifications: mails and webhooks to a company and the provider's analysts when an alert is raised, escalated
 * or closed, with quiet hours, and the alarm when the runtime itself is in trouble. It has no API others call:
 * it listens to triage's domain events ({@code AlertRaised}, {@code AlertEscalated}, {@code AlertClosed}) and
 * implements health's {@code RuntimeAlarm} and tenant's {@code InvitationMailer} (invitations go out over the same
 * SMTP settings).
 */
@ApplicationModule(displayName = "Notifications",
        allowedDependencies = {"shared", "config", "desk", "health", "triage", "tenant", "report"})
package jp.sukedachi.app.notify;

import org.springframework.modulith.ApplicationModule;
