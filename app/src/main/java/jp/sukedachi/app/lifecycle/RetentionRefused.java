package jp.sukedachi.app.lifecycle;

import jp.sukedachi.app.shared.InvalidInput;

/** A retention outside what the rules allow (below the minimum, above the maximum, evidence beyond its alert): 422. */
class RetentionRefused extends InvalidInput {
    private static final long serialVersionUID = 1L;

    RetentionRefused(String field, String key, Integer limit, String english, Object... args) {
        super(field, key, limit, english, args);
    }
}
