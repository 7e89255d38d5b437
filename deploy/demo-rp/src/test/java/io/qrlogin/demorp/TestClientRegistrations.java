package io.qrlogin.demorp;

import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.AuthorizationGrantType;

/**
 * The demo app's registration at QR Login as its discovery document would make it, for tests that fetch
 * nothing from the provider. A builder, so each test states only what it changes (where the keys are, say).
 */
final class TestClientRegistrations {

    static final String ISSUER = "https://login.example.com";

    private TestClientRegistrations() {
    }

    static ClientRegistration.Builder qrLogin() {
        return ClientRegistration.withRegistrationId("qrlogin")
            .clientId("demo-rp")
            .clientSecret("demo-rp-secret")
            .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
            .redirectUri("{baseUrl}/login/oauth2/code/{registrationId}")
            .scope("openid", "profile")
            .issuerUri(ISSUER)
            .authorizationUri(ISSUER + "/oauth2/authorize")
            .tokenUri(ISSUER + "/oauth2/token")
            .jwkSetUri(ISSUER + "/.well-known/jwks.json")
            .userInfoUri(ISSUER + "/userinfo")
            .userNameAttributeName("sub");
    }
}
