/**
 * The usage statement per company and month (PDF and CSV), fit as evidence for a subsidy application: the plan
 * and price, the devices watched and the share of the month each was watched, alerts and incidents handled, desk
 * tickets and minutes, visits.
 */
@ApplicationModule(displayName = "Usage statements",
        allowedDependencies = {"shared", "audit", "config", "tenant", "plan", "device", "triage", "incident", "desk",
                "dispatch", "pdf"})
package jp.sukedachi.app.statement;

import org.springframework.modulith.ApplicationModule;
