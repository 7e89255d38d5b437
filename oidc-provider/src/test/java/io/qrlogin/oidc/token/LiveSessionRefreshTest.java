package io.qrlogin.oidc.token;

import java.security.Principal;
import java.time.Instant;

import io.qrlogin.oidc.login.QrAuthentication;
import io.qrlogin.oidc.sessionservice.SessionCheck;
import io.qrlogin.oidc.sessionservice.SessionCheck.Liveness;
import io.qrlogin.oidc.store.RedisOAuth2AuthorizationService;
import org.junit.jupiter.api.Test;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2RefreshTokenAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

class LiveSessionRefreshTest {

    private static final RegisteredClient RP = client("rp");

    private static final OAuth2Authorization FAMILY = OAuth2Authorization.withRegisteredClient(RP).id("family-1")
        .principalName("alice")
        .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
        .attribute(Principal.class.getName(), new QrAuthentication("alice", "Alice", "sid-1", Instant.now()))
        .build();

    private final AuthenticationProvider delegate = mock(AuthenticationProvider.class);

    private final RedisOAuth2AuthorizationService authorizations = mock(RedisOAuth2AuthorizationService.class);

    private final SessionCheck sessions = mock(SessionCheck.class);

    private final LiveSessionRefresh refresh = new LiveSessionRefresh(this.delegate, this.authorizations, this.sessions);

    @Test
    void liveSessionThenTheRefreshGoesAhead() {
        Authentication refreshed = new TestingAuthenticationToken("rp", null);
        givenTheSessionIs(Liveness.LIVE);
        given(this.delegate.authenticate(any())).willReturn(refreshed);

        assertThat(this.refresh.authenticate(request(RP))).isSameAs(refreshed);
        verify(this.authorizations, never()).remove(any());
    }

    @Test
    void endedSessionThenInvalidGrantAndTheAuthorizationRemoved() {
        givenTheSessionIs(Liveness.ENDED);

        assertRefusedBeforeTheDelegate(OAuth2ErrorCodes.INVALID_GRANT);
        verify(this.authorizations).remove(FAMILY);
    }

    @Test
    void sessionServiceCannotSayThenTemporarilyUnavailableAndNothingRemoved() {
        givenTheSessionIs(Liveness.UNKNOWN);

        assertRefusedBeforeTheDelegate(OAuth2ErrorCodes.TEMPORARILY_UNAVAILABLE);
        verify(this.authorizations, never()).remove(any());
    }

    @Test
    void refreshTokenOfAnotherClientThenLeftToTheDelegateWithoutTouchingTheSession() {
        given(this.authorizations.findByToken("old", OAuth2TokenType.REFRESH_TOKEN)).willReturn(FAMILY);
        given(this.delegate.authenticate(any())).willThrow(new OAuth2AuthenticationException(OAuth2ErrorCodes.INVALID_GRANT));

        assertThatExceptionOfType(OAuth2AuthenticationException.class)
            .isThrownBy(() -> this.refresh.authenticate(request(client("other"))));
        verify(this.sessions, never()).touch(anyString());
        verify(this.authorizations, never()).remove(any());
    }

    @Test
    void unknownRefreshTokenThenLeftToTheDelegate() {
        given(this.delegate.authenticate(any())).willThrow(new OAuth2AuthenticationException(OAuth2ErrorCodes.INVALID_GRANT));

        assertThatExceptionOfType(OAuth2AuthenticationException.class).isThrownBy(() -> this.refresh.authenticate(request(RP)));
        verify(this.sessions, never()).touch(anyString());
    }

    /** Alice's refresh token of {@code rp} is known, and session-service answers this for her session. */
    private void givenTheSessionIs(Liveness liveness) {
        given(this.authorizations.findByToken("old", OAuth2TokenType.REFRESH_TOKEN)).willReturn(FAMILY);
        given(this.sessions.touch("sid-1")).willReturn(liveness);
    }

    private void assertRefusedBeforeTheDelegate(String errorCode) {
        assertThatExceptionOfType(OAuth2AuthenticationException.class).isThrownBy(() -> this.refresh.authenticate(request(RP)))
            .satisfies((ex) -> assertThat(ex.getError().getErrorCode()).isEqualTo(errorCode));
        verify(this.delegate, never()).authenticate(any());
    }

    private static OAuth2RefreshTokenAuthenticationToken request(RegisteredClient client) {
        return new OAuth2RefreshTokenAuthenticationToken("old",
                new OAuth2ClientAuthenticationToken(client, ClientAuthenticationMethod.CLIENT_SECRET_BASIC, null), null,
                null);
    }

    private static RegisteredClient client(String id) {
        return RegisteredClient.withId(id).clientId(id)
            .authorizationGrantType(AuthorizationGrantType.REFRESH_TOKEN)
            .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
            .build();
    }
}
