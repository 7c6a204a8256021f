package jp.sukedachi.app.config;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * {@code /actuator/health} names this process's role and runtime ({@code nodeRole}: up, with {@code role} and
 * {@code runtime}); the health group {@code /actuator/health/node} shows them to everybody (application.yml), so a
 * load balancer or an operator's curl can tell a receiver from a worker.
 */
@Component("nodeRole")
class NodeHealth implements HealthIndicator {
    private final NodeSettings settings;

    NodeHealth(NodeSettings settings) {
        this.settings = settings;
    }

    @Override
    public Health health() {
        return Health.up().withDetail("role", settings.role().setting())
                .withDetail("runtime", settings.runtime().setting()).build();
    }
}
