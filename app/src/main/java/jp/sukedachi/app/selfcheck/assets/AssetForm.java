package jp.sukedachi.app.selfcheck.assets;

import java.util.Locale;

/** How an asset exists: on paper, as electronic data, or both. */
public enum AssetForm {
    PAPER, ELECTRONIC, BOTH;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public String labelKey() {
        return "asset.form." + code();
    }
}
