package io.qrlogin.oidc.token;

import java.util.Optional;

import io.qrlogin.oidc.store.RedisOAuth2AuthorizationService;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2RefreshTokenAuthenticationToken;

/**
 * Refresh token reuse detection (RFC 9700 §4.14.2): refresh tokens rotate on every use, so a token
 * used again was copied, by an attacker or from the client that already moved on. Either way it is
 * refused and its whole family (the authorization: access, refresh and ID tokens) is revoked. The
 * same holds for one token used twice at once: the second save loses its race.
 */
public final class RefreshTokenReuseDetection extends RefreshTokenCheck {

    private static final Logger logger = LoggerFactory.getLogger(RefreshTokenReuseDetection.class);

    private final RedisOAuth2AuthorizationService authorizations;

    /** @param delegate Spring Authorization Server's refresh token provider, with rotation on */
    public RefreshTokenReuseDetection(AuthenticationProvider delegate, RedisOAuth2AuthorizationService authorizations) {
        super(delegate);
        this.authorizations = authorizations;
    }

    @Override
    @Nullable Authentication refresh(OAuth2RefreshTokenAuthenticationToken refresh) {
        String refreshToken = refresh.getRefreshToken();
        Optional<String> replayed = this.authorizations.familyOfRetiredRefreshToken(refreshToken);
        if (replayed.isPresent()) {
            throw revoke(replayed);
        }
        try {
            return handOn(refresh);
        }
        catch (OptimisticLockingFailureException ex) {
            // Another use of the same token saved its rotation first.
            throw revoke(this.authorizations.familyOfRefreshToken(refreshToken));
        }
        catch (OAuth2AuthenticationException ex) {
            // Another use rotated the token between the check above and the refresh.
            replayed = OAuth2ErrorCodes.INVALID_GRANT.equals(ex.getError().getErrorCode())
                    ? this.authorizations.familyOfRetiredRefreshToken(refreshToken) : Optional.empty();
            if (replayed.isPresent()) {
                throw revoke(replayed);
            }
            throw ex;
        }
    }

    /** Ends {@code family} (when it has not ended yet) and answers the use that revealed the reuse. */
    private OAuth2AuthenticationException revoke(Optional<String> family) {
        OAuth2Authorization authorization = family.map(this.authorizations::findById).orElse(null);
        if (authorization != null) {
            this.authorizations.remove(authorization);
            logger.warn("A refresh token of client {} was used again: its family {} is revoked",
                    authorization.getRegisteredClientId(), authorization.getId());
        }
        return reused();
    }

    private static OAuth2AuthenticationException reused() {
        return new OAuth2AuthenticationException(new OAuth2Error(OAuth2ErrorCodes.INVALID_GRANT,
                "The refresh token was used before", null));
    }
}
