package jp.sukedachi.app.desk;

import org.springframework.stereotype.Component;

/** The desk settings in force: the saved ones over the {@code sukedachi.desk.*} defaults. */
@Component
class DeskSettingsStore {
    private final DeskSettings defaults;
    private volatile DeskRules rules;

    DeskSettingsStore(DeskSettings defaults) {
        this.defaults = defaults;
    }

    DeskRules rules() {
        DeskRules r = rules;
        if (r == null) {
            r = DeskRules.of(defaults);
            rules = r;
        }
        return r;
    }

    DeskSettings settings() {
        return rules().text();
    }
}
