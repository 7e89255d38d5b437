package io.qrlogin.oidc;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.function.Consumer;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.AuthorizationGrant;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.auth.ClientAuthentication;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.openid.connect.sdk.AuthenticationRequest;
import com.nimbusds.openid.connect.sdk.AuthenticationResponse;
import com.nimbusds.openid.connect.sdk.AuthenticationResponseParser;
import com.nimbusds.openid.connect.sdk.AuthenticationSuccessResponse;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponseParser;
import com.nimbusds.openid.connect.sdk.validators.IDTokenValidator;
import io.qrlogin.testing.TestKafka;
import io.qrlogin.testing.TestRedis;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The provider started in this JVM on a random port, with the shared test Redis, the deployment's
 * session keys and four clients; a test plays the browser, the widget's redeem (signing a session
 * token as session-service would) and the relying party (Nimbus OAuth 2.0 SDK, not our code). The
 * issuer is the gateway's public URL, as deployed: endpoints in discovery name it, and the test
 * reaches the same paths on this process directly.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "management.server.port=0",
        "qrlogin.session.issuer=" + InProcessProvider.ISSUER,
        "qrlogin.clients.rp.name=Payroll",
        "qrlogin.clients.rp.type=confidential",
        "qrlogin.clients.rp.audience=payroll-api",
        "qrlogin.clients.rp.redirect-uris=https://rp.example.test/callback, http://127.0.0.1:3000/callback",
        "qrlogin.clients.rp.post-logout-redirect-uris=https://rp.example.test/signed-out",
        "qrlogin.clients.rp.grant-types=authorization_code, refresh_token",
        "qrlogin.clients.rp.scopes=openid, profile, offline_access",
        "qrlogin.clients.spa.name=Team board",
        "qrlogin.clients.spa.type=public",
        "qrlogin.clients.spa.redirect-uris=https://spa.example.test/callback",
        "qrlogin.clients.cli.name=QR Login CLI",
        "qrlogin.clients.cli.type=native",
        "qrlogin.clients.cli.redirect-uris=http://127.0.0.1/callback, http://127.0.0.1",
        "qrlogin.clients.cli.post-logout-redirect-uris=http://127.0.0.1/callback",
        "qrlogin.clients.cli.grant-types=authorization_code, refresh_token",
        "qrlogin.clients.cli.scopes=openid, profile, offline_access",
        "qrlogin.clients.partner.name=Partner app",
        "qrlogin.clients.partner.type=confidential",
        "qrlogin.clients.partner.require-consent=true",
        "qrlogin.clients.partner.redirect-uris=https://partner.example.test/callback" })
abstract class InProcessProvider {

    /** The gateway's public URL: the issuer of every token. */
    static final String ISSUER = "https://login.example.test";

    static final ClientID RP = new ClientID("rp");

    static final String RP_AUDIENCE = "payroll-api";

    static final Secret RP_SECRET = new Secret("rp-secret");

    static final URI RP_CALLBACK = URI.create("https://rp.example.test/callback");

    static final URI RP_SIGNED_OUT = URI.create("https://rp.example.test/signed-out");

    static final ClientID SPA = new ClientID("spa");

    static final URI SPA_CALLBACK = URI.create("https://spa.example.test/callback");

    static final ClientID CLI = new ClientID("cli");

    static final ClientID PARTNER = new ClientID("partner");

    static final URI PARTNER_CALLBACK = URI.create("https://partner.example.test/callback");

    /** session-service as far as the provider calls it: the session check at every refresh. */
    static final FakeSessionService sessions = FakeSessionService.start(ISSUER);

    @DynamicPropertySource
    static void provider(DynamicPropertyRegistry registry) {
        registry.add("qrlogin.oidc.session-service-uri", sessions::url);
        registry.add("spring.data.redis.url", TestRedis::url);
        // The provider consumes session events: from the test broker, never from whatever listens on 9092.
        registry.add("spring.kafka.bootstrap-servers", TestKafka::bootstrapServers);
        registry.add("qrlogin.session.signing.jwks", TestKeys::deployed);
        registry.add("qrlogin.session.signing.key-id", TestKeys.CURRENT::getKeyID);
        registry.add("qrlogin.clients.rp.secret", () -> "{bcrypt}" + new BCryptPasswordEncoder(4).encode(RP_SECRET.getValue()));
        registry.add("qrlogin.clients.partner.secret", () -> "{bcrypt}" + new BCryptPasswordEncoder(4).encode(RP_SECRET.getValue()));
    }

    @LocalServerPort
    int port;

    final Browser browser = new Browser();

    /** {@code path} on this process: where the gateway would forward the issuer's {@code path}. */
    URI local(String path) {
        return URI.create("http://localhost:" + this.port + path);
    }

    /** The endpoint {@code published} (under the issuer, from discovery) on this process. */
    URI local(URI published) {
        assertThat(published.toString()).startsWith(ISSUER + "/");
        return local(published.toString().substring(ISSUER.length()));
    }

    ClientAuthentication rpCredentials() {
        return new ClientSecretBasic(RP, RP_SECRET);
    }

