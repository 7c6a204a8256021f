/**
 * Incidents: cases opened from alerts, from a desk ticket or by staff; their playbook tasks, the 5W1H record,
 * the timeline, evidence files and the reporting routes (who outside must be told, by when). The SME owner reads
 * their incident in plain words and can message the team. Dispatch writes its visits into the timeline through
 * this capability's API.
 */
@ApplicationModule(displayName = "Incidents",
        allowedDependencies = {"shared", "audit", "config", "tenant", "device", "triage", "desk"})
package jp.sukedachi.app.incident;

import org.springframework.modulith.ApplicationModule;
