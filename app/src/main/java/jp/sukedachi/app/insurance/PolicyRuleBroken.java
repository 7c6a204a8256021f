package jp.sukedachi.app.insurance;

import jp.sukedachi.app.shared.InvalidInput;

/**
 * A policy or insurer that breaks a rule of the insurance (overlapping periods, limits that do not fit together):
 * well-formed input the service refuses, so the API answers 422 with the reason (text too long stays 400).
 */
final class PolicyRuleBroken extends InvalidInput {
    PolicyRuleBroken(String field, String key, String english, Object... args) {
        super(field, key, null, english, args);
    }
}
