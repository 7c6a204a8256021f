/**
 * The watch watching itself: pipeline, journal disk and database health, and the runtime alarm. The alarm goes
 * out through {@link jp.sukedachi.app.health.RuntimeAlarm}, implemented by the notification capability.
 */
@ApplicationModule(displayName = "Runtime health", allowedDependencies = {"shared", "security"})
package jp.sukedachi.app.health;

import org.springframework.modulith.ApplicationModule;
