package jp.sukedachi.app.web;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.util.NetMask;
import org.apache.catalina.valves.RemoteIpValve;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * The embedded Tomcat as the product needs it:
 * <ul>
 * <li>{@code X-Forwarded-For} / {@code X-Forwarded-Proto} are honoured only from the addresses in
 * {@code sukedachi.http.trusted-proxies} (CIDR blocks or single addresses; default none). Then the
 * client's address (login throttle, audit log) is the one the proxy saw, and a request the proxy received
 * over TLS counts as secure: the session cookie gets {@code Secure} and pages get HSTS. From any other
 * address the headers are ignored, so a client cannot choose its own address.</li>
 * <li>The request line and headers must arrive within {@code sukedachi.http.header-timeout} in all
 * (slowloris).</li>
 * <li>Tomcat's own error answers are JSON on API paths ({@link ApiErrorReportValve}).</li>
 * </ul>
 */
@Component
class TomcatHardening implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {
    private final List<String> trustedProxies;
    private final Duration headerTimeout;

    TomcatHardening(Environment environment) {
        Binder binder = Binder.get(environment);
        this.trustedProxies = cidrs(binder.bind("sukedachi.http.trusted-proxies", Bindable.listOf(String.class))
                .orElse(List.of()));
        this.headerTimeout = binder.bind("sukedachi.http.header-timeout", Duration.class).orElse(Duration.ofSeconds(10));
    }

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        if (!trustedProxies.isEmpty()) {
            RemoteIpValve valve = new RemoteIpValve();
            // Containing '/', the list is read as CIDR blocks, not as a regular expression.
            valve.setInternalProxies(String.join(",", trustedProxies));
            valve.setRemoteIpHeader("X-Forwarded-For");
            valve.setProtocolHeader("X-Forwarded-Proto");
            valve.setProtocolHeaderHttpsValue("https");
            factory.addEngineValves(valve);
        }
        factory.setProtocol(HeaderTimeoutProtocol.class.getName());
        factory.addConnectorCustomizers(connector -> {
            if (connector.getProtocolHandler() instanceof HeaderTimeoutProtocol protocol) {
                protocol.setHeaderTimeoutMillis(headerTimeout.toMillis());
            }
        });
        factory.addContextCustomizers(context -> {
            // Named as the host's error valve, Tomcat adds no HTML one of its own inside it.
            if (context.getParent() instanceof StandardHost host) {
                host.setErrorReportValveClass(ApiErrorReportValve.class.getName());
            }
            context.getParent().getPipeline().addValve(new ApiErrorReportValve());
        });
    }

    /** Single addresses become /32 or /128 blocks; anything unreadable, or a block that trusts everyone, stops the start. */
    static List<String> cidrs(List<String> configured) {
        List<String> blocks = new ArrayList<>();
        for (String entry : configured) {
            String e = entry == null ? "" : entry.strip();
            if (e.isEmpty()) {
                continue;
            }
            String block = e.contains("/") ? e : e + (e.contains(":") ? "/128" : "/32");
            try {
                new NetMask(block);
            } catch (IllegalArgumentException ex) {
                throw new IllegalArgumentException("sukedachi.http.trusted-proxies: '" + e
                        + "' is not an IP address or CIDR block (e.g. 10.0.0.5 or 10.0.0.0/24)", ex);
            }
            if (block.endsWith("/0")) {
                throw new IllegalArgumentException("sukedachi.http.trusted-proxies: '" + e
                        + "' would trust every address, so any client could choose its own address; list your proxies");
            }
            blocks.add(block);
        }
        return List.copyOf(blocks);
    }
}
