package jp.sukedachi.app.ingest;

import jp.sukedachi.app.shared.Settings;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Ingest's settings: the syslog receiver ({@code sukedachi.syslog.*}), the latest-events view
 * ({@code sukedachi.recent.*}) and which detectors the pipeline runs ({@code sukedachi.detectors.*}). The journal's are the pipeline's ({@code config.JournalSettings}), the import
 * command's are shared with intel ({@code config.ImportSettings}).
 */
@ConfigurationProperties("sukedachi")
record IngestSettings(Syslog syslog, Recent recent, Detectors detectors) {
    IngestSettings {
        syslog = syslog == null ? new Syslog(null, null, null, null) : syslog;
        recent = recent == null ? new Recent(null) : recent;
        detectors = detectors == null ? new Detectors(null) : detectors;
    }

    /**
     * @param disabled ids of registered detectors the pipeline does not run (none): an operator's switch for a
     *                 detector that misbehaves at one provider, and the bench's way to price a detector. An id no
     *                 detector has is refused at start. A disabled detector's stored state stays and is taken back
     *                 when it is enabled again.
     */
    record Detectors(java.util.List<String> disabled) {
        Detectors {
            disabled = disabled == null ? java.util.List.of()
                    : disabled.stream().map(String::trim).filter(d -> !d.isEmpty()).toList();
        }
    }

    /**
     * @param port             UDP and TCP port (5514); 0 picks a free one
     * @param bind             address to listen on (0.0.0.0)
     * @param enabled          listen at all (true)
     * @param udpReceiveBuffer the UDP socket's kernel buffer in bytes (4 MiB): what a burst may fill before the
     *                         kernel drops datagrams
     */
    record Syslog(Integer port, String bind, Boolean enabled, Integer udpReceiveBuffer) {
        Syslog {
            port = Settings.within("sukedachi.syslog.port", port, 5514, 0, 65535);
            bind = Settings.orDefault(bind, "0.0.0.0");
            enabled = enabled == null || enabled;
            udpReceiveBuffer = Settings.within("sukedachi.syslog.udp-receive-buffer", udpReceiveBuffer, 4_194_304, 1,
                    Integer.MAX_VALUE);
        }
    }

    /** @param maxMb total memory of the latest-events view over all devices (32) */
    record Recent(Long maxMb) {
        Recent {
            maxMb = Settings.within("sukedachi.recent.max-mb", maxMb, 32, 1, 1 << 20);
        }

        long maxBytes() {
            return maxMb * 1024 * 1024;
        }
    }
}
