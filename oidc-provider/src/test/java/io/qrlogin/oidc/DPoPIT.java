package io.qrlogin.oidc;

import java.net.URI;
import java.util.Map;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.AuthorizationGrant;
import com.nimbusds.oauth2.sdk.RefreshTokenGrant;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.auth.ClientAuthentication;
import com.nimbusds.oauth2.sdk.dpop.DefaultDPoPProofFactory;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.token.AccessToken;
import com.nimbusds.oauth2.sdk.token.AccessTokenType;
import com.nimbusds.oauth2.sdk.token.BearerAccessToken;
import com.nimbusds.oauth2.sdk.token.DPoPAccessToken;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponseParser;
import com.nimbusds.openid.connect.sdk.UserInfoRequest;
import com.nimbusds.openid.connect.sdk.UserInfoResponse;
import com.nimbusds.openid.connect.sdk.token.OIDCTokens;
import io.qrlogin.testing.TestJwks;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * DPoP (RFC 9449): a client that proves possession of a key at the token endpoint gets tokens bound to
 * that key ({@code token_type: DPoP}, {@code cnf.jkt}), which {@code /userinfo} then accepts only with a
 * fresh proof by the same key. A public client's refresh token is bound too (RFC 9449 §5).
 */
class DPoPIT extends InProcessProvider {

    private static final Scope OFFLINE = new Scope("openid", "profile", "offline_access");

    private static final URI NATIVE_CALLBACK = URI.create("http://127.0.0.1:52000/callback");

    private final ECKey clientKey = TestJwks.ec("client");

    private final ECKey otherKey = TestJwks.ec("other");

    @Test
    void tokenRequestWithAProofThenDPoPTokensBoundToTheProofsKey() throws Exception {
        OIDCTokens tokens = signIn(RP, RP_CALLBACK, rpCredentials(), this.clientKey);

        assertThat(tokens.getAccessToken().getType()).isEqualTo(AccessTokenType.DPOP);
        assertThat(tokens.getAccessToken()).isInstanceOf(DPoPAccessToken.class);
        Map<String, Object> confirmation = SignedJWT.parse(tokens.getAccessToken().getValue()).getJWTClaimsSet()
            .getJSONObjectClaim("cnf");
        assertThat(confirmation).containsEntry("jkt", this.clientKey.computeThumbprint().toString());
    }

    @Test
    void tokenRequestWithoutAProofThenBearerTokensWithoutBinding() throws Exception {
        OIDCTokens tokens = signIn(RP, RP_CALLBACK, rpCredentials(), null);

        assertThat(tokens.getAccessToken().getType()).isEqualTo(AccessTokenType.BEARER);
        assertThat(SignedJWT.parse(tokens.getAccessToken().getValue()).getJWTClaimsSet().getClaim("cnf")).isNull();
    }

    @Test
    void userinfoWithADPoPTokenAndAProofOfItsKeyThenTheUser() throws Exception {
        OIDCTokens tokens = signIn(RP, RP_CALLBACK, rpCredentials(), this.clientKey);

        UserInfoResponse response = userInfo(tokens.getAccessToken(), this.clientKey);

        assertThat(response.indicatesSuccess()).as(String.valueOf(response)).isTrue();
        assertThat(response.toSuccessResponse().getUserInfo().getSubject().getValue()).isEqualTo(TestSessionTokens.ALICE);
        assertThat(response.toSuccessResponse().getUserInfo().getName()).isEqualTo(TestSessionTokens.ALICE_NAME);
    }

    @Test
    void userinfoWithADPoPTokenSentAsBearerThenUnauthorized() throws Exception {
        OIDCTokens tokens = signIn(RP, RP_CALLBACK, rpCredentials(), this.clientKey);

        HTTPResponse response = new UserInfoRequest(local("/userinfo"),
                new BearerAccessToken(tokens.getAccessToken().getValue())).toHTTPRequest().send();

        assertThat(response.getStatusCode()).isEqualTo(401);
    }

