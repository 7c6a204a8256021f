package jp.sukedachi.app.insurance;

import java.util.UUID;

/** An insurance company and where the provider sends claims (a person, and a phone or a mail address). */
public record Insurer(UUID id, String name, String contactName, String contactPhone, String contactEmail) {
}
