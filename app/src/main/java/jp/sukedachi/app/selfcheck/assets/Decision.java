package jp.sukedachi.app.selfcheck.assets;

import java.util.Locale;

/** What the company decided to do about a risk (リスク対応): reduce it, accept it, transfer it (e.g. insurance) or avoid it. */
public enum Decision {
    REDUCE, ACCEPT, TRANSFER, AVOID;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public String labelKey() {
        return "asset.decision." + code();
    }
}
