package io.qrlogin.oidc;

import com.nimbusds.oauth2.sdk.OAuth2Error;
import com.nimbusds.oauth2.sdk.RefreshTokenGrant;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenIntrospectionRequest;
import com.nimbusds.oauth2.sdk.TokenIntrospectionResponse;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.token.AccessToken;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponseParser;
import com.nimbusds.openid.connect.sdk.token.OIDCTokens;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every refresh asks session-service whether the user's session is still live
 * ({@code POST /internal/sessions/{sid}/touch}, here {@link FakeSessionService} over real HTTP): a live
 * one refreshes, an ended one is refused and its tokens die, and when session-service cannot say the
 * refresh is refused for now (503 {@code temporarily_unavailable}), never granted and never a 500.
 */
class RefreshSessionCheckIT extends InProcessProvider {

    private static final Scope OFFLINE = new Scope("openid", "profile", "offline_access");

    @Test
    void refreshOfALiveSessionTouchesItAndGivesNewTokens() throws Exception {
        TestSessionTokens login = sessionToken(RP_AUDIENCE);
        OIDCTokens tokens = signIn(login);

        TokenResponse refreshed = token(rpCredentials(), new RefreshTokenGrant(tokens.getRefreshToken()));

        assertThat(refreshed.indicatesSuccess()).as(String.valueOf(refreshed)).isTrue();
        assertThat(sessions.touches(login.sessionId())).isEqualTo(1);
    }

    @Test
    void refreshWhenSessionServiceSaysTheSessionEndedThenInvalidGrantAndItsTokensDead() throws Exception {
        TestSessionTokens login = sessionToken(RP_AUDIENCE);
        OIDCTokens tokens = signIn(login);
        sessions.end(login.sessionId());

        TokenResponse refused = token(rpCredentials(), new RefreshTokenGrant(tokens.getRefreshToken()));

        assertThat(refused.indicatesSuccess()).isFalse();
        assertThat(refused.toErrorResponse().getErrorObject().getCode()).isEqualTo(OAuth2Error.INVALID_GRANT.getCode());
        assertThat(active(tokens.getAccessToken())).as("the authorization is removed").isFalse();
    }

    @Test
    void refreshWhenSessionServiceFailsThenTemporarilyUnavailableAnd503AndTheRefreshTokenKept() throws Exception {
        TestSessionTokens login = sessionToken(RP_AUDIENCE);
        OIDCTokens tokens = signIn(login);
        sessions.fail(login.sessionId());

        HTTPResponse response = refreshRefusedForNow(tokens);

        assertThat(response.getHeaderValue("Retry-After")).isEqualTo("5");
        assertThat(active(tokens.getAccessToken())).as("nothing is ended on a guess").isTrue();
    }

    @Test
    void refreshWhenSessionServiceCannotBeReachedThenTemporarilyUnavailableNotA500() throws Exception {
        TestSessionTokens login = sessionToken(RP_AUDIENCE);
        OIDCTokens tokens = signIn(login);
        sessions.drop(login.sessionId());

        refreshRefusedForNow(tokens);
    }

    private OIDCTokens signIn(TestSessionTokens login) throws Exception {
        Flow flow = flow(RP, RP_CALLBACK, (request) -> request.scope(OFFLINE));
        TokenResponse response = exchange(flow, success(flow, signIn(new Browser(), flow, login.sign()))
            .getAuthorizationCode(), rpCredentials());
        assertThat(response.indicatesSuccess()).as(String.valueOf(response)).isTrue();
        return ((OIDCTokenResponse) response.toSuccessResponse()).getOIDCTokens();
    }

    /** Refreshes and asserts the answer is 503 {@code temporarily_unavailable}; the raw response for more. */
    private HTTPResponse refreshRefusedForNow(OIDCTokens tokens) throws Exception {
        HTTPResponse response = new TokenRequest(local("/oauth2/token"), rpCredentials(),
                new RefreshTokenGrant(tokens.getRefreshToken())).toHTTPRequest().send();
        assertThat(response.getStatusCode()).isEqualTo(503);
        TokenResponse refused = OIDCTokenResponseParser.parse(response);
        assertThat(refused.indicatesSuccess()).isFalse();
        assertThat(refused.toErrorResponse().getErrorObject().getCode()).isEqualTo("temporarily_unavailable");
        return response;
    }

    private boolean active(AccessToken accessToken) throws Exception {
        return TokenIntrospectionResponse.parse(new TokenIntrospectionRequest(local("/oauth2/introspect"),
                rpCredentials(), accessToken).toHTTPRequest().send()).toSuccessResponse().isActive();
    }
}
