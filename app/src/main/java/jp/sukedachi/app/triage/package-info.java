/**
 * Triage: detections grouped into alerts, suppressions, incidents, the funnel, the silent-device watch, and the
 * alert pages and API. Its API: {@link jp.sukedachi.app.triage.Triage} (the pipeline keeps and triages a batch's
 * detections), {@link jp.sukedachi.app.triage.AlertQueries} (reads for the home page and the demo, always with an
 * Actor), {@link jp.sukedachi.app.triage.AlertService} (alert work), the domain events
 * {@link jp.sukedachi.app.triage.AlertRaised}, {@link jp.sukedachi.app.triage.AlertEscalated} and
 * {@link jp.sukedachi.app.triage.AlertClosed} (notify listens),
 * {@link jp.sukedachi.app.triage.CategoryLabels} and {@link jp.sukedachi.app.triage.OwnerStories} (the story a
 * company's owner is told about an alert, the same on the card and in the mail). Its repositories are public only for its own {@code web}
 * sub-package and the tests.
 */
@ApplicationModule(displayName = "Triage and alerts",
        allowedDependencies = {"shared", "audit", "config", "tenant", "device", "sigma", "desk", "asset"})
package jp.sukedachi.app.triage;

import org.springframework.modulith.ApplicationModule;
