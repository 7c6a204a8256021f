/**
 * Campaigns (issue 19, detector {@code campaign}): the same attack seen at two or more companies within a window,
 * correlated in the database across the per-company streams (see
 * {@link jp.sukedachi.app.campaign.CampaignCorrelator}), the analysts' pages and API, and the one-click sharing of a
 * campaign's indicators with every customer through intel. Its API:
 * {@link jp.sukedachi.app.campaign.CampaignCorrelator} (the pipeline calls it right after triage keeps a batch).
 * A company never learns of another: its campaign alert says only that the same attack was also seen elsewhere.
 */
@ApplicationModule(displayName = "Campaigns",
        allowedDependencies = {"shared", "audit", "config", "tenant", "triage", "intel"})
package jp.sukedachi.app.campaign;

import org.springframework.modulith.ApplicationModule;
