package io.qrlogin.demorp;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.client.oidc.authentication.OidcIdTokenDecoderFactory;
import org.springframework.security.oauth2.client.oidc.web.logout.OidcClientInitiatedLogoutSuccessHandler;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwtDecoderFactory;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;

/**
 * Sign-in with OpenID Connect (the registration {@code qrlogin} of application.yml), sign-out at QR Login
 * too, and back-channel logout: a session that ends at QR Login ends here. The home page is public: it shows the sign-in button, or who is signed in.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    @Bean
    SecurityFilterChain securityFilterChain(HttpSecurity http, ClientRegistrationRepository registrations,
            SignedInSessions sessions)
            throws Exception {
        // RP-initiated logout: after this app's session, the browser goes to QR Login's end_session_endpoint
        // (from its discovery document) with the ID token as a hint, and QR Login sends it back here.
        OidcClientInitiatedLogoutSuccessHandler logoutAtQrLogin = new OidcClientInitiatedLogoutSuccessHandler(registrations);
        logoutAtQrLogin.setPostLogoutRedirectUri("{baseUrl}/");
        http.authorizeHttpRequests((requests) -> requests
                .requestMatchers("/", "/demo-rp.css", "/error", BackChannelLogoutController.PATH).permitAll()
                .anyRequest().authenticated())
            .oauth2Login((login) -> login.loginPage("/").successHandler(rememberSid(sessions)))
            .logout((logout) -> logout.logoutSuccessHandler(logoutAtQrLogin))
            // QR Login posts logout tokens server to server: no browser, no session, no CSRF token.
            .csrf((csrf) -> csrf.ignoringRequestMatchers(BackChannelLogoutController.PATH));
        return http.build();
    }

    /** Logout tokens from the provider of the registration {@code qrlogin}. */
    @Bean
    LogoutTokenDecoder logoutTokenDecoder(ClientRegistrationRepository registrations) {
        return new LogoutTokenDecoder(registrations.findByRegistrationId("qrlogin"));
    }

    /**
     * After a sign-in, remembers the session under the ID token's {@code sid} (for back-channel logout),
     * then goes on as Spring Security would have.
     */
    private static AuthenticationSuccessHandler rememberSid(SignedInSessions sessions) {
        SavedRequestAwareAuthenticationSuccessHandler then = new SavedRequestAwareAuthenticationSuccessHandler();
        return (request, response, authentication) -> {
            if (authentication.getPrincipal() instanceof OidcUser user && user.getIdToken().getClaimAsString("sid") != null) {
                sessions.signedIn(user.getIdToken().getClaimAsString("sid"), request.getSession());
            }
            then.onAuthenticationSuccess(request, response, authentication);
        };
    }

    /**
     * QR Login signs ID tokens with ES256 (its discovery document says so); Spring Security's OpenID Connect
     * client expects RS256 unless told otherwise, and would refuse every sign-in.
     */
    @Bean
    JwtDecoderFactory<ClientRegistration> idTokenDecoderFactory() {
        OidcIdTokenDecoderFactory factory = new OidcIdTokenDecoderFactory();
        factory.setJwsAlgorithmResolver((registration) -> SignatureAlgorithm.ES256);
        return factory;
    }
}
