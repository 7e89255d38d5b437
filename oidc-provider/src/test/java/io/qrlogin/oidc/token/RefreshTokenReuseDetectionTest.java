package io.qrlogin.oidc.token;

import java.util.Optional;

import io.qrlogin.oidc.store.RedisOAuth2AuthorizationService;
import org.junit.jupiter.api.Test;

import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2RefreshTokenAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

class RefreshTokenReuseDetectionTest {

    private static final RegisteredClient CLIENT = RegisteredClient.withId("rp").clientId("rp")
        .authorizationGrantType(AuthorizationGrantType.REFRESH_TOKEN)
        .clientAuthenticationMethod(ClientAuthenticationMethod.NONE)
        .build();

    private static final OAuth2Authorization FAMILY = OAuth2Authorization.withRegisteredClient(CLIENT).id("family-1")
        .principalName("alice")
        .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
        .build();

    private final AuthenticationProvider delegate = mock(AuthenticationProvider.class);

    private final RedisOAuth2AuthorizationService authorizations = mock(RedisOAuth2AuthorizationService.class);

    private final RefreshTokenReuseDetection detection = new RefreshTokenReuseDetection(this.delegate,
            this.authorizations);

    private final OAuth2RefreshTokenAuthenticationToken request = new OAuth2RefreshTokenAuthenticationToken("old",
            new OAuth2ClientAuthenticationToken(CLIENT, ClientAuthenticationMethod.NONE, null), null, null);

    @Test
    void currentRefreshTokenThenTheRefreshGoesAhead() {
        Authentication refreshed = new TestingAuthenticationToken("rp", null);
        given(this.authorizations.familyOfRetiredRefreshToken("old")).willReturn(Optional.empty());
        given(this.delegate.authenticate(this.request)).willReturn(refreshed);

        assertThat(this.detection.authenticate(this.request)).isSameAs(refreshed);
        verify(this.authorizations, never()).remove(any());
    }

    @Test
    void refreshTokenARotationReplacedThenInvalidGrantAndItsFamilyRevoked() {
        given(this.authorizations.familyOfRetiredRefreshToken("old")).willReturn(Optional.of("family-1"));
        given(this.authorizations.findById("family-1")).willReturn(FAMILY);

        assertInvalidGrant();
        verify(this.authorizations).remove(FAMILY);
        verify(this.delegate, never()).authenticate(any());
    }

    @Test
    void refreshTokenUsedAgainWhileItsFirstUseSavesThenInvalidGrantAndItsFamilyRevoked() {
        given(this.authorizations.familyOfRetiredRefreshToken("old")).willReturn(Optional.empty());
        given(this.authorizations.familyOfRefreshToken("old")).willReturn(Optional.of("family-1"));
        given(this.authorizations.findById("family-1")).willReturn(FAMILY);
        given(this.delegate.authenticate(this.request)).willThrow(new OptimisticLockingFailureException("raced"));

        assertInvalidGrant();
        verify(this.authorizations).remove(FAMILY);
    }

    @Test
    void refreshTokenRotatedByAnotherUseWhileThisOneStartedThenInvalidGrantAndItsFamilyRevoked() {
        given(this.authorizations.familyOfRetiredRefreshToken("old")).willReturn(Optional.empty(),
                Optional.of("family-1"));
        given(this.authorizations.findById("family-1")).willReturn(FAMILY);
        given(this.delegate.authenticate(this.request))
            .willThrow(new OAuth2AuthenticationException(OAuth2ErrorCodes.INVALID_GRANT));

        assertInvalidGrant();
        verify(this.authorizations).remove(FAMILY);
    }

    @Test
    void refreshRefusedForAnyOtherReasonThenThatRefusalAndNothingRevoked() {
        given(this.authorizations.familyOfRetiredRefreshToken("old")).willReturn(Optional.empty());
        given(this.delegate.authenticate(this.request))
            .willThrow(new OAuth2AuthenticationException(OAuth2ErrorCodes.INVALID_SCOPE));

        assertThatExceptionOfType(OAuth2AuthenticationException.class)
            .isThrownBy(() -> this.detection.authenticate(this.request))
            .satisfies((ex) -> assertThat(ex.getError().getErrorCode()).isEqualTo("invalid_scope"));
        verify(this.authorizations, never()).remove(any());
    }

    @Test
    void familyAlreadyGoneThenStillInvalidGrant() {
        given(this.authorizations.familyOfRetiredRefreshToken("old")).willReturn(Optional.of("family-1"));

        assertInvalidGrant();
        verify(this.authorizations, never()).remove(any());
    }

    private void assertInvalidGrant() {
        assertThatExceptionOfType(OAuth2AuthenticationException.class)
            .isThrownBy(() -> this.detection.authenticate(this.request))
            .satisfies((ex) -> assertThat(ex.getError().getErrorCode()).isEqualTo("invalid_grant"));
    }
}