    @Test
    void userinfoWithADPoPTokenAndAProofOfAnotherKeyThenUnauthorized() throws Exception {
        OIDCTokens tokens = signIn(RP, RP_CALLBACK, rpCredentials(), this.clientKey);

        UserInfoResponse response = userInfo(tokens.getAccessToken(), this.otherKey);

        assertThat(response.indicatesSuccess()).isFalse();
        assertThat(response.toErrorResponse().getErrorObject().getHTTPStatusCode()).isEqualTo(401);
    }

    @Test
    void userinfoWithADPoPTokenAndNoProofThenUnauthorized() throws Exception {
        OIDCTokens tokens = signIn(RP, RP_CALLBACK, rpCredentials(), this.clientKey);

        HTTPResponse response = new UserInfoRequest(local("/userinfo"), tokens.getAccessToken()).toHTTPRequest().send();

        assertThat(response.getStatusCode()).isEqualTo(401);
    }

    @Test
    void aProofUsedTwiceAtTheTokenEndpointThenRefused() throws Exception {
        Flow flow = flow(CLI, NATIVE_CALLBACK, (request) -> request.scope(OFFLINE));
        SignedJWT proof = proof(this.clientKey, "POST", local("/oauth2/token"), null);
        TokenResponse first = token(null, CLI, new AuthorizationCodeGrant(success(flow,
                signIn(flow, sessionToken("cli").sign())).getAuthorizationCode(), flow.redirect(), flow.verifier()), proof);
        assertThat(first.indicatesSuccess()).as(String.valueOf(first)).isTrue();
        OIDCTokens tokens = ((OIDCTokenResponse) first.toSuccessResponse()).getOIDCTokens();

        TokenResponse replayed = token(null, CLI, new RefreshTokenGrant(tokens.getRefreshToken()), proof);

        assertInvalidDPoPProof(replayed);
    }

    @Test
    void publicClientsDPoPBoundRefreshTokenRefreshesWithAProofOfTheSameKey() throws Exception {
        OIDCTokens first = signIn(CLI, NATIVE_CALLBACK, null, this.clientKey);

        TokenResponse response = token(null, CLI, new RefreshTokenGrant(first.getRefreshToken()), this.clientKey);

        assertThat(response.indicatesSuccess()).as(String.valueOf(response)).isTrue();
        OIDCTokens second = ((OIDCTokenResponse) response.toSuccessResponse()).getOIDCTokens();
        assertThat(second.getAccessToken().getType()).isEqualTo(AccessTokenType.DPOP);
        assertThat(SignedJWT.parse(second.getAccessToken().getValue()).getJWTClaimsSet().getJSONObjectClaim("cnf"))
            .containsEntry("jkt", this.clientKey.computeThumbprint().toString());
        assertThat(userInfo(second.getAccessToken(), this.clientKey).indicatesSuccess()).isTrue();
    }

    @Test
    void publicClientsDPoPBoundRefreshTokenWithAProofOfAnotherKeyThenRefusedAndStillUsableByItsKey() throws Exception {
        OIDCTokens tokens = signIn(CLI, NATIVE_CALLBACK, null, this.clientKey);

        assertInvalidDPoPProof(token(null, CLI, new RefreshTokenGrant(tokens.getRefreshToken()), this.otherKey));

        assertThat(token(null, CLI, new RefreshTokenGrant(tokens.getRefreshToken()), this.clientKey).indicatesSuccess())
            .as("a thief's attempt does not lock the holder out").isTrue();
    }

    @Test
    void publicClientsDPoPBoundRefreshTokenWithoutAProofThenRefused() throws Exception {
        OIDCTokens tokens = signIn(CLI, NATIVE_CALLBACK, null, this.clientKey);

        assertInvalidDPoPProof(token(null, CLI, new RefreshTokenGrant(tokens.getRefreshToken()), (SignedJWT) null));

        assertThat(token(null, CLI, new RefreshTokenGrant(tokens.getRefreshToken()), this.clientKey).indicatesSuccess())
            .isTrue();
    }

