package jp.sukedachi.app.security;

import jp.sukedachi.app.shared.Actor;
import org.springframework.core.MethodParameter;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/** Lets a controller method take an {@link Actor} parameter: the logged-in user or the API key's admin. */
@Component
public class ActorArgumentResolver implements HandlerMethodArgumentResolver {
    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType() == Actor.class;
    }

    @Override
    public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer mav, NativeWebRequest request,
            WebDataBinderFactory binderFactory) {
        Actor actor = actorOf(SecurityContextHolder.getContext().getAuthentication());
        if (actor == null) {
            throw new AccessDeniedException("no logged-in user");
        }
        return actor;
    }

    /** The actor of a fully authenticated request; null for anonymous or half-logged-in requests. */
    public static Actor actorOf(Authentication authentication) {
        if (authentication instanceof ApiKeyAuthentication key) {
            return key.actor();
        }
        if (authentication != null && !(authentication instanceof PendingSecondFactor)
                && authentication.getPrincipal() instanceof SukedachiPrincipal user) {
            return user.actor();
        }
        return null;
    }
}
