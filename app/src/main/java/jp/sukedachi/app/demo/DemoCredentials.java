package jp.sukedachi.app.demo;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** The content of {@code <data>/demo-credentials.json}: enough to log in to the UI and call the API. */
record DemoCredentials(String url, String apiKey, List<DemoUser> users) {

    /** {@code role} is written as in the docs (provider-admin, tenant-owner …); {@code totpSecret} is Base32 or null. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record DemoUser(String role, String tenant, String login, String password, String totpSecret) {
    }
}
