/**
 * The demo world: companies, users, devices and simulated traffic for a first look. It may use every
 * capability's API; nothing may depend on it (ArchitectureTest).
 */
@ApplicationModule(displayName = "Demo world")
package jp.sukedachi.app.demo;

import org.springframework.modulith.ApplicationModule;
