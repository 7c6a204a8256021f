/**
 * On-site dispatch (駆け付け): responders with the prefectures they cover, visits requested from an incident and
 * assigned by region, and the responder's own mobile pages (check-in/out, work done, findings, evidence, the
 * customer's sign-off). A visit's steps go into the incident's timeline.
 */
@ApplicationModule(displayName = "On-site dispatch",
        allowedDependencies = {"shared", "audit", "config", "tenant", "incident", "plan"})
package jp.sukedachi.app.dispatch;

import org.springframework.modulith.ApplicationModule;
