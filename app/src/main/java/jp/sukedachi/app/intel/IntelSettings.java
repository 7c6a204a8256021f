package jp.sukedachi.app.intel;

import jp.sukedachi.app.shared.Settings;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings under {@code sukedachi.intel.*}; the feed import command's options are {@code config.ImportSettings}.
 *
 * @param maxFeedMb a feed larger than this (unpacked) is refused whole (512)
 */
@ConfigurationProperties("sukedachi.intel")
record IntelSettings(Long maxFeedMb) {
    IntelSettings {
        maxFeedMb = Settings.within("sukedachi.intel.max-feed-mb", maxFeedMb, 512, 1, 1 << 20);
    }

    long maxFeedBytes() {
        return maxFeedMb * 1024 * 1024;
    }
}
