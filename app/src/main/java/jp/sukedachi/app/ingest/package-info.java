/**
 * Receiving what devices send: the HTTPS ingest endpoint, the syslog receivers, the file import, the per-device
 * counters and quarantine, and the database side of the pipeline's stages (positions, detector states, the one
 * transaction per batch). Its API: {@link jp.sukedachi.app.ingest.IngestService} (accepting events),
 * {@link jp.sukedachi.app.ingest.SyslogReceiver} (the demo sends through it) and
 * {@link jp.sukedachi.app.ingest.RecentEvents}; the device pages read what arrived through device's
 * {@code DeviceTraffic}, which ingest provides.
 */
@ApplicationModule(displayName = "Ingest and pipeline",
        allowedDependencies = {"shared", "audit", "config", "tenant", "device", "sigma", "triage", "campaign", "asset"})
package jp.sukedachi.app.ingest;

import org.springframework.modulith.ApplicationModule;
