package jp.sukedachi.app.tenant;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.UUID;
import jp.sukedachi.app.shared.Role;

/** An invitation: the e-mail address is the login. {@code tenantId} is empty for provider staff. */
public record InviteDraft(
        @NotBlank @Email @Size(max = 254) String email,
        @NotBlank @Size(max = 100) String displayName,
        @NotNull Role role,
        UUID tenantId) {
}
