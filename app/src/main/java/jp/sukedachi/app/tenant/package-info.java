/**
 * Companies and their people: tenants, users, invitations and the password rules. Other capabilities read
 * companies and users through {@link jp.sukedachi.app.tenant.TenantRepository} and
 * {@link jp.sukedachi.app.tenant.UserRepository} (always with an Actor, so tenant scope applies). The mail
 * transport implements {@link jp.sukedachi.app.tenant.InvitationMailer}, so invitations are mailed without this
 * module depending on notifications.
 */
@ApplicationModule(displayName = "Companies and users", allowedDependencies = {"shared", "audit", "config"})
package jp.sukedachi.app.tenant;

import org.springframework.modulith.ApplicationModule;
