/**
 * The consultation desk (相談窓口): tickets from the SME portal, e-mail and phone calls, replies and internal notes,
 * canned answers, the knowledge base, satisfaction surveys, time spent, and the SLA in business time (desk hours,
 * Japanese national holidays, the provider's closed days). Its contact settings are what every SME screen and
 * mail names as whom to call.
 */
@ApplicationModule(displayName = "Consultation desk", allowedDependencies = {"shared", "audit", "config", "tenant"})
package jp.sukedachi.app.desk;

import org.springframework.modulith.ApplicationModule;
