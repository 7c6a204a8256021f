package jp.sukedachi.app.tenant;

import jakarta.servlet.http.HttpServletRequest;
import jp.sukedachi.app.config.SukedachiProperties;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/** Builds the link an invited person opens: the configured public URL, else the URL of this request. */
@Component
class InviteLinks {
    private final SukedachiProperties properties;

    public InviteLinks(SukedachiProperties properties) {
        this.properties = properties;
    }

    public String link(HttpServletRequest request, String token) {
        String base = properties.publicUrl();
        if (base == null || base.isBlank()) {
            base = ServletUriComponentsBuilder.fromContextPath(request).build().toUriString();
        }
        return base.replaceAll("/+$", "") + "/invite/" + token;
    }
}
