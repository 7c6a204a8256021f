package jp.sukedachi.app.insurance;

/** An insurer as the admin types it: name and the claims contact (phone or mail, at least one). */
public record InsurerDraft(String name, String contactName, String contactPhone, String contactEmail) {
}
