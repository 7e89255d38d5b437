package io.qrlogin.oidc.server;

import java.time.Clock;
import java.util.List;
import java.util.function.Consumer;

import io.qrlogin.oidc.OidcProperties;
import io.qrlogin.oidc.authorize.AuthorizationResponses;
import io.qrlogin.oidc.authorize.LoginFreshnessFilter;
import io.qrlogin.oidc.authorize.QrLoginEntryPoint;
import io.qrlogin.oidc.authorize.RedirectUris;
import io.qrlogin.oidc.client.ConfiguredClients;
import io.qrlogin.oidc.client.PublicClientAuthentication;
import io.qrlogin.oidc.device.DeviceGrant;
import io.qrlogin.oidc.login.LoginPaths;
import io.qrlogin.oidc.store.RedisOAuth2AuthorizationConsentService;
import io.qrlogin.oidc.store.RedisOAuth2AuthorizationService;
import io.qrlogin.oidc.logout.EndSessionOnLogout;
import io.qrlogin.oidc.logout.PostLogoutRedirectUris;
import io.qrlogin.oidc.token.ConcurrentUseRefusal;
import io.qrlogin.oidc.token.DPoPBoundRefresh;
import io.qrlogin.oidc.sessionservice.SessionCheck;
import io.qrlogin.oidc.token.LiveSessionRefresh;
import io.qrlogin.oidc.token.RefreshTokenReuseDetection;
import io.qrlogin.oidc.token.TokenErrorResponses;
import org.jspecify.annotations.Nullable;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.session.SessionInformation;
import org.springframework.security.core.session.SessionRegistry;
import org.springframework.security.oauth2.core.OAuth2Token;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2RefreshTokenAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenGenerator;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.savedrequest.RequestCache;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;

/**
 * Spring Authorization Server with OpenID Connect, as this provider runs it: its endpoints at the
 * paths of the public contract under the gateway's URL as issuer, the QR login as the way users
 * authenticate, authorizations in Redis, the RFC 9207 issuer in authorization responses, refresh
 * tokens that rotate with reuse detection, public clients that may refresh, and the device grant on
 * the ticket engine.
 */
@Configuration(proxyBeanMethods = false)
class AuthorizationServerConfiguration {

    @Bean
    AuthorizationServerSettings authorizationServerSettings(OidcProperties properties) {
        return AuthorizationServerSettings.builder()
            // Fixed, never taken from a request: one issuer for ID tokens and session tokens alike.
            .issuer(properties.session().issuer().toString())
            // The JWKS session-service publishes at the same path: one key set for every token.
            .jwkSetEndpoint("/.well-known/jwks.json")
            .build();
    }

    /**
     * No session tracking of Spring Authorization Server's own: it names a session by the hash of the
     * HTTP session id and remembers it in this JVM. Here {@code sid} is the session-service session the
     * QR login opened, which the phone's session list and every service know.
     */
    @Bean
    SessionRegistry sessionRegistry() {
        return new NoSessionRegistry();
    }

