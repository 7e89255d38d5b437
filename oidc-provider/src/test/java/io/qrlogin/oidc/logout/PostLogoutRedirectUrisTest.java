package io.qrlogin.oidc.logout;

import java.util.List;

import io.qrlogin.oidc.client.ConfiguredClients;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.oidc.authentication.OidcLogoutAuthenticationContext;
import org.springframework.security.oauth2.server.authorization.oidc.authentication.OidcLogoutAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class PostLogoutRedirectUrisTest {

    private static final RegisteredClient CLI = client("cli", true, "http://127.0.0.1/callback",
            "http://[::1]/callback");

    private static final RegisteredClient WEB = client("web", false, "https://app.example.test/signed-out",
            "http://127.0.0.1:3000/signed-out");

    @ParameterizedTest
    @ValueSource(strings = { "http://127.0.0.1/callback", "http://127.0.0.1:40123/callback",
            "http://[::1]:40123/callback", "http://[::1]/callback" })
    void nativeClientsLoopbackUriOnAnyPortThenAllowed(String requested) {
        assertThatCode(() -> validate(CLI, requested)).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @ValueSource(strings = { "http://127.0.0.1:40123/other", "http://127.0.0.1:40123/callback?next=x",
            "http://localhost:40123/callback", "https://127.0.0.1:40123/callback", "http://127.0.0.2:40123/callback",
            "http://user@127.0.0.1:40123/callback", "http://127.0.0.1.attacker.example:40123/callback" })
    void nativeClientsUriThatDiffersInMoreThanThePortThenRefused(String requested) {
        assertThatExceptionOfType(OAuth2AuthenticationException.class).isThrownBy(() -> validate(CLI, requested));
    }

    @ParameterizedTest
    @ValueSource(strings = { "https://app.example.test/signed-out", "http://127.0.0.1:3000/signed-out" })
    void webClientsRegisteredUriThenAllowed(String requested) {
        assertThatCode(() -> validate(WEB, requested)).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @ValueSource(strings = { "http://127.0.0.1:4000/signed-out", "http://127.0.0.1/signed-out",
            "https://app.example.test/signed-out/", "https://attacker.example/signed-out" })
    void webClientsUriOtherThanRegisteredThenRefused(String requested) {
        assertThatExceptionOfType(OAuth2AuthenticationException.class).isThrownBy(() -> validate(WEB, requested));
    }

    private static void validate(RegisteredClient client, String requested) {
        OidcLogoutAuthenticationToken logout = new OidcLogoutAuthenticationToken("id-token",
                new AnonymousAuthenticationToken("key", "anonymous", AuthorityUtils.createAuthorityList("ROLE_ANONYMOUS")),
                null, client.getClientId(), requested, "state");
        PostLogoutRedirectUris.validate(OidcLogoutAuthenticationContext.with(logout).registeredClient(client).build());
    }

    private static RegisteredClient client(String id, boolean nativeClient, String... postLogoutRedirectUris) {
        return RegisteredClient.withId(id).clientId(id)
            .clientAuthenticationMethod(ClientAuthenticationMethod.NONE)
            .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
            .redirectUri("http://127.0.0.1/callback")
            .postLogoutRedirectUris((uris) -> uris.addAll(List.of(postLogoutRedirectUris)))
            .clientSettings(ClientSettings.builder().setting(ConfiguredClients.NATIVE, nativeClient).build())
            .build();
    }
}
