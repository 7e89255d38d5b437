package io.qrlogin.oidc.token;

import org.jspecify.annotations.Nullable;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2RefreshTokenAuthenticationToken;

/**
 * A check wrapped around Spring Authorization Server's refresh token provider: it sees every refresh
 * grant first, may refuse it, and otherwise hands it on. The checks nest, each around the next, so the
 * provider's own refresh stays untouched and each rule lives in one class.
 */
abstract class RefreshTokenCheck implements AuthenticationProvider {

    private final AuthenticationProvider delegate;

    /** @param delegate Spring Authorization Server's refresh token provider, or another check around it */
    RefreshTokenCheck(AuthenticationProvider delegate) {
        this.delegate = delegate;
    }

    @Override
    public final @Nullable Authentication authenticate(Authentication authentication) {
        return refresh((OAuth2RefreshTokenAuthenticationToken) authentication);
    }

    /** Checks {@code refresh}: throws to refuse it, else answers what {@link #handOn} answers. */
    abstract @Nullable Authentication refresh(OAuth2RefreshTokenAuthenticationToken refresh);

    /** The refresh as the wrapped provider answers it. */
    final @Nullable Authentication handOn(OAuth2RefreshTokenAuthenticationToken refresh) {
        return this.delegate.authenticate(refresh);
    }

    @Override
    public final boolean supports(Class<?> authentication) {
        return OAuth2RefreshTokenAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
