/**
 * The service shows its work: each company's monthly report (PDF, archived, e-mailed to the company's contacts once
 * an analyst has commented or a set delay has passed), the provider's program statistics over any period (page,
 * CSV, one-page fact sheet) and the proof-of-check letter a company hands a business partner, with its revocable
 * verification page. Reads the other capabilities only through their root APIs, with the asking actor.
 */
@ApplicationModule(displayName = "Reports and statistics",
        allowedDependencies = {"shared", "audit", "config", "tenant", "plan", "device", "triage", "incident", "desk",
                "dispatch", "insurance", "selfcheck", "statement", "pdf"})
package jp.sukedachi.app.report;

import org.springframework.modulith.ApplicationModule;
