/**
 * The LAN device inventory (issue 19): every device seen on a company's network, learnt from its logs in the
 * pipeline's own transaction ({@link jp.sukedachi.app.asset.HostInventory}, called by ingest's stage store), with
 * what the company says about it (ours / not ours, a label, a link to its asset-ledger entry). The pages
 * {@code /my/hosts} and {@code /tenants/{id}/hosts}, the API {@code GET /api/v1/tenants/{slug}/hosts}, and
 * {@link jp.sukedachi.app.asset.HostNames}, which turns an alert's entity (a MAC or a LAN address) into the PC's
 * name for the advice texts.
 */
@ApplicationModule(displayName = "Asset inventory",
        allowedDependencies = {"shared", "audit", "config", "tenant", "selfcheck"})
package jp.sukedachi.app.asset;

import org.springframework.modulith.ApplicationModule;
