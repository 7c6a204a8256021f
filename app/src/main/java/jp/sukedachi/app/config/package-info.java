/**
 * Settings and web plumbing that are no business capability: the data folder and database, languages, request
 * body limits, the OpenAPI description, job locks. Capabilities use it; it uses only the shared kernel.
 */
@ApplicationModule(displayName = "Configuration", allowedDependencies = "shared")
package jp.sukedachi.app.config;

import org.springframework.modulith.ApplicationModule;
