package jp.sukedachi.app.support;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.http.HttpMethod;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Every route the application has, read from Spring MVC's handler mapping, so the isolation tests probe a route
 * added tomorrow without anyone listing it. A mapping without a method is probed as GET and POST.
 */
public final class Routes {
    /** A route as Spring MVC knows it: one method and one path pattern. */
    public record Route(HttpMethod method, String pattern) {
    }

    private Routes() {
    }

    public static List<Route> all(RequestMappingHandlerMapping mappings) {
        Set<Route> routes = new LinkedHashSet<>();
        for (Map.Entry<RequestMappingInfo, ?> entry : mappings.getHandlerMethods().entrySet()) {
            Set<RequestMethod> methods = entry.getKey().getMethodsCondition().getMethods();
            for (String pattern : entry.getKey().getPatternValues()) {
                if (methods.isEmpty()) {
                    routes.add(new Route(HttpMethod.GET, pattern));
                    routes.add(new Route(HttpMethod.POST, pattern));
                } else {
                    methods.forEach(m -> routes.add(new Route(HttpMethod.valueOf(m.name()), pattern)));
                }
            }
        }
        return new ArrayList<>(routes);
    }
}
