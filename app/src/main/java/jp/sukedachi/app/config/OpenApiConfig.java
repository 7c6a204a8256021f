package jp.sukedachi.app.config;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import jp.sukedachi.app.shared.Actor;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The OpenAPI document at /api/v1/openapi: title, and the admin API key as bearer authentication. */
@Configuration
class OpenApiConfig {
    static {
        // Actor is resolved from the authentication, not sent by the client.
        SpringDocUtils.getConfig().addRequestWrapperToIgnore(Actor.class);
    }

    @Bean
    OpenAPI sukedachiOpenApi() {
        return new OpenAPI()
                .info(new Info().title("Sukedachi API").version("v1")
                        .description("Tenants, users and the audit log of a Sukedachi installation. "
                                + "Authenticate with an admin API key: 'Authorization: Bearer skd_…'."))
                .components(new Components().addSecuritySchemes("apiKey",
                        new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")))
                .addSecurityItem(new SecurityRequirement().addList("apiKey"));
    }
}
