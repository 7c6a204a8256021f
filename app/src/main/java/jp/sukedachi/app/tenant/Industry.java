package jp.sukedachi.app.tenant;

import java.util.Locale;

/**
 * Japan Standard Industrial Classification (日本標準産業分類, rev. 14) major groups A–T.
 * Names come from the message bundle ({@code industry.A} …) so both languages stay in one place.
 */
public enum Industry {
    A, B, C, D, E, F, G, H, I, J, K, L, M, N, O, P, Q, R, S, T;

    public String labelKey() {
        return "industry." + name();
    }

    public static Industry parse(String code) {
        try {
            return valueOf(code == null ? "" : code.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("industry must be a JSIC major group letter A–T, got: " + code);
        }
    }
}
