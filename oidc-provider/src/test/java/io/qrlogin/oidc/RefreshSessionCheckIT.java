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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

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

    /** How session-service can fail to say whether a session is live. */
    enum Outage {

        ANSWERS_500, UNREACHABLE

    }

    @ParameterizedTest(name = "session-service {0}")
    @EnumSource(Outage.class)
    void refreshWhenSessionServiceFailsOrCannotBeReachedThenTemporarilyUnavailableAnd503AndTheRefreshTokenKept(
            Outage outage) throws Exception {
        TestSessionTokens login = sessionToken(RP_AUDIENCE);
        OIDCTokens tokens = signIn(login);
        switch (outage) {
            case ANSWERS_500 -> sessions.fail(login.sessionId());
            case UNREACHABLE -> sessions.drop(login.sessionId());
        }

        HTTPResponse response = new TokenRequest(local("/oauth2/token"), rpCredentials(),
                new RefreshTokenGrant(tokens.getRefreshToken())).toHTTPRequest().send();

        assertThat(response.getStatusCode()).as("never a 500").isEqualTo(503);
        assertThat(response.getHeaderValue("Retry-After")).isEqualTo("5");
        TokenResponse refused = OIDCTokenResponseParser.parse(response);
        assertThat(refused.indicatesSuccess()).isFalse();
        assertThat(refused.toErrorResponse().getErrorObject().getCode()).isEqualTo("temporarily_unavailable");
        assertThat(active(tokens.getAccessToken())).as("nothing is ended on a guess").isTrue();
    }

    private OIDCTokens signIn(TestSessionTokens login) throws Exception {
        Flow flow = flow(RP, RP_CALLBACK, (request) -> request.scope(OFFLINE));
        TokenResponse response = exchange(flow, success(flow, signIn(new Browser(), flow, login.sign()))
            .getAuthorizationCode(), rpCredentials());
        assertThat(response.indicatesSuccess()).as(String.valueOf(response)).isTrue();
        return ((OIDCTokenResponse) response.toSuccessResponse()).getOIDCTokens();
    }

    private boolean active(AccessToken accessToken) throws Exception {
        return TokenIntrospectionResponse.parse(new TokenIntrospectionRequest(local("/oauth2/introspect"),
                rpCredentials(), accessToken).toHTTPRequest().send()).toSuccessResponse().isActive();
    }
}
