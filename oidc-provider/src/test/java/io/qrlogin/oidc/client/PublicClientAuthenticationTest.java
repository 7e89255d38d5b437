package io.qrlogin.oidc.client;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.qrlogin.core.client.ClientProperties;
import io.qrlogin.core.client.ClientRegistry;
import io.qrlogin.core.client.ClientType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.context.AuthorizationServerContext;
import org.springframework.security.oauth2.server.authorization.context.AuthorizationServerContextHolder;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class PublicClientAuthenticationTest {

    private static final ConfiguredClients CLIENTS = new ConfiguredClients(ClientRegistry.of(Map.of(
            "cli", new ClientProperties("CLI", null, null, null, ClientType.NATIVE, null,
                    List.of("http://127.0.0.1/callback"), null, List.of("authorization_code", "refresh_token"),
                    List.of("openid", "offline_access"), null, null, null, null, null),
            "rp", new ClientProperties("RP", null, null, null, ClientType.CONFIDENTIAL, "{noop}secret",
                    List.of("https://rp.example.test/cb"), null, null, null, null, null, null, null, null))),
            Duration.ofMinutes(5), Duration.ofHours(1));

    private final PublicClientAuthentication publicClients = new PublicClientAuthentication(CLIENTS);

    @BeforeEach
    void context() {
        AuthorizationServerSettings settings = AuthorizationServerSettings.builder().build();
        AuthorizationServerContextHolder.setContext(new AuthorizationServerContext() {
            @Override
            public String getIssuer() {
                return "https://login.example.test";
            }

            @Override
            public AuthorizationServerSettings getAuthorizationServerSettings() {
                return settings;
            }
        });
    }

    @AfterEach
    void reset() {
        AuthorizationServerContextHolder.resetContext();
    }

    @Test
    void refreshNamingANativeClientThenThatClientAuthenticated() {
        Authentication converted = this.publicClients.convert(post("/oauth2/token", "grant_type", "refresh_token",
                "refresh_token", "r", "client_id", "cli"));

        Authentication authenticated = this.publicClients.authenticate(converted);

        assertThat(authenticated).isInstanceOfSatisfying(OAuth2ClientAuthenticationToken.class, (client) -> {
            assertThat(client.isAuthenticated()).isTrue();
            assertThat(client.getRegisteredClient().getClientId()).isEqualTo("cli");
            assertThat(client.getClientAuthenticationMethod()).isEqualTo(ClientAuthenticationMethod.NONE);
        });
    }

    @Test
    void revocationNamingANativeClientThenClaimed() {
        assertThat(this.publicClients.convert(post("/oauth2/revoke", "token", "r", "client_id", "cli"))).isNotNull();
    }

    @Test
    void deviceAuthorizationAndDeviceCodePollsNamingANativeClientThenThatClientAuthenticated() {
        for (MockHttpServletRequest request : new MockHttpServletRequest[] {
                post("/oauth2/device_authorization", "scope", "openid", "client_id", "cli"),
                post("/oauth2/token", "grant_type", "urn:ietf:params:oauth:grant-type:device_code", "device_code", "d",
                        "client_id", "cli") }) {
            Authentication authenticated = this.publicClients.authenticate(this.publicClients.convert(request));

            assertThat(authenticated).isInstanceOfSatisfying(OAuth2ClientAuthenticationToken.class, (client) -> {
                assertThat(client.isAuthenticated()).isTrue();
                assertThat(client.getRegisteredClient().getClientId()).isEqualTo("cli");
            });
        }
    }

    @Test
    void deviceAuthorizationNamingAConfidentialClientWithoutItsSecretThenInvalidClient() {
        Authentication converted = this.publicClients.convert(post("/oauth2/device_authorization", "client_id", "rp"));

        assertThatExceptionOfType(OAuth2AuthenticationException.class)
            .isThrownBy(() -> this.publicClients.authenticate(converted))
            .satisfies((ex) -> assertThat(ex.getError().getErrorCode()).isEqualTo("invalid_client"));
    }

    @Test
    void requestsItDoesNotCoverAreLeftToTheOtherConverters() {
        assertThat(this.publicClients.convert(post("/oauth2/introspect", "token", "t", "client_id", "cli"))).isNull();
        assertThat(this.publicClients.convert(post("/oauth2/token", "grant_type", "authorization_code", "code", "c",
                "code_verifier", "v", "client_id", "cli"))).isNull();
        assertThat(this.publicClients.convert(post("/oauth2/token", "grant_type", "refresh_token", "refresh_token", "r",
                "client_id", "rp", "client_secret", "secret"))).isNull();
        assertThat(this.publicClients.convert(post("/oauth2/token", "grant_type", "refresh_token", "refresh_token", "r")))
            .isNull();
        MockHttpServletRequest basic = post("/oauth2/token", "grant_type", "refresh_token", "refresh_token", "r",
                "client_id", "rp");
        basic.addHeader("Authorization", "Basic cnA6c2VjcmV0");
        assertThat(this.publicClients.convert(basic)).isNull();
    }

    @Test
    void confidentialClientNamingItselfWithoutItsSecretThenInvalidClient() {
        Authentication converted = this.publicClients.convert(post("/oauth2/token", "grant_type", "refresh_token",
                "refresh_token", "r", "client_id", "rp"));

        assertThatExceptionOfType(OAuth2AuthenticationException.class)
            .isThrownBy(() -> this.publicClients.authenticate(converted))
            .satisfies((ex) -> assertThat(ex.getError().getErrorCode()).isEqualTo("invalid_client"));
    }

    @Test
    void codeExchangeOfAPublicClientIsLeftToPkce() {
        OAuth2ClientAuthenticationToken pkce = new OAuth2ClientAuthenticationToken("cli", ClientAuthenticationMethod.NONE,
                null, Map.of("grant_type", "authorization_code", "code", "c", "code_verifier", "v"));

        assertThat(this.publicClients.authenticate(pkce)).isNull();
    }

    private static MockHttpServletRequest post(String path, String... parameters) {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", path);
        for (int i = 0; i < parameters.length; i += 2) {
            request.addParameter(parameters[i], parameters[i + 1]);
        }
        return request;
    }
}
