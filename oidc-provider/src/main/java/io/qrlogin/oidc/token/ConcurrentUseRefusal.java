package io.qrlogin.oidc.token;

import org.jspecify.annotations.Nullable;

import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;

/**
 * An authorization code redeemed twice at once: both requests read it unused, only the first save
 * wins, and the second is refused as {@code invalid_grant} (RFC 6749 §4.1.2: a code is used once)
 * instead of failing with a server error.
 */
public final class ConcurrentUseRefusal implements AuthenticationProvider {

    private final AuthenticationProvider delegate;

    /** @param delegate Spring Authorization Server's authorization code provider */
    public ConcurrentUseRefusal(AuthenticationProvider delegate) {
        this.delegate = delegate;
    }

    @Override
    public @Nullable Authentication authenticate(Authentication authentication) {
        try {
            return this.delegate.authenticate(authentication);
        }
        catch (OptimisticLockingFailureException ex) {
            throw new OAuth2AuthenticationException(new OAuth2Error(OAuth2ErrorCodes.INVALID_GRANT,
                    "The authorization code was used before", null));
        }
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return this.delegate.supports(authentication);
    }
}