    @Test
    void confidentialClientRefreshesWithAProofOfANewKeyThenTokensBoundToTheNewKey() throws Exception {
        // RFC 9449 §5: a confidential client's refresh token is bound by its client authentication, not a key.
        OIDCTokens first = signInOffline(RP, RP_CALLBACK, rpCredentials(), this.clientKey);

        TokenResponse response = token(rpCredentials(), RP, new RefreshTokenGrant(first.getRefreshToken()), this.otherKey);

        assertThat(response.indicatesSuccess()).as(String.valueOf(response)).isTrue();
        AccessToken second = ((OIDCTokenResponse) response.toSuccessResponse()).getOIDCTokens().getAccessToken();
        assertThat(SignedJWT.parse(second.getValue()).getJWTClaimsSet().getJSONObjectClaim("cnf"))
            .containsEntry("jkt", this.otherKey.computeThumbprint().toString());
    }

    /** Signs in to {@code client} and redeems the code, with a proof of {@code key} when there is one. */
    private OIDCTokens signIn(ClientID client, URI redirect, @Nullable ClientAuthentication credentials,
            @Nullable ECKey key) throws Exception {
        Scope scope = (credentials == null) ? OFFLINE : new Scope("openid", "profile");
        return signIn(client, redirect, credentials, key, scope);
    }

    private OIDCTokens signInOffline(ClientID client, URI redirect, ClientAuthentication credentials, ECKey key)
            throws Exception {
        return signIn(client, redirect, credentials, key, OFFLINE);
    }

    private OIDCTokens signIn(ClientID client, URI redirect, @Nullable ClientAuthentication credentials,
            @Nullable ECKey key, Scope scope) throws Exception {
        Flow flow = flow(client, redirect, (request) -> request.scope(scope));
        String audience = RP.equals(client) ? RP_AUDIENCE : client.getValue();
        AuthorizationCodeGrant grant = new AuthorizationCodeGrant(success(flow, signIn(flow,
                sessionToken(audience).sign())).getAuthorizationCode(), flow.redirect(), flow.verifier());
        TokenResponse response = token(credentials, client, grant, key);
        assertThat(response.indicatesSuccess()).as(String.valueOf(response)).isTrue();
        return ((OIDCTokenResponse) response.toSuccessResponse()).getOIDCTokens();
    }

    private TokenResponse token(@Nullable ClientAuthentication credentials, ClientID client, AuthorizationGrant grant,
            @Nullable ECKey key) throws Exception {
        return token(credentials, client, grant, (key != null) ? proof(key, "POST", local("/oauth2/token"), null) : null);
    }

    private TokenResponse token(@Nullable ClientAuthentication credentials, ClientID client, AuthorizationGrant grant,
            @Nullable SignedJWT proof) throws Exception {
        TokenRequest request = (credentials != null) ? new TokenRequest(local("/oauth2/token"), credentials, grant)
                : new TokenRequest(local("/oauth2/token"), client, grant);
        HTTPRequest http = request.toHTTPRequest();
        if (proof != null) {
            http.setDPoP(proof);
        }
        return OIDCTokenResponseParser.parse(http.send());
    }

    private UserInfoResponse userInfo(AccessToken accessToken, ECKey key) throws Exception {
        HTTPRequest request = new UserInfoRequest(local("/userinfo"), accessToken).toHTTPRequest();
        request.setDPoP(proof(key, "GET", local("/userinfo"), accessToken));
        return UserInfoResponse.parse(request.send());
    }

    private static SignedJWT proof(ECKey key, String method, URI target, @Nullable AccessToken accessToken)
            throws JOSEException {
        DefaultDPoPProofFactory proofs = new DefaultDPoPProofFactory(key, JWSAlgorithm.ES256);
        return (accessToken != null) ? proofs.createDPoPJWT(method, target, accessToken)
                : proofs.createDPoPJWT(method, target);
    }

    private static void assertInvalidDPoPProof(TokenResponse response) {
        assertThat(response.indicatesSuccess()).as(String.valueOf(response)).isFalse();
        assertThat(response.toErrorResponse().getErrorObject().getCode()).isEqualTo("invalid_dpop_proof");
    }
}
