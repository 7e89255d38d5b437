package io.qrlogin.oidc.login;

import java.time.Clock;

import io.qrlogin.core.client.ClientRegistry;
import io.qrlogin.keys.SigningKeySet;
import io.qrlogin.oidc.OidcProperties;

import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.context.DelegatingSecurityContextRepository;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.savedrequest.NullRequestCache;
import org.springframework.security.web.savedrequest.RequestCache;

/**
 * The QR login: its pages (everything the authorization server's own chain does not claim) and how
 * it checks a session token.
 */
@Configuration(proxyBeanMethods = false)
class LoginConfiguration {

    @Bean
    UsedTokenIds usedTokenIds(StringRedisTemplate redis) {
        return new UsedTokenIds(redis);
    }

    @Bean
    SessionTokenVerifier sessionTokenVerifier(SigningKeySet keys, OidcProperties properties, UsedTokenIds used,
            Clock clock) {
        return new SessionTokenVerifier(keys, properties.session().issuer().toString(),
                properties.oidc().loginTokenMaxAge(), used, clock);
    }

    /** Where an authorization request waits, in the browser's provider session, while its user signs in. */
    @Bean
    RequestCache requestCache() {
        return new HttpSessionRequestCache();
    }

    @Bean
    PendingLogins pendingLogins(ClientRegistry clients, RequestCache requestCache,
            SecurityContextRepository contextRepository) {
        return new PendingLogins(clients, requestCache, contextRepository);
    }

    /** Where a signed-in user is kept: the browser's provider session (Spring Session, in Redis). */
    @Bean
    SecurityContextRepository securityContextRepository() {
        return new DelegatingSecurityContextRepository(new RequestAttributeSecurityContextRepository(),
                new HttpSessionSecurityContextRepository());
    }

    /**
     * The login page, its hand-over (CSRF-protected) and assets are open; the management endpoints are
     * open on the management port, the only one that serves them; anything else is refused.
     */
    @Bean
    @Order(2)
    SecurityFilterChain loginChain(HttpSecurity http, SecurityContextRepository contextRepository) throws Exception {
        http.authorizeHttpRequests((authorize) -> authorize
            .requestMatchers(LoginPaths.ALL, "/error").permitAll()
            .requestMatchers(EndpointRequest.toAnyEndpoint()).permitAll()
            .anyRequest().denyAll());
        // Never save a request here: the pending authorization request must survive a stray one.
        http.requestCache((cache) -> cache.requestCache(new NullRequestCache()));
        http.securityContext((context) -> context.securityContextRepository(contextRepository));
        return http.build();
    }
}
