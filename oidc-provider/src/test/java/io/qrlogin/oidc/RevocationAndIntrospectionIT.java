package io.qrlogin.oidc;

import java.net.URI;
import java.util.List;
import java.util.Map;

import com.nimbusds.oauth2.sdk.OAuth2Error;
import com.nimbusds.oauth2.sdk.RefreshTokenGrant;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenIntrospectionRequest;
import com.nimbusds.oauth2.sdk.TokenIntrospectionResponse;
import com.nimbusds.oauth2.sdk.TokenIntrospectionSuccessResponse;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.TokenRevocationRequest;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.token.AccessToken;
import com.nimbusds.oauth2.sdk.token.BearerAccessToken;
import com.nimbusds.oauth2.sdk.token.Token;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.UserInfoRequest;
import com.nimbusds.openid.connect.sdk.UserInfoResponse;
import com.nimbusds.openid.connect.sdk.token.OIDCTokens;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Revocation (RFC 7009) and introspection (RFC 7662, confidential clients), as Spring Authorization Server provides them. */
class RevocationAndIntrospectionIT extends InProcessProvider {

    @Test
    void introspectionByAConfidentialClientDescribesAnActiveAccessToken() throws Exception {
        OIDCTokens tokens = signIn(new Scope("openid", "profile", "offline_access"));

        TokenIntrospectionSuccessResponse introspection = introspect(tokens.getAccessToken());

        assertThat(introspection.isActive()).isTrue();
        assertThat(introspection.getSubject().getValue()).isEqualTo(TestSessionTokens.ALICE);
        assertThat(introspection.getClientID()).isEqualTo(RP);
        assertThat(introspection.getIssuer()).isEqualTo(new Issuer(ISSUER));
        assertThat(introspection.getScope().toStringList()).contains("openid", "profile", "offline_access");
        assertThat(introspection.getExpirationTime()).isInTheFuture();
        assertThat(introspect(tokens.getRefreshToken()).isActive()).isTrue();
    }

    @Test
    void introspectionWithoutClientCredentialsThenUnauthorized() throws Exception {
        OIDCTokens tokens = signIn(new Scope("openid"));

        HTTPResponse response = new TokenIntrospectionRequest(local("/oauth2/introspect"), tokens.getAccessToken())
            .toHTTPRequest().send();
        HTTPResponse byPublicClient = new TokenIntrospectionRequest(local("/oauth2/introspect"), tokens.getAccessToken(),
                Map.of("client_id", List.of(CLI.getValue()))).toHTTPRequest().send();

        assertThat(response.getStatusCode()).isEqualTo(401);
        assertThat(byPublicClient.getStatusCode()).isEqualTo(401);
    }

    @Test
    void revokedAccessTokenIsInactiveAndRefusedAtUserinfo() throws Exception {
        OIDCTokens tokens = signIn(new Scope("openid", "profile"));
        assertThat(userInfo(tokens.getAccessToken()).indicatesSuccess()).isTrue();

        HTTPResponse revocation = new TokenRevocationRequest(local("/oauth2/revoke"), rpCredentials(),
                tokens.getAccessToken()).toHTTPRequest().send();

        assertThat(revocation.getStatusCode()).isEqualTo(200);
        assertThat(introspect(tokens.getAccessToken()).isActive()).isFalse();
        assertThat(userInfo(tokens.getAccessToken()).indicatesSuccess()).isFalse();
    }

    @Test
    void revokedRefreshTokenCannotRefresh() throws Exception {
        OIDCTokens tokens = signIn(new Scope("openid", "offline_access"));

        HTTPResponse revocation = new TokenRevocationRequest(local("/oauth2/revoke"), rpCredentials(),
                tokens.getRefreshToken()).toHTTPRequest().send();
        TokenResponse refresh = token(rpCredentials(), new RefreshTokenGrant(tokens.getRefreshToken()));

        assertThat(revocation.getStatusCode()).isEqualTo(200);
        assertThat(refresh.indicatesSuccess()).isFalse();
        assertThat(refresh.toErrorResponse().getErrorObject().getCode()).isEqualTo(OAuth2Error.INVALID_GRANT.getCode());
    }

    @Test
    void nativeClientRevokesItsOwnRefreshTokenNamingItself() throws Exception {
        Flow flow = flow(CLI, URI.create("http://127.0.0.1:62000/callback"),
                (request) -> request.scope(new Scope("openid", "offline_access")));
        OIDCTokens tokens = ((OIDCTokenResponse) exchange(flow, success(flow, signIn(flow, sessionToken("cli").sign()))
            .getAuthorizationCode(), null).toSuccessResponse()).getOIDCTokens();

        HTTPResponse revocation = new TokenRevocationRequest(local("/oauth2/revoke"), CLI, tokens.getRefreshToken())
            .toHTTPRequest().send();

        assertThat(revocation.getStatusCode()).isEqualTo(200);
        assertThat(publicToken(CLI, new RefreshTokenGrant(tokens.getRefreshToken())).indicatesSuccess()).isFalse();
    }

    private OIDCTokens signIn(Scope scope) throws Exception {
        Flow flow = flow(RP, RP_CALLBACK, (request) -> request.scope(scope));
        TokenResponse response = exchange(flow, success(flow, signIn(flow, sessionToken(RP_AUDIENCE).sign()))
            .getAuthorizationCode(), rpCredentials());
        assertThat(response.indicatesSuccess()).as(String.valueOf(response)).isTrue();
        return ((OIDCTokenResponse) response.toSuccessResponse()).getOIDCTokens();
    }

    private TokenIntrospectionSuccessResponse introspect(Token token) throws Exception {
        return TokenIntrospectionResponse.parse(new TokenIntrospectionRequest(local("/oauth2/introspect"), rpCredentials(),
                token).toHTTPRequest().send()).toSuccessResponse();
    }

    private UserInfoResponse userInfo(AccessToken accessToken) throws Exception {
        return UserInfoResponse.parse(new UserInfoRequest(local("/userinfo"), (BearerAccessToken) accessToken)
            .toHTTPRequest().send());
    }
}
