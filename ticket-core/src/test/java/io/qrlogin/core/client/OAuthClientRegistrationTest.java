package io.qrlogin.core.client;

import java.util.Map;

import org.assertj.core.api.ThrowableAssertAlternative;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class OAuthClientRegistrationTest {

    @Test
    void clientWithoutTypeIsNotAnOAuthClient() {
        ClientRegistry registry = ClientRegistry.defaults();

        assertThat(registry.require("web").oauth()).isNull();
        assertThat(registry.oauthClients()).isEmpty();
    }

    @Test
    void confidentialClientGetsItsSettingsAndTheDefaults() {
        ClientRegistry registry = ClientRegistry.of(Map.of("rp", TestClients.confidential().build()));

        Client rp = registry.require("rp");
        assertThat(rp.origins()).isEmpty();
        assertThat(rp.audience()).isEqualTo("rp");
        assertThat(rp.oauth()).isNotNull().satisfies((oauth) -> {
            assertThat(oauth.type()).isEqualTo(ClientType.CONFIDENTIAL);
            assertThat(oauth.secret()).isEqualTo(TestClients.BCRYPT);
            assertThat(oauth.redirectUris()).containsExactly("https://rp.example.com/login/oauth2/code/qrlogin");
            assertThat(oauth.postLogoutRedirectUris()).isEmpty();
            assertThat(oauth.grantTypes()).containsExactly(GrantType.AUTHORIZATION_CODE);
            assertThat(oauth.scopes()).containsExactly("openid", "profile");
            assertThat(oauth.requireConsent()).isFalse();
            assertThat(oauth.backchannelLogoutUri()).isNull();
        });
        assertThat(registry.oauthClients()).containsOnlyKeys("rp");
    }

    @Test
    void nativeClientWithEveryGrantAndOfflineAccess() {
        OAuthClient cli = ClientRegistry.of(Map.of("cli", TestClients.nativeApp()
            .postLogoutRedirectUris("http://127.0.0.1/callback", "http://[::1]/callback", "com.example.cli:/done")
            .grantTypes("authorization_code", "refresh_token", "urn:ietf:params:oauth:grant-type:device_code")
            .scopes("openid", "profile", "offline_access")
            .build())).require("cli").oauth();

        assertThat(cli.type().isPublic()).isTrue();
        assertThat(cli.secret()).isNull();
        assertThat(cli.grantTypes()).containsExactly(GrantType.AUTHORIZATION_CODE, GrantType.REFRESH_TOKEN,
                GrantType.DEVICE_CODE);
        assertThat(cli.scopes()).containsExactly("openid", "profile", "offline_access");
        assertThat(cli.postLogoutRedirectUris()).containsExactly("http://127.0.0.1/callback", "http://[::1]/callback",
                "com.example.cli:/done");
    }

    @Test
    void settingsAreKeptAsConfigured() {
        OAuthClient rp = ClientRegistry.of(Map.of("rp", TestClients.confidential()
            .redirectUris("https://rp.example.com/cb?x=1", "http://localhost:8085/login/oauth2/code/qrlogin")
            .requireConsent(true)
            .backchannelLogoutUri("https://rp.example.com/logout/connect/back-channel/qrlogin")
            .build())).require("rp").oauth();

        assertThat(rp.redirectUris()).containsExactly("https://rp.example.com/cb?x=1",
                "http://localhost:8085/login/oauth2/code/qrlogin");
        assertThat(rp.requireConsent()).isTrue();
        assertThat(rp.backchannelLogoutUri()).isEqualTo("https://rp.example.com/logout/connect/back-channel/qrlogin");
    }

    @Test
    void oauthSettingsWithoutTypeThenStartFailsNamingThem() {
        assertStartFails("rp", TestClients.confidential().type(null).origins("https://rp.example.com"))
            .withMessageContaining("qrlogin.clients.rp.type")
            .withMessageContaining("secret, redirect-uris");
    }

    @Test
    void clientWithoutTypeStillNeedsOrigins() {
        assertThatIllegalArgumentException()
            .isThrownBy(() -> ClientRegistry.of(Map.of("crm", ClientProperties.site("CRM", null, null, null))))
            .withMessageContaining("qrlogin.clients.crm.origins");
    }

    @Test
    void confidentialClientWithoutSecretThenStartFails() {
        assertStartFails("rp", TestClients.confidential().secret(null))
            .withMessageContaining("qrlogin.clients.rp.secret must be set for a confidential client");
    }

    @Test
    void confidentialClientWithAPlainSecretThenStartFailsWithoutQuotingIt() {
        assertStartFails("rp", TestClients.confidential().secret("hunter2-plain"))
            .withMessageContaining("qrlogin.clients.rp.secret must be a hash")
            .withMessageNotContaining("hunter2");
    }

    @Test
    void publicOrNativeClientWithASecretThenStartFails() {
        assertStartFails("spa", TestClients.publicApp().secret(TestClients.BCRYPT))
            .withMessageContaining("qrlogin.clients.spa.secret must not be set for a public client");
        assertStartFails("cli", TestClients.nativeApp().secret(TestClients.BCRYPT))
            .withMessageContaining("must not be set for a native client");
    }

    @Test
    void authorizationCodeClientWithoutRedirectUriThenStartFails() {
        assertStartFails("rp", TestClients.confidential().redirectUris())
            .withMessageContaining("qrlogin.clients.rp.redirect-uris must name at least one URI");
    }

    @Test
    void deviceOnlyClientNeedsNoRedirectUri() {
        OAuthClient tv = ClientRegistry.of(Map.of("tv", TestClients.nativeApp().redirectUris()
            .grantTypes("urn:ietf:params:oauth:grant-type:device_code").build())).require("tv").oauth();

        assertThat(tv.redirectUris()).isEmpty();
        assertThat(tv.allows(GrantType.DEVICE_CODE)).isTrue();
        assertThat(tv.allows(GrantType.AUTHORIZATION_CODE)).isFalse();
    }

    @Test
    void redirectUriRelativeOrWithAFragmentThenStartFails() {
        assertStartFails("rp", TestClients.confidential().redirectUris("/callback"))
            .withMessageContaining("qrlogin.clients.rp.redirect-uris").withMessageContaining("absolute");
        assertStartFails("rp", TestClients.confidential().redirectUris("https://rp.example.com/cb#x"))
            .withMessageContaining("fragment");
        assertStartFails("rp", TestClients.confidential().postLogoutRedirectUris("https://rp.example.com/bye#x"))
            .withMessageContaining("qrlogin.clients.rp.post-logout-redirect-uris");
    }

    @Test
    void webClientRedirectUriOverPlainHttpOnlyOnThisMachine() {
        assertStartFails("rp", TestClients.confidential().redirectUris("http://rp.example.com/cb"))
            .withMessageContaining("must be an https URL");
        assertStartFails("spa", TestClients.publicApp().redirectUris("com.example.app:/cb"))
            .withMessageContaining("only a native client may use its own URI scheme");
        assertThat(ClientRegistry.of(Map.of("rp", TestClients.confidential()
            .redirectUris("http://localhost:8085/cb", "http://127.0.0.1:8085/cb").build())).require("rp").oauth()
            .redirectUris()).hasSize(2);
    }

    @Test
    void nativeClientHttpRedirectOnlyOnALoopbackAddressNotLocalhost() {
        assertStartFails("cli", TestClients.nativeApp().redirectUris("http://localhost/callback"))
            .withMessageContaining("127.0.0.1 or [::1]").withMessageContaining("RFC 8252");
        assertStartFails("cli", TestClients.nativeApp().redirectUris("http://cli.example.com/callback"))
            .withMessageContaining("qrlogin.clients.cli.redirect-uris");
        assertThat(ClientRegistry.of(Map.of("cli", TestClients.nativeApp()
            .redirectUris("http://127.0.0.1/callback", "http://[::1]:8000/callback", "https://cli.example.com/cb",
                    "com.example.cli:/callback")
            .build())).require("cli").oauth().redirectUris()).hasSize(4);
    }

    @Test
    void unknownGrantTypeThenStartFailsListingTheKnownOnes() {
        assertStartFails("rp", TestClients.confidential().grantTypes("password"))
            .withMessageContaining("qrlogin.clients.rp.grant-types: 'password'")
            .withMessageContaining("authorization_code");
    }

    @Test
    void refreshTokenGrantAndOfflineAccessOnlyTogether() {
        assertStartFails("rp", TestClients.confidential().grantTypes("authorization_code", "refresh_token"))
            .withMessageContaining("offline_access");
        assertStartFails("rp", TestClients.confidential().scopes("openid", "offline_access"))
            .withMessageContaining("refresh_token");
    }

    @Test
    void scopeOutOfShapeThenStartFails() {
        assertStartFails("rp", TestClients.confidential().scopes("openid profile"))
            .withMessageContaining("qrlogin.clients.rp.scopes");
    }

    @Test
    void backchannelLogoutUriMustBeHttpsOutsideThisMachine() {
        assertStartFails("rp", TestClients.confidential().backchannelLogoutUri("http://rp.example.com/logout"))
            .withMessageContaining("qrlogin.clients.rp.backchannel-logout-uri");
    }

    @Test
    void toStringNeverShowsTheSecretHash() {
        ClientProperties properties = TestClients.confidential().build();

        assertThat(properties.toString()).doesNotContain("$2a$").contains("secret=<hidden>");
        assertThat(ClientRegistry.of(Map.of("rp", properties)).require("rp").toString()).doesNotContain("$2a$");
    }

    /** Starting with {@code client} registered as {@code id} fails; the failure, to say what its message names. */
    private static ThrowableAssertAlternative<IllegalArgumentException> assertStartFails(String id, TestClients client) {
        return assertThatIllegalArgumentException().isThrownBy(() -> ClientRegistry.of(Map.of(id, client.build())));
    }
}
