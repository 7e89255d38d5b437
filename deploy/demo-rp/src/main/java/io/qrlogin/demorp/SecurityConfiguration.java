package io.qrlogin.demorp;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.client.oidc.authentication.OidcIdTokenDecoderFactory;
import org.springframework.security.oauth2.client.oidc.web.logout.OidcClientInitiatedLogoutSuccessHandler;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwtDecoderFactory;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Sign-in with OpenID Connect (the registration {@code qrlogin} of application.yml), sign-out at QR Login
 * too. The home page is public: it shows the sign-in button, or who is signed in.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    @Bean
    SecurityFilterChain securityFilterChain(HttpSecurity http, ClientRegistrationRepository registrations)
            throws Exception {
        // RP-initiated logout: after this app's session, the browser goes to QR Login's end_session_endpoint
        // (from its discovery document) with the ID token as a hint, and QR Login sends it back here.
        OidcClientInitiatedLogoutSuccessHandler logoutAtQrLogin = new OidcClientInitiatedLogoutSuccessHandler(registrations);
        logoutAtQrLogin.setPostLogoutRedirectUri("{baseUrl}/");
        http.authorizeHttpRequests((requests) -> requests.requestMatchers("/", "/demo-rp.css", "/error").permitAll()
                .anyRequest().authenticated())
            .oauth2Login((login) -> login.loginPage("/"))
            .logout((logout) -> logout.logoutSuccessHandler(logoutAtQrLogin));
        return http.build();
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
