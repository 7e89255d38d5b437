package io.qrlogin.oidc;

import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationErrorResponse;
import com.nimbusds.oauth2.sdk.OAuth2Error;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenIntrospectionRequest;
import com.nimbusds.oauth2.sdk.TokenIntrospectionResponse;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.oauth2.sdk.token.BearerAccessToken;
import com.nimbusds.openid.connect.sdk.AuthenticationErrorResponse;
import com.nimbusds.openid.connect.sdk.AuthenticationResponseParser;
import com.nimbusds.openid.connect.sdk.OIDCError;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.Prompt;
import com.nimbusds.openid.connect.sdk.UserInfoRequest;
import com.nimbusds.openid.connect.sdk.UserInfoResponse;
import com.nimbusds.openid.connect.sdk.claims.IDTokenClaimsSet;
import com.nimbusds.openid.connect.sdk.claims.UserInfo;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AuthorizationCodeFlowIT extends InProcessProvider {

    @Test
    void authorizationWithoutAProviderSessionThenTheQrLoginPageNamingTheClient() {
        HttpResponse<String> start = this.browser.get(flow(RP, RP_CALLBACK).request());
        assertThat(start.statusCode()).isEqualTo(302);
        assertThat(Browser.location(start)).isEqualTo(local("/login"));

        HttpResponse<String> page = this.browser.get(Browser.location(start));

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(
                (type) -> assertThat(type).startsWith("text/html"));
        assertThat(page.body()).contains("Sign in to <span class=\"client\">Payroll</span>",
                "data-client-id=\"rp\"", "<script type=\"module\" src=\"/login/qr-login.js\"></script>",
                "action=\"/login/qr\"");
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying((policy) -> assertThat(policy)
            .contains("script-src 'self'", "connect-src 'self'", "frame-ancestors 'none'"));
        assertThat(this.browser.get(local("/login/qr-login.js")).body()).contains("import { QrLogin } from '/qrlogin.js'",
                "clientId: root.dataset.clientId");
    }

    @Test
    void codeFlowWithPkceThenAnIdTokenWithTheQrLoginsClaims() throws Exception {
        Flow flow = flow(RP, RP_CALLBACK);
        TestSessionTokens login = sessionToken(RP_AUDIENCE);

        AuthorizationCode code = success(flow, signIn(flow, login.sign())).getAuthorizationCode();
        TokenResponse response = exchange(flow, code, rpCredentials());

        assertThat(response.indicatesSuccess()).as(String.valueOf(response)).isTrue();
        OIDCTokenResponse tokens = (OIDCTokenResponse) response.toSuccessResponse();
        SignedJWT idToken = (SignedJWT) tokens.getOIDCTokens().getIDToken();
        assertThat(idToken.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.ES256);
        assertThat(idToken.getHeader().getKeyID()).isEqualTo(TestKeys.CURRENT.getKeyID());
        IDTokenClaimsSet claims = idTokenValidator(RP).validate(idToken, flow.nonce());
        assertThat(claims.getIssuer()).isEqualTo(new Issuer(ISSUER));
        assertThat(claims.getSubject().getValue()).isEqualTo(TestSessionTokens.ALICE);
        assertThat(claims.getAudience()).extracting(Object::toString).containsExactly("rp");
        assertThat(claims.getAuthenticationTime().toInstant()).isEqualTo(login.authTime());
        assertThat(claims.getStringClaim("sid")).isEqualTo(login.sessionId());
        assertThat(claims.getAMR()).extracting(Object::toString).containsExactly("qr");
        assertThat(claims.getACR().getValue()).isEqualTo("urn:qrlogin:acr:qr");
        assertThat(claims.getStringClaim("name")).isEqualTo(TestSessionTokens.ALICE_NAME);
        assertThat(tokens.getOIDCTokens().getRefreshToken()).as("no offline_access asked").isNull();

        UserInfo userInfo = UserInfoResponse.parse(new UserInfoRequest(local("/userinfo"),
                (BearerAccessToken) tokens.getOIDCTokens().getAccessToken()).toHTTPRequest().send())
            .toSuccessResponse().getUserInfo();
        assertThat(userInfo.getSubject().getValue()).isEqualTo(TestSessionTokens.ALICE);
        assertThat(userInfo.getName()).isEqualTo(TestSessionTokens.ALICE_NAME);
    }

    @Test
    void idTokenWithoutTheProfileScopeThenNoName() throws Exception {
        Flow flow = flow(RP, RP_CALLBACK, (request) -> request.scope(new Scope("openid")));

        AuthorizationCode code = success(flow, signIn(flow, sessionToken(RP_AUDIENCE).sign())).getAuthorizationCode();
        OIDCTokenResponse tokens = (OIDCTokenResponse) exchange(flow, code, rpCredentials()).toSuccessResponse();

        IDTokenClaimsSet claims = idTokenValidator(RP).validate(tokens.getOIDCTokens().getIDToken(), flow.nonce());
        assertThat(claims.getStringClaim("name")).isNull();
        assertThat(claims.getStringClaim("sid")).isNotBlank();
    }

    @Test
    void secondAuthorizationWithAProviderSessionGetsItsCodeWithoutALogin() throws Exception {
        TestSessionTokens login = sessionToken(RP_AUDIENCE);
        Flow first = flow(RP, RP_CALLBACK);
        success(first, signIn(first, login.sign()));

        Flow second = flow(SPA, SPA_CALLBACK);
        HttpResponse<String> response = this.browser.get(second.request());

        assertThat(response.statusCode()).isEqualTo(302);
        AuthorizationCode code = success(second, Browser.location(response)).getAuthorizationCode();
        OIDCTokenResponse tokens = (OIDCTokenResponse) exchange(second, code, null).toSuccessResponse();
        IDTokenClaimsSet claims = idTokenValidator(SPA).validate(tokens.getOIDCTokens().getIDToken(), second.nonce());
        assertThat(claims.getStringClaim("sid")).as("one QR login, one session").isEqualTo(login.sessionId());
        assertThat(claims.getAuthenticationTime().toInstant()).isEqualTo(login.authTime());
    }

    @Test
    void promptNoneWithoutAProviderSessionThenLoginRequiredWithStateAndIssuer() throws Exception {
        Flow flow = flow(RP, RP_CALLBACK, (request) -> request.prompt(new Prompt(Prompt.Type.NONE)));

        HttpResponse<String> response = this.browser.get(flow.request());

        assertThat(response.statusCode()).isEqualTo(302);
        AuthenticationErrorResponse error = AuthenticationResponseParser.parse(Browser.location(response))
            .toErrorResponse();
        assertThat(Browser.location(response).toString()).startsWith(RP_CALLBACK + "?");
        assertThat(error.getErrorObject()).isEqualTo(OIDCError.LOGIN_REQUIRED);
        assertThat(error.getState()).isEqualTo(flow.state());
        assertThat(error.getIssuer()).isEqualTo(new Issuer(ISSUER));
    }

    @Test
    void promptNoneWithAProviderSessionThenACode() throws Exception {
        Flow first = flow(RP, RP_CALLBACK);
        success(first, signIn(first, sessionToken(RP_AUDIENCE).sign()));

        Flow silent = flow(RP, RP_CALLBACK, (request) -> request.prompt(new Prompt(Prompt.Type.NONE)));
        HttpResponse<String> response = this.browser.get(silent.request());

        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(success(silent, Browser.location(response)).getAuthorizationCode()).isNotNull();
    }

    @Test
    void promptLoginWithAProviderSessionThenANewQrLoginWhoseTimeTheIdTokenCarries() throws Exception {
        Flow first = flow(RP, RP_CALLBACK);
        success(first, signIn(first, sessionToken(RP_AUDIENCE).authTime(Instant.now().minusSeconds(600)).sign()));

        Flow again = flow(RP, RP_CALLBACK, (request) -> request.prompt(new Prompt(Prompt.Type.LOGIN)));
        TestSessionTokens newLogin = sessionToken(RP_AUDIENCE);
        URI redirect = signIn(again, newLogin.sign());

        OIDCTokenResponse tokens = (OIDCTokenResponse) exchange(again, success(again, redirect).getAuthorizationCode(),
                rpCredentials()).toSuccessResponse();
        IDTokenClaimsSet claims = idTokenValidator(RP).validate(tokens.getOIDCTokens().getIDToken(), again.nonce());
        assertThat(claims.getAuthenticationTime().toInstant()).isEqualTo(newLogin.authTime());
        assertThat(claims.getStringClaim("sid")).isEqualTo(newLogin.sessionId());
    }

    @Test
    void maxAgeShorterThanSinceTheLoginThenANewQrLogin() throws Exception {
        Flow fresh = maxAgeAfterALoginTenMinutesAgo(60);
        HttpResponse<String> response = this.browser.get(fresh.request());

        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(Browser.location(response)).isEqualTo(local("/login"));
        // After the new login the request continues without max_age: no loop back to the login page.
        HttpResponse<String> handoff = handOver(this.browser.get(local("/login")), sessionToken(RP_AUDIENCE).sign());
        assertThat(success(fresh, follow(handoff)).getAuthorizationCode()).isNotNull();
    }

    @Test
    void maxAgeLongerThanSinceTheLoginThenACodeAtOnce() throws Exception {
        Flow recent = maxAgeAfterALoginTenMinutesAgo(3600);
        HttpResponse<String> response = this.browser.get(recent.request());

        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(success(recent, Browser.location(response)).getAuthorizationCode()).isNotNull();
    }

    @Test
    void unregisteredRedirectUriThenAnErrorPageAndNoRedirect() {
        for (URI redirect : List.of(URI.create("https://attacker.example/callback"),
                URI.create("https://rp.example.test/callback/other"),
                // A web client's loopback URI matches exactly; only native clients' match on any port.
                URI.create("http://127.0.0.1:4000/callback"))) {
            HttpResponse<String> response = this.browser.get(flow(RP, redirect).request());

            assertThat(response.statusCode()).as(redirect.toString()).isEqualTo(400);
            assertThat(response.headers().firstValue("Location")).as(redirect.toString()).isEmpty();
            assertThat(response.body()).contains("redirect_uri").doesNotContain(redirect.getHost() + "/");
        }
    }

    @Test
    void unknownClientThenAnErrorPageAndNoRedirect() {
        HttpResponse<String> response = this.browser.get(flow(new ClientID("nobody"),
                RP_CALLBACK).request());

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Location")).isEmpty();
    }

    @Test
    void nativeClientsLoopbackRedirectOnAnyPortThenCodeAndRefreshToken() throws Exception {
        URI ephemeral = URI.create("http://127.0.0.1:53117/callback");
        Flow flow = flow(CLI, ephemeral, (request) -> request.scope(
                new Scope("openid", "profile", "offline_access")));

        URI redirect = signIn(flow, sessionToken("cli").sign());

        assertThat(redirect.toString()).startsWith(ephemeral + "?");
        OIDCTokenResponse tokens = (OIDCTokenResponse) exchange(flow, success(flow, redirect).getAuthorizationCode(), null)
            .toSuccessResponse();
        assertThat(tokens.getOIDCTokens().getRefreshToken()).isNotNull();
        idTokenValidator(CLI).validate(tokens.getOIDCTokens().getIDToken(), flow.nonce());
    }

    @Test
    void nativeClientRegisteredAtTheLoopbackRootThenARedirectWithoutPathOnAnyPortAsKubeloginSends() throws Exception {
        // kubelogin (kubectl oidc-login) listens on 127.0.0.1:8000 or :18000 and sends http://127.0.0.1:<port>.
        URI kubelogin = URI.create("http://127.0.0.1:18000");
        Flow flow = flow(CLI, kubelogin);

        URI redirect = signIn(flow, sessionToken("cli").sign());

        assertThat(redirect.toString()).startsWith(kubelogin + "?code=");
        OIDCTokenResponse tokens = (OIDCTokenResponse) exchange(flow, success(flow, redirect).getAuthorizationCode(), null)
            .toSuccessResponse();
        idTokenValidator(CLI).validate(tokens.getOIDCTokens().getIDToken(), flow.nonce());
    }

    @Test
    void publicClientWithoutPkceThenAnErrorRedirectWithTheIssuer() throws Exception {
        Flow flow = flow(SPA, SPA_CALLBACK, (request) -> request.codeChallenge((CodeVerifier) null, null));

        HttpResponse<String> response = this.browser.get(flow.request());

        assertThat(response.statusCode()).isEqualTo(302);
        AuthorizationErrorResponse error = AuthenticationResponseParser.parse(Browser.location(response)).toErrorResponse();
        assertThat(error.getErrorObject().getCode()).isEqualTo(OAuth2Error.INVALID_REQUEST.getCode());
        assertThat(error.getErrorObject().getDescription()).contains("code_challenge");
        assertThat(error.getState()).isEqualTo(flow.state());
        assertThat(error.getIssuer()).isEqualTo(new Issuer(ISSUER));
    }

    @Test
    void plainPkceThenRefused() throws Exception {
        Flow flow = flow(SPA, SPA_CALLBACK, (request) -> request.codeChallenge(new CodeVerifier(), CodeChallengeMethod.PLAIN));

        HttpResponse<String> response = this.browser.get(flow.request());

        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(AuthenticationResponseParser.parse(Browser.location(response)).indicatesSuccess()).isFalse();
    }

    @Test
    void wrongCodeVerifierThenInvalidGrant() throws Exception {
        Flow flow = flow(RP, RP_CALLBACK);
        AuthorizationCode code = success(flow, signIn(flow, sessionToken(RP_AUDIENCE).sign())).getAuthorizationCode();
        Flow wrongVerifier = new Flow(flow.client(), flow.redirect(), flow.state(), flow.nonce(), new CodeVerifier(),
                flow.request());

        TokenResponse response = exchange(wrongVerifier, code, rpCredentials());

        assertThat(response.indicatesSuccess()).isFalse();
        assertThat(response.toErrorResponse().getErrorObject().getCode()).isEqualTo(OAuth2Error.INVALID_GRANT.getCode());
    }

    @Test
    void codeUsedTwiceThenInvalidGrantAndTheTokensItGaveAreRevoked() throws Exception {
        Flow flow = flow(RP, RP_CALLBACK);
        AuthorizationCode code = success(flow, signIn(flow, sessionToken(RP_AUDIENCE).sign())).getAuthorizationCode();
        OIDCTokenResponse first = (OIDCTokenResponse) exchange(flow, code, rpCredentials()).toSuccessResponse();
        assertThat(active(first.getOIDCTokens().getAccessToken().getValue())).isTrue();

        TokenResponse replay = exchange(flow, code, rpCredentials());

        assertThat(replay.indicatesSuccess()).isFalse();
        assertThat(replay.toErrorResponse().getErrorObject().getCode()).isEqualTo(OAuth2Error.INVALID_GRANT.getCode());
        assertThat(active(first.getOIDCTokens().getAccessToken().getValue())).isFalse();
    }

    @Test
    void stateIsReturnedAsSentEvenWithCharactersToEncode() throws Exception {
        State state = new State("a b&c=d/é");
        Flow flow = flow(RP, RP_CALLBACK, (request) -> request.state(state));
        Flow withState = new Flow(flow.client(), flow.redirect(), state, flow.nonce(), flow.verifier(), flow.request());

        URI redirect = signIn(withState, sessionToken(RP_AUDIENCE).sign());

        assertThat(success(withState, redirect).getState()).isEqualTo(state);
    }

    private boolean active(String accessToken) throws Exception {
        return TokenIntrospectionResponse.parse(new TokenIntrospectionRequest(local("/oauth2/introspect"), rpCredentials(),
                new BearerAccessToken(accessToken)).toHTTPRequest().send()).toSuccessResponse().isActive();
    }

    /** Signs the browser in with a QR login made ten minutes ago; a new request that asks for {@code max_age}. */
    private Flow maxAgeAfterALoginTenMinutesAgo(int maxAge) throws Exception {
        Flow first = flow(RP, RP_CALLBACK);
        success(first, signIn(first, sessionToken(RP_AUDIENCE).authTime(Instant.now().minusSeconds(600)).sign()));
        return flow(RP, RP_CALLBACK, (request) -> request.maxAge(maxAge));
    }
}
