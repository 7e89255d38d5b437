package io.qrlogin.core.client;

import java.util.List;

import org.jspecify.annotations.Nullable;

/** Client properties as an operator writes them, each test changing only what it is about. */
final class TestClients {

    static final String BCRYPT = "{bcrypt}$2a$10$8gHbbXmyJ0JKCiA2pSXoeu3pG9gTXtwd0mXyC7mT2SLQ0w0F5JYE.";

    private @Nullable String name = "Relying party";

    private @Nullable List<String> origins;

    private @Nullable ClientType type;

    private @Nullable String secret;

    private @Nullable List<String> redirectUris;

    private @Nullable List<String> postLogoutRedirectUris;

    private @Nullable List<String> grantTypes;

    private @Nullable List<String> scopes;

    private @Nullable Boolean requireConsent;

    private @Nullable String backchannelLogoutUri;

    private TestClients() {
    }

    /** A confidential client with a secret hash and one https redirect URI. */
    static TestClients confidential() {
        return new TestClients().type(ClientType.CONFIDENTIAL).secret(BCRYPT)
            .redirectUris("https://rp.example.com/login/oauth2/code/qrlogin");
    }

    /** A native client on the loopback address. */
    static TestClients nativeApp() {
        return new TestClients().type(ClientType.NATIVE).redirectUris("http://127.0.0.1/callback");
    }

    /** A public browser client. */
    static TestClients publicApp() {
        return new TestClients().type(ClientType.PUBLIC).redirectUris("https://spa.example.com/callback");
    }

    TestClients origins(String... origins) {
        this.origins = List.of(origins);
        return this;
    }

    TestClients type(@Nullable ClientType type) {
        this.type = type;
        return this;
    }

    TestClients secret(@Nullable String secret) {
        this.secret = secret;
        return this;
    }

    TestClients redirectUris(String... uris) {
        this.redirectUris = List.of(uris);
        return this;
    }

    TestClients postLogoutRedirectUris(String... uris) {
        this.postLogoutRedirectUris = List.of(uris);
        return this;
    }

    TestClients grantTypes(String... grantTypes) {
        this.grantTypes = List.of(grantTypes);
        return this;
    }

    TestClients scopes(String... scopes) {
        this.scopes = List.of(scopes);
        return this;
    }

    TestClients requireConsent(boolean requireConsent) {
        this.requireConsent = requireConsent;
        return this;
    }

    TestClients backchannelLogoutUri(String uri) {
        this.backchannelLogoutUri = uri;
        return this;
    }

    ClientProperties build() {
        return new ClientProperties(this.name, this.origins, null, null, this.type, this.secret, this.redirectUris,
                this.postLogoutRedirectUris, this.grantTypes, this.scopes, this.requireConsent,
                this.backchannelLogoutUri, null, null, null);
    }
}
