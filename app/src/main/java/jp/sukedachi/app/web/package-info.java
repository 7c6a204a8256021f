/**
 * The web shell: the home page, login page, error pages and API error bodies, the page layout's shared model and
 * the Tomcat hardening. It is the top of the house: it reads the other capabilities' APIs (triage's
 * {@code AlertQueries} and its named interface {@code sme-alerts}, tenant's registries, selfcheck's
 * {@code SecurityActionService}, device's {@code DeviceDirectory} and desk's settings for the SME home's status) and
 * nothing depends on it.
 */
@ApplicationModule(displayName = "Web shell",
        allowedDependencies = {"shared", "security", "selfcheck", "tenant", "triage", "triage :: sme-alerts", "device",
                "desk", "incident", "dispatch", "insurance"})
package jp.sukedachi.app.web;

import org.springframework.modulith.ApplicationModule;
