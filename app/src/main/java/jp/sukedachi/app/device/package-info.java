/**
 * The device registry: a company's devices, their tokens, syslog source addresses and character sets. Ingest
 * depends on it to route what arrives; the device pages read what arrived through
 * {@link jp.sukedachi.app.device.DeviceTraffic}, which ingest provides, so the registry never depends on ingest.
 */
@ApplicationModule(displayName = "Devices", allowedDependencies = {"shared", "audit", "tenant"})
package jp.sukedachi.app.device;

import org.springframework.modulith.ApplicationModule;
