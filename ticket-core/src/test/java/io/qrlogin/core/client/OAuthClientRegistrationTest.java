package io.qrlogin.core.client;

import java.util.Map;

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
        assertThatIllegalArgumentException().isThrownBy(() -> ClientRegistry.of(Map.of("rp",
                TestClients.confidential().type(null).origins("https://rp.example.com").build())))
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
        assertThatIllegalArgumentException()
            .isThrownBy(() -> ClientRegistry.of(Map.of("rp", TestClients.confidential().secret(null).build())))
            .withMessageContaining("qrlogin.clients.rp.secret must be set for a confidential client");
    }

    @Test
    void confidentialClientWithAPlainSecretThenStartFailsWithoutQuotingIt() {
        assertThatIllegalArgumentException()
            .isThrownBy(() -> ClientRegistry.of(Map.of("rp", TestClients.confidential().secret("hunter2-plain").build())))
            .withMessageContaining("qrlogin.clients.rp.secret must be a hash")
            .withMessageNotContaining("hunter2");
    }

    @Test
    void publicOrNativeClientWithASecretThenStartFails() {
        assertThatIllegalArgumentException()
            .isThrownBy(() -> ClientRegistry.of(Map.of("spa", TestClients.publicApp().secret(TestClients.BCRYPT).build())))
            .withMessageContaining("qrlogin.clients.spa.secret must not be set for a public client");
        assertThatIllegalArgumentException()
            .isThrownBy(() -> ClientRegistry.of(Map.of("cli", TestClients.nativeApp().secret(TestClients.BCRYPT).build())))
            .withMessageContaining("must not be set for a native client");
    }

    @Test
    void authorizationCodeClientWithoutRedirectUriThenStartFails() {
        assertThatIllegalArgumentException()
            .isThrownBy(() -> ClientRegistry.of(Map.of("rp", TestClients.confidential().redirectUris().build())))
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
        assertThatIllegalArgumentException()
            .isThrownBy(() -> ClientRegistry.of(Map.of("rp", TestClients.confidential().redirectUris("/callback").build())))
            .withMessageContaining("qrlogin.clients.rp.redirect-uris").withMessageContaining("absolute");
        assertThatIllegalArgumentException()
            .isThrownBy(() -> ClientRegistry.of(Map.of("rp",
                    TestClients.confidential().redirectUris("https://rp.example.com/cb#x").build())))
            .withMessageContaining("fragment");
        assertThatIllegalArgumentException()
            .isThrownBy(() -> ClientRegistry.of(Map.of("rp",
                    TestClients.confidential().postLogoutRedirectUris("https://rp.example.com/bye#x").build())))
            .withMessageContaining("qrlogin.clients.rp.post-logout-redirect-uris");
    }

    @Test
    void webClientRedirectUriOverPlainHttpOnlyOnThisMachine() {
        assertThatIllegalArgumentException()
            .isThrownBy(() -> ClientRegistry.of(Map.of("rp",
                    TestClients.confidential().redirectUris("http://rp.example.com/cb").build())))
            .withMessageContaining("must be an https URL");
        assertThatIllegalArgumentException()
            .isThrownBy(() -> ClientRegistry.of(Map.of("spa",
                    TestClients.publicApp().redirectUris("com.example.app:/cb").build())))
            .withMessageContaining("only a native client may use its own URI scheme");
        assertThat(ClientRegistry.of(Map.of("rp", TestClients.confidential()
            .redirectUris("http://localhost:8085/cb", "http://127.0.0.1:8085/cb").build())).require("rp").oauth()
            .redirectUris()).hasSize(2);
    }

    @Test
    void nativeClientHttpRedirectOnlyOnALoopbackAddressNotLocalhost() {
        assertThatIllegalArgumentException()
            .isThrownBy(() -> ClientRegistry.of(Map.of("cli",
                    TestClients.nativeApp().redirectUris("http://localhost/callback").build())))
            .withMessageContaining("127.0.0.1 or [::1]").withMessageContaining("RFC 8252");
        assertThatIllegalArgumentException()
            .isThrownBy(() -> ClientRegistry.of(Map.of("cli",
                    TestClients.nativeApp().redirectUris("http://cli.example.com/callback").build())))
            .withMessageContaining("qrlogin.clients.cli.redirect-uris");
        assertThat(ClientRegistry.of(Map.of("cli", TestClients.nativeApp()
            .redirectUris("http://127.0.0.1/callback", "http://[::1]:8000/callback", "https://cli.example.com/cb",
                    "com.example.cli:/callback")
            .build())).require("cli").oauth().redirectUris()).hasSize(4);
    }

    @Test
    void unknownGrantTypeThenStartFailsListingTheKnownOnes() {
        assertThatIllegalArgumentException()
            .isThrownBy(() -> ClientRegistry.of(Map.of("rp", TestClients.confidential().grantTypes("password").build())))
            .withMessageContaining("qrlogin.clients.rp.grant-types: 'password'")
            .withMessageContaining("authorization_code");
    }

    @Test
    void refreshTokenGrantAndOfflineAccessOnlyTogether() {
        assertThatIllegalArgumentException()
            .isThrownBy(() -> ClientRegistry.of(Map.of("rp",
                    TestClients.confidential().grantTypes("authorization_code", "refresh_token").build())))
            .withMessageContaining("offline_access");
        assertThatIllegalArgumentException()
            .isThrownBy(() -> ClientRegistry.of(Map.of("rp",
                    TestClients.confidential().scopes("openid", "offline_access").build())))
            .withMessageContaining("refresh_token");
    }

    @Test
    void scopeOutOfShapeThenStartFails() {
        assertThatIllegalArgumentException()
            .isThrownBy(() -> ClientRegistry.of(Map.of("rp", TestClients.confidential().scopes("openid profile").build())))
            .withMessageContaining("qrlogin.clients.rp.scopes");
    }

    @Test
    void backchannelLogoutUriMustBeHttpsOutsideThisMachine() {
        assertThatIllegalArgumentException()
            .isThrownBy(() -> ClientRegistry.of(Map.of("rp",
                    TestClients.confidential().backchannelLogoutUri("http://rp.example.com/logout").build())))
            .withMessageContaining("qrlogin.clients.rp.backchannel-logout-uri");
    }

    @Test
    void toStringNeverShowsTheSecretHash() {
        ClientProperties properties = TestClients.confidential().build();

        assertThat(properties.toString()).doesNotContain("$2a$").contains("secret=<hidden>");
        assertThat(ClientRegistry.of(Map.of("rp", properties)).require("rp").toString()).doesNotContain("$2a$");
    }
}
