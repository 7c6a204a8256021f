package jp.sukedachi.app.tenant;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** What an admin enters to create or change a tenant; bound from the form and from the REST API. */
public record TenantDraft(
        @NotBlank @Size(max = 200) String name,
        // Empty is allowed: the service then derives one from the name.
        @Pattern(regexp = "(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)?", message = "{validation.slug}") String slug,
        @Size(max = 200) String nameKana,
        @Pattern(regexp = "[A-Ta-t]?", message = "{validation.industry}") String industry,
        @Size(max = 10) String employeeBand,
        @Pattern(regexp = "(0?[1-9]|[1-3][0-9]|4[0-7])?", message = "{validation.prefecture}") String prefecture,
        @Size(max = 100) String contactName,
        @Email @Size(max = 254) String contactEmail,
        @Pattern(regexp = "[0-9+() -]{0,32}", message = "{validation.phone}") String contactPhone) {

    public static TenantDraft empty() {
        return new TenantDraft("", "", "", "", "", "13", "", "", "");
    }
}
