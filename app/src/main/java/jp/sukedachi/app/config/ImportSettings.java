package jp.sukedachi.app.config;

import jp.sukedachi.app.shared.Settings;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings under {@code sukedachi.import.*}: the one-shot import commands' options ({@code ./sukedachi import} for
 * logs, {@code ./sukedachi intel import} for feeds), shared by both.
 *
 * @param tenant the company whose logs are imported (slug)
 * @param device the device the logs are filed under; {@code import} by default
 * @param format the log or feed format; blank to recognise it from the content
 * @param source the intel source a feed is filed under
 * @param exit   end the process when the files are in (true); tests drive the import themselves
 */
@ConfigurationProperties("sukedachi.import")
public record ImportSettings(String tenant, String device, String format, String source, Boolean exit) {
    public ImportSettings {
        tenant = tenant == null ? "" : tenant;
        device = Settings.orDefault(device, "import");
        format = format == null || format.isBlank() ? null : format;
        source = source == null ? "" : source;
        exit = exit == null || exit;
    }
}
