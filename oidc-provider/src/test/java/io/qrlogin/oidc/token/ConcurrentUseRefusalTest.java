package io.qrlogin.oidc.token;

import org.junit.jupiter.api.Test;

import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

class ConcurrentUseRefusalTest {

    private final AuthenticationProvider delegate = mock(AuthenticationProvider.class);

    private final ConcurrentUseRefusal refusal = new ConcurrentUseRefusal(this.delegate);

    private final TestingAuthenticationToken request = new TestingAuthenticationToken("rp", null);

    @Test
    void codeRedeemedTwiceAtOnceThenTheLoserGetsInvalidGrant() {
        given(this.delegate.authenticate(this.request)).willThrow(new OptimisticLockingFailureException("raced"));

        assertThatExceptionOfType(OAuth2AuthenticationException.class).isThrownBy(() -> this.refusal.authenticate(this.request))
            .satisfies((ex) -> assertThat(ex.getError().getErrorCode()).isEqualTo("invalid_grant"));
    }

    @Test
    void anyOtherOutcomeIsTheDelegates() {
        given(this.delegate.authenticate(this.request)).willReturn(this.request);
        given(this.delegate.supports(TestingAuthenticationToken.class)).willReturn(true);

        assertThat(this.refusal.authenticate(this.request)).isSameAs(this.request);
        assertThat(this.refusal.supports(TestingAuthenticationToken.class)).isTrue();
    }
}
