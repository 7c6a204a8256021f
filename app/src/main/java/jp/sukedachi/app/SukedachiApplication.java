package jp.sukedachi.app;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.modulith.Modulithic;

/**
 * The Sukedachi server. Each direct sub-package is a business capability (an application module, verified by
 * {@code ModulesTest}): {@code tenant} (companies, users, invitations), {@code security} (login, TOTP, API keys),
 * {@code audit}, {@code device}, {@code ingest}, {@code sigma}, {@code intel}, {@code triage}, {@code notify},
 * {@code selfcheck}, {@code health}, {@code web} (shell and homes), {@code demo} (demo world) and {@code config}
 * (data folder, database, web plumbing). {@code shared} is the kernel they all speak: actor, roles, tenant
 * scope, errors, tokens, time.
 *
 * <p>Adding a capability (desk, incident, dispatch, insurance, report …):
 * <ul>
 * <li>one package directly under {@code jp.sukedachi.app}, with a {@code package-info.java} saying what it is
 * and which capabilities it may use ({@code @ApplicationModule(allowedDependencies = …)});
 * <li>its API in the package root: the few public types other capabilities call (a service, a read model, the
 * events it publishes). Controllers, repositories and internal services and records are package-private, or
 * live in sub-packages, which are internal unless marked {@code @NamedInterface};
 * <li>it talks to other capabilities only through their root API or by listening to their events (an
 * {@code AlertRaised} rather than reading another capability's tables); when a lower capability needs
 * something from a higher one, the lower one declares an interface and the higher one implements it
 * ({@code device.DeviceTraffic}, {@code health.RuntimeAlarm});
 * <li>no cycles: {@code ModulesTest} fails the build on a cycle, on use of another capability's internals and
 * on a dependency its {@code allowedDependencies} do not list, and writes the module diagrams to
 * {@code app/target/spring-modulith-docs}.
 * </ul>
 *
 * <p>Scheduled jobs run where the role has them ({@code config.SchedulingConfig}: not on receivers).
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@Modulithic(systemName = "Sukedachi", sharedModules = "shared")
public class SukedachiApplication {
    public static void main(String[] args) {
        SpringApplication.run(SukedachiApplication.class, args);
    }
}
