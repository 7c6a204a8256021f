/**
 * Login: passwords, TOTP second factor, sessions, API keys and the Actor controller parameter. Above
 * {@code tenant} (it logs users in), below every page: no capability is needed by it except the user registry.
 */
@ApplicationModule(displayName = "Login and API keys", allowedDependencies = {"shared", "audit", "config", "tenant"})
package jp.sukedachi.app.security;

import org.springframework.modulith.ApplicationModule;
