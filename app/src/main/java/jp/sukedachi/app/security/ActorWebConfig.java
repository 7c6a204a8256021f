package jp.sukedachi.app.security;

import java.util.List;
import jp.sukedachi.app.shared.Actor;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Registers the {@link Actor} controller parameter here, where logins are known, so config needs no security. */
@Configuration
class ActorWebConfig implements WebMvcConfigurer {
    private final ActorArgumentResolver actorResolver;

    ActorWebConfig(ActorArgumentResolver actorResolver) {
        this.actorResolver = actorResolver;
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(actorResolver);
    }
}
