package jp.sukedachi.app.pdf;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings under {@code sukedachi.pdf.*}.
 *
 * @param font a TrueType font with Japanese glyphs for the policy PDF; blank for the bundled one
 */
@ConfigurationProperties("sukedachi.pdf")
record PdfSettings(String font) {
}
