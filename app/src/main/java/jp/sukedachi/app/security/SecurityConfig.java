package jp.sukedachi.app.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Arrays;
import jp.sukedachi.app.audit.AuditAction;
import jp.sukedachi.app.audit.AuditEvent.Outcome;
import jp.sukedachi.app.audit.AuditLog;
import jp.sukedachi.app.shared.Actor;
import jp.sukedachi.app.shared.Role;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.context.SecurityContextHolderFilter;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.csrf.CsrfTokenRepository;
import org.springframework.security.web.csrf.HttpSessionCsrfTokenRepository;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.savedrequest.NullRequestCache;

/**
 * Two filter chains: {@code /api/**} and {@code /actuator/**} answer in JSON and accept admin API
 * keys; everything else is the browser UI with form login, TOTP for staff, CSRF and strict headers.
 */
@Configuration
@EnableMethodSecurity
@ConditionalOnWebApplication
class SecurityConfig {
    /**
     * Scripts and styles only from this server (htmx comes from a WebJar); no framing; forms post only
     * here. The QR code is inline SVG markup, which needs no data: or inline-script allowance.
     */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; "
            + "form-action 'self'; frame-ancestors 'none'";

    /** Receivers: they authenticate the device token themselves (and audit a wrong one). */
    static final String[] RECEIVERS = {"/api/v1/ingest", "/api/v1/_bulk", "/api/v1/*/_bulk", "/api/v1/", "/api/v1/es",
        "/api/v1/es/", "/api/v1/es/_bulk", "/api/v1/es/*/_bulk"};

    private static final String[] ALL_ROLES = Arrays.stream(Role.values()).map(Role::name).toArray(String[]::new);