    @Bean
    @Order(1)
    SecurityFilterChain authorizationServerChain(HttpSecurity http, ConfiguredClients clients,
            RedisOAuth2AuthorizationService authorizations, RedisOAuth2AuthorizationConsentService consents,
            OAuth2TokenGenerator<OAuth2Token> tokens, RequestCache requestCache,
            SecurityContextRepository contextRepository, AuthorizationServerSettings settings, Clock clock,
            DeviceGrant device, EndSessionOnLogout endSession, SessionCheck sessions) throws Exception {
        AuthorizationResponses responses = new AuthorizationResponses();
        PublicClientAuthentication publicClients = new PublicClientAuthentication(clients);
        http.oauth2AuthorizationServer((server) -> {
            http.securityMatcher(server.getEndpointsMatcher());
            server.registeredClientRepository(clients)
                .authorizationService(authorizations)
                .authorizationConsentService(consents)
                .tokenGenerator(tokens)
                .clientAuthentication((authentication) -> authentication
                    .authenticationConverter(publicClients)
                    .authenticationProvider(publicClients))
                .authorizationEndpoint((authorize) -> authorize
                    .authenticationProviders(RedirectUris.exactExceptNativeLoopback())
                    .authorizationResponseHandler(responses::success)
                    .errorResponseHandler(responses::failure))
                .tokenEndpoint((token) -> token.authenticationProviders(guarded(authorizations, device, sessions))
                    .errorResponseHandler(new TokenErrorResponses()))
                .deviceAuthorizationEndpoint((deviceAuthorization) -> deviceAuthorization
                    .authenticationProviders(device.authorizationRequests())
                    .deviceAuthorizationResponseHandler(device.responses()))
                .authorizationServerMetadataEndpoint((metadata) -> metadata
                    .authorizationServerMetadataCustomizer(Discovery::authorizationServer))
                .oidc((oidc) -> oidc
                    .providerConfigurationEndpoint((discovery) -> discovery
                        .providerConfigurationCustomizer(Discovery::provider))
                    .logoutEndpoint((logout) -> logout
                        .authenticationProviders(PostLogoutRedirectUris.registeredOrNativeLoopback())
                        .logoutResponseHandler(endSession)));
        });
        http.authorizeHttpRequests((authorize) -> authorize.anyRequest().authenticated());
        // /userinfo takes the provider's access tokens, DPoP-bound ones with their proof.
        http.oauth2ResourceServer((resource) -> resource.jwt(Customizer.withDefaults()).dPoP(Customizer.withDefaults()));
        http.requestCache((cache) -> cache.requestCache(requestCache));
        http.securityContext((context) -> context.securityContextRepository(contextRepository));
        http.addFilterBefore(new LoginFreshnessFilter(responses, clock, authorizations::hasEnded), AuthorizationFilter.class);
        // Browsers come to the authorization endpoint whatever they accept: each gets the QR login page.
        http.exceptionHandling((exceptions) -> exceptions.defaultAuthenticationEntryPointFor(
                new QrLoginEntryPoint(LoginPaths.LOGIN, responses),
                PathPatternRequestMatcher.withDefaults().matcher(settings.getAuthorizationEndpoint())));
        return http.build();
    }

    /**
     * The token endpoint's providers: refresh tokens with reuse detection, for public clients their DPoP
     * binding enforced, and only while their session is live; races refused for codes; device polls on
     * the ticket engine.
     */
    private static Consumer<List<AuthenticationProvider>> guarded(RedisOAuth2AuthorizationService authorizations,
            DeviceGrant device, SessionCheck sessions) {
        return (providers) -> providers.replaceAll((provider) -> {
            if (provider instanceof OAuth2RefreshTokenAuthenticationProvider) {
                return new RefreshTokenReuseDetection(new DPoPBoundRefresh(
                        new LiveSessionRefresh(provider, authorizations, sessions), authorizations), authorizations);
            }
            if (provider instanceof OAuth2AuthorizationCodeAuthenticationProvider) {
                return new ConcurrentUseRefusal(provider);
            }
            return device.poll(provider);
        });
    }

    /** Tracks nothing: see {@link #sessionRegistry()}. */
    static final class NoSessionRegistry implements SessionRegistry {

        @Override
        public List<Object> getAllPrincipals() {
            return List.of();
        }

        @Override
        public List<SessionInformation> getAllSessions(Object principal, boolean includeExpiredSessions) {
            return List.of();
        }

        @Override
        public @Nullable SessionInformation getSessionInformation(String sessionId) {
            return null;
        }

        @Override
        public void refreshLastRequest(String sessionId) {
        }

        @Override
        public void registerNewSession(String sessionId, Object principal) {
        }

        @Override
        public void removeSessionInformation(String sessionId) {
        }
    }
}
