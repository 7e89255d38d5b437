package io.qrlogin.support.security;

import io.qrlogin.support.web.ProblemResponder;

import org.springframework.security.config.Customizer;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;

/**
 * What the security of every service whose API takes a bearer token shares: stateless (no server
 * session, no saved requests, no cookies, hence no CSRF protection to need), no login or logout of its
 * own, and problem answers for a missing or bad token and for a refused call, from the resource server
 * and from the authorization rules alike. The service adds how its tokens are read and its rules.
 */
public final class BearerTokenApi {

    private BearerTokenApi() {
    }

    /**
     * Applies the shared part to {@code http}; {@code credential} names the token in the problem's detail
     * (e.g. "app token"), {@code tokens} configures how the resource server reads and verifies it.
     */
    public static ServerHttpSecurity configure(ServerHttpSecurity http, ProblemResponder problems, String credential,
            Customizer<ServerHttpSecurity.OAuth2ResourceServerSpec> tokens) {
        ProblemAuthenticationEntryPoint entryPoint = new ProblemAuthenticationEntryPoint(problems, credential);
        ProblemAccessDeniedHandler accessDenied = new ProblemAccessDeniedHandler(problems);
        return http
            .csrf(ServerHttpSecurity.CsrfSpec::disable)
            .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
            .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
            .logout(ServerHttpSecurity.LogoutSpec::disable)
            .requestCache((cache) -> cache.requestCache(NoOpServerRequestCache.getInstance()))
            .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
            .oauth2ResourceServer((server) -> {
                tokens.customize(server);
                server.authenticationEntryPoint(entryPoint).accessDeniedHandler(accessDenied);
            })
            .exceptionHandling((exceptions) -> exceptions
                .authenticationEntryPoint(entryPoint)
                .accessDeniedHandler(accessDenied));
    }
}