    @Bean
    @Order(1)
    SecurityFilterChain apiChain(HttpSecurity http, ApiKeyService keys, AuditLog audit, UserSessions sessions)
            throws Exception {
        http.securityMatcher("/api/**", "/actuator/**")
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers("/api/v1/openapi", "/api/v1/openapi/**").permitAll()
                        .requestMatchers(RECEIVERS).permitAll()
                        .requestMatchers("/actuator/health", "/actuator/health/**").permitAll()
                        .requestMatchers("/actuator/**").hasRole(Role.PROVIDER_ADMIN.name())
                        .anyRequest().hasAnyRole(ALL_ROLES))
                .addFilterAfter(new SessionCheckFilter(sessions, audit, true), SecurityContextHolderFilter.class)
                // Before CSRF: whether the request acts by a valid key decides whether CSRF applies.
                .addFilterBefore(new ApiKeyAuthenticationFilter(keys, audit), CsrfFilter.class)
                // A request that acts by a valid admin key uses no cookie-borne authority, so CSRF cannot apply
                // to it; any other Authorization header (Basic …) next to a session cookie still needs the token.
                // The receivers only ever authenticate a device token, never a session.
                .csrf(csrf -> csrf.ignoringRequestMatchers(r -> SecurityContextHolder.getContext()
                                .getAuthentication() instanceof ApiKeyAuthentication)
                        .ignoringRequestMatchers(RECEIVERS)
                        .csrfTokenRepository(existingSessionsOnly(new HttpSessionCsrfTokenRepository())))
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.NEVER))
                // No session for an API call, also not to remember a refused one for after a login.
                .requestCache(c -> c.requestCache(new NullRequestCache()))
                .exceptionHandling(e -> e
                        .authenticationEntryPoint((request, response, ex) ->
                                json(response, HttpServletResponse.SC_UNAUTHORIZED, "unauthenticated",
                                        "send an admin API key as 'Authorization: Bearer skd_…'"))
                        .accessDeniedHandler((request, response, ex) -> {
                            auditDenied(audit, request.getRequestURI(), ex);
                            json(response, HttpServletResponse.SC_FORBIDDEN, "forbidden", "not allowed for this role");
                        }))
                .headers(h -> h.contentSecurityPolicy(csp -> csp.policyDirectives("default-src 'none'; frame-ancestors 'none'")));
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain webChain(HttpSecurity http, PasswordAuthenticationProvider passwords,
            LoginCompletion completion, AuditLog audit, UserSessions sessions) throws Exception {
        // Its own manager without the global parent: with both, a wrong password was checked (and counted) twice.
        http.authenticationManager(new ProviderManager(passwords))
                .addFilterAfter(new SessionCheckFilter(sessions, audit, false), SecurityContextHolderFilter.class)
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers("/login", "/css/**", "/js/**", "/img/**", "/webjars/**", "/favicon.ico",
                                "/invite/**", "/error", "/error/**").permitAll()
                        // A company's published security policy: found by its random token alone (selfcheck.policy).
                        .requestMatchers("/p/**").permitAll()
                        // A proof-of-check letter's verification page: found by its random token alone (report).
                        .requestMatchers("/v/**").permitAll()
                        .requestMatchers("/login/totp", "/login/totp/**").hasAuthority(PendingSecondFactor.AUTHORITY)
                        // Analysts read the desk settings (issue 16); changing them stays with the admins.
                        .requestMatchers(HttpMethod.GET, "/admin/desk")
                                .hasAnyRole(Role.PROVIDER_ADMIN.name(), Role.ANALYST.name())
                        .requestMatchers("/admin/**").hasRole(Role.PROVIDER_ADMIN.name())
                        .anyRequest().hasAnyRole(ALL_ROLES))
                .formLogin(form -> form
                        .loginPage("/login")
                        .successHandler(completion)
                        .failureHandler((request, response, ex) -> {
                            FailedLogin.remember(request);
                            response.sendRedirect(request.getContextPath()
                                    + (ex instanceof LoginThrottledException ? "/login?throttled" : "/login?error"));
                        }))
                .logout(logout -> logout
                        .logoutUrl("/logout")
                        .addLogoutHandler((request, response, authentication) -> {
                            Actor actor = ActorArgumentResolver.actorOf(authentication);
                            if (actor != null) {
                                audit.record(actor, actor.tenantId(), AuditAction.LOGOUT, actor.login(), Outcome.SUCCESS, null);
                            }
                        })
                        .logoutSuccessUrl("/login?logout"))
                .exceptionHandling(e -> e.accessDeniedHandler(webAccessDenied(audit)))
                .headers(h -> h
                        .contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                        .frameOptions(f -> f.deny())
                        .referrerPolicy(r -> r.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN))
                        // Sent only over TLS, as the HSTS specification requires.
                        .httpStrictTransportSecurity(hsts -> hsts.includeSubDomains(true).maxAgeInSeconds(31_536_000))
                        .permissionsPolicyHeader(p -> p.policy("camera=(), microphone=(), geolocation=(), payment=()")));
        return http.build();
    }

    /** API calls read the token of a page's session but never start a session to store a new one. */
    private static CsrfTokenRepository existingSessionsOnly(CsrfTokenRepository sessions) {
        return new CsrfTokenRepository() {
            @Override
            public CsrfToken generateToken(HttpServletRequest request) {
                return sessions.generateToken(request);
            }

            @Override
            public void saveToken(CsrfToken token, HttpServletRequest request, HttpServletResponse response) {
                if (request.getSession(false) != null) {
                    sessions.saveToken(token, request, response);
                }
            }

            @Override
            public CsrfToken loadToken(HttpServletRequest request) {
                return sessions.loadToken(request);
            }
        };
    }

    private static AccessDeniedHandler webAccessDenied(AuditLog audit) {
        return (request, response, ex) -> {
            Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
            if (authentication instanceof PendingSecondFactor && !(ex instanceof CsrfException)) {
                // Half logged in: the only way on is the code page.
                response.sendRedirect(request.getContextPath() + "/login/totp");
                return;
            }
            auditDenied(audit, request.getRequestURI(), ex);
            response.setStatus(HttpServletResponse.SC_FORBIDDEN);
            request.getRequestDispatcher("/error/403").forward(request, response);
        };
    }

    private static void auditDenied(AuditLog audit, String uri, Exception ex) {
        Actor actor = ActorArgumentResolver.actorOf(SecurityContextHolder.getContext().getAuthentication());
        AuditAction action = ex instanceof CsrfException ? AuditAction.CSRF_REJECTED : AuditAction.ACCESS_DENIED;
        audit.record(actor, actor == null ? null : actor.tenantId(), action, uri, Outcome.DENIED, ex.getClass().getSimpleName());
    }

    static void json(HttpServletResponse response, int status, String error, String message)
            throws IOException {
        response.setStatus(status);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write("{\"error\":\"" + error + "\",\"message\":\"" + message + "\"}");
    }
}