    /** A session token of Alice's for {@code audience}, as the widget's redeem gets it. */
    TestSessionTokens sessionToken(String audience) {
        return TestSessionTokens.of(ISSUER, audience);
    }

    /** An authentication request with state, nonce and PKCE S256, changed by {@code more}. */
    Flow flow(ClientID client, URI redirect, Consumer<AuthenticationRequest.Builder> more) {
        State state = new State();
        Nonce nonce = new Nonce();
        CodeVerifier verifier = new CodeVerifier();
        AuthenticationRequest.Builder request = new AuthenticationRequest.Builder(ResponseType.CODE,
                new Scope("openid", "profile"), client, redirect)
            .endpointURI(local("/oauth2/authorize"))
            .state(state)
            .nonce(nonce)
            .codeChallenge(verifier, CodeChallengeMethod.S256);
        more.accept(request);
        return new Flow(client, redirect, state, nonce, verifier, request.build().toURI());
    }

    Flow flow(ClientID client, URI redirect) {
        return flow(client, redirect, (request) -> {
        });
    }

    /**
     * The browser starts {@code flow}, is sent to the QR login page, hands {@code sessionToken} over and
     * follows on: where it is finally sent (the client's redirect URI, with the response).
     */
    URI signIn(Flow flow, String sessionToken) {
        return signIn(this.browser, flow, sessionToken);
    }

    URI signIn(Browser browser, Flow flow, String sessionToken) {
        HttpResponse<String> start = browser.get(flow.request());
        assertThat(start.statusCode()).isEqualTo(302);
        HttpResponse<String> page = browser.get(Browser.location(start));
        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
        HttpResponse<String> handoff = handOver(browser, page, sessionToken);
        assertThat(handoff.statusCode()).as(handoff.body()).isEqualTo(302);
        return follow(browser, handoff);
    }

    /** The login page's form posts {@code sessionToken}, as the page's script does once the widget redeemed. */
    HttpResponse<String> handOver(HttpResponse<String> loginPage, String sessionToken) {
        return handOver(this.browser, loginPage, sessionToken);
    }

    HttpResponse<String> handOver(Browser browser, HttpResponse<String> loginPage, String sessionToken) {
        return browser.post(local("/login/qr"),
                Map.of("_csrf", Browser.csrfToken(loginPage), "session_token", sessionToken));
    }

    /** Follows redirects on this process until one leaves it. */
    URI follow(HttpResponse<String> response) {
        return follow(this.browser, response);
    }

    URI follow(Browser browser, HttpResponse<String> response) {
        URI next = Browser.location(response);
        while (next.toString().startsWith(local("/").toString())) {
            HttpResponse<String> hop = browser.get(next);
            assertThat(hop.statusCode()).as(hop.body()).isEqualTo(302);
            next = Browser.location(hop);
        }
        return next;
    }

    /** The authentication response at the client's redirect URI, checked for state and issuer (RFC 9207). */
    AuthenticationSuccessResponse success(Flow flow, URI redirect) throws ParseException {
        AuthenticationResponse response = AuthenticationResponseParser.parse(redirect);
        assertThat(response.indicatesSuccess()).as(redirect.toString()).isTrue();
        AuthenticationSuccessResponse success = response.toSuccessResponse();
        assertThat(success.getState()).isEqualTo(flow.state());
        assertThat(success.getIssuer()).isEqualTo(new Issuer(ISSUER));
        return success;
    }

    /** Exchanges {@code code} at the token endpoint; a public client ({@code null} credentials) names itself. */
    TokenResponse exchange(Flow flow, AuthorizationCode code, @Nullable ClientAuthentication credentials)
            throws IOException, ParseException {
        AuthorizationCodeGrant grant = new AuthorizationCodeGrant(code, flow.redirect(), flow.verifier());
        return (credentials != null) ? token(credentials, grant) : publicToken(flow.client(), grant);
    }

    TokenResponse token(ClientAuthentication credentials, AuthorizationGrant grant) throws IOException, ParseException {
        return OIDCTokenResponseParser.parse(new TokenRequest(local("/oauth2/token"), credentials, grant)
            .toHTTPRequest().send());
    }

    TokenResponse publicToken(ClientID client, AuthorizationGrant grant) throws IOException, ParseException {
        return OIDCTokenResponseParser.parse(new TokenRequest(local("/oauth2/token"), client, grant)
            .toHTTPRequest().send());
    }

    /** Checks ID tokens as a relying party does: signature from the published JWKS, issuer, audience, nonce. */
    IDTokenValidator idTokenValidator(ClientID client) throws IOException, java.text.ParseException {
        return new IDTokenValidator(new Issuer(ISSUER), client, JWSAlgorithm.ES256,
                JWKSet.load(local("/.well-known/jwks.json").toURL()));
    }

    /**
     * One authorization request of a client.
     *
     * @param client the client
     * @param redirect its redirect URI
     * @param state the state the response must carry
     * @param nonce the nonce the ID token must carry
     * @param verifier the PKCE verifier of the request's challenge
     * @param request the request's URI on this process
     */
    record Flow(ClientID client, URI redirect, State state, Nonce nonce, CodeVerifier verifier, URI request) {
    }
}
