/** Threat intelligence: indicator sources, imports and exports, the allowlist, and the intel pages and API. */
@ApplicationModule(displayName = "Threat intelligence", allowedDependencies = {"shared", "audit", "config", "tenant"})
package jp.sukedachi.app.intel;

import org.springframework.modulith.ApplicationModule;
