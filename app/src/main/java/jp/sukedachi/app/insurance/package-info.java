/**
 * The simple cyber insurance every package includes: insurers and their staff, one policy per company with its
 * coverage lines, limits and self-burden rule, and claims opened from an incident whose cost items come from the
 * visits, the desk time and uploaded invoices. The insurer reviews a claim through its pack (a PDF summary and a
 * ZIP of the evidence with a hash manifest) and never sees anything else of the company.
 */
@ApplicationModule(displayName = "Insurance",
        allowedDependencies = {"shared", "audit", "config", "tenant", "plan", "incident", "dispatch", "desk", "pdf"})
package jp.sukedachi.app.insurance;

import org.springframework.modulith.ApplicationModule;
