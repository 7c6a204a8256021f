package jp.sukedachi.app.selfcheck.policy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * A company's basic security policy with the names for its internal rules. {@code publicToken} is set
 * only while the policy is published; {@code updatedAt} stamps the version shown on the document.
 */
public record Policy(
        UUID tenantId,
        String docLang,
        String companyName,
        String headTitle,
        String headName,
        LocalDate establishedOn,
        Map<PolicySection, String> sections,
        Map<PolicyRole, String> roles,
        String publicToken,
        Instant publishedAt,
        Instant createdAt,
        Instant updatedAt) {

    public boolean published() {
        return publicToken != null;
    }

    public String section(PolicySection section) {
        return sections.getOrDefault(section, "");
    }

    public String role(PolicyRole role) {
        return roles.getOrDefault(role, "");
    }

    public Locale locale() {
        return Locale.forLanguageTag(docLang);
    }
}
