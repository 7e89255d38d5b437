package io.qrlogin.demorp;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.oidcLogin;

/**
 * The page and the sign-in and sign-out wiring, against a registration that stands in for QR Login's
 * discovery document (nothing is fetched).
 */
@WebMvcTest(HomeController.class)
@Import({ SecurityConfiguration.class, SignedInSessions.class, HomeControllerTest.QrLoginRegistration.class })
class HomeControllerTest {

    private static final String ISSUER = TestClientRegistrations.ISSUER;

    private static final ClientRegistration QRLOGIN = TestClientRegistrations.qrLogin()
        .providerConfigurationMetadata(Map.of("end_session_endpoint", ISSUER + "/connect/logout"))
        .build();

    @Autowired
    private MockMvcTester mvc;

    @Test
    void anonymousThenTheSignInButton() {
        assertThat(this.mvc.get().uri("/")).hasStatusOk()
            .bodyText()
            .contains("Sign in with QR Login", "href=\"/oauth2/authorization/qrlogin\"")
            .doesNotContain("Sign out");
    }

    @Test
    void signInThenSentToQrLoginsAuthorizationEndpoint() {
        assertThat(this.mvc.get().uri("/oauth2/authorization/qrlogin")).hasStatus(HttpStatus.FOUND)
            .redirectedUrl()
            .startsWith(ISSUER + "/oauth2/authorize?")
            .contains("response_type=code", "client_id=demo-rp", "scope=openid%20profile", "state=", "nonce=",
                    "redirect_uri=http://localhost/login/oauth2/code/qrlogin");
    }

    @Test
    void signedInThenTheIdTokensClaimsAndSignOut() {
        assertThat(this.mvc.get().uri("/").with(signedIn())).hasStatusOk()
            .bodyText()
            .contains("Signed in as <strong>Alice</strong>", "<code>amr</code>", "<code>[qr]</code>", "<code>sid</code>",
                    "<code>session-1</code>", "Sign out", "name=\"_csrf\"")
            .doesNotContain("Sign in with QR Login");
    }

    @Test
    void signOutThenLoggedOutAtQrLoginAndSentBackHere() {
        assertThat(this.mvc.post().uri("/logout").with(signedIn()).with(csrf())).hasStatus(HttpStatus.FOUND)
            .redirectedUrl()
            .startsWith(ISSUER + "/connect/logout?")
            .contains("id_token_hint=", "post_logout_redirect_uri=http://localhost/");
    }

    private static org.springframework.test.web.servlet.request.RequestPostProcessor signedIn() {
        return oidcLogin().clientRegistration(QRLOGIN)
            .idToken((token) -> token.issuer(ISSUER)
                .subject("alice")
                .audience(List.of("demo-rp"))
                .claim("name", "Alice")
                .claim("amr", List.of("qr"))
                .claim("sid", "session-1"));
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class QrLoginRegistration {

        @Bean
        ClientRegistrationRepository clientRegistrationRepository() {
            return new InMemoryClientRegistrationRepository(QRLOGIN);
        }
    }
}
