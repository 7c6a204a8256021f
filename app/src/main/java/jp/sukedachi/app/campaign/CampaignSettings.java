package jp.sukedachi.app.campaign;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings under {@code sukedachi.campaign.*}.
 *
 * @param windowDays the same key at two or more companies within this many days (event time) is one campaign; a
 *                   campaign not seen for longer is over, and the key starts afresh (7 by default, 1 to 90)
 */
@ConfigurationProperties("sukedachi.campaign")
public record CampaignSettings(Integer windowDays) {
    public CampaignSettings {
        if (windowDays == null) {
            windowDays = 7;
        }
        if (windowDays < 1 || windowDays > 90) {
            throw new IllegalArgumentException("sukedachi.campaign.window-days must be 1 to 90: " + windowDays);
        }
    }
}
