package jp.sukedachi.app.selfcheck.assets;

import java.util.EnumMap;
import java.util.Map;

/**
 * An asset as typed into the form or read from a CSV line: text only, checked by {@link AssetService}.
 * Fields are named like the form parameters and the CSV columns ({@link AssetField}).
 */
public record AssetDraft(Map<AssetField, String> values) {
    public String get(AssetField field) {
        String v = values.get(field);
        return v == null ? "" : v;
    }

    public static AssetDraft of(Map<String, String> form) {
        Map<AssetField, String> values = new EnumMap<>(AssetField.class);
        for (AssetField f : AssetField.values()) {
            if (form.containsKey(f.param())) {
                values.put(f, form.get(f.param()));
            }
        }
        return new AssetDraft(values);
    }
}
