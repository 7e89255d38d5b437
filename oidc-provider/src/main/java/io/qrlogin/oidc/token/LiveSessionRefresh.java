package io.qrlogin.oidc.token;

import io.qrlogin.oidc.sessionservice.SessionCheck;
import io.qrlogin.oidc.store.RedisOAuth2AuthorizationService;
import org.jspecify.annotations.Nullable;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2RefreshTokenAuthenticationToken;

/**
 * A refresh gives new tokens only while the user's session is live at session-service, asked at every
 * refresh ({@link SessionCheck}): a session that ended (logged out, revoked on the phone, expired, idle)
 * refuses it with {@code invalid_grant} and its authorization is removed, even if its
 * {@code SESSION_ENDED} event has not arrived yet. When session-service cannot say, the refresh is
 * refused with {@code temporarily_unavailable} (answered 503): never granted on a guess. A refresh token
 * presented by another client than its own is left to Spring Authorization Server, which refuses it.
 */
public final class LiveSessionRefresh extends RefreshTokenCheck {

    /** RFC 6749 §4.1.2.1's error, which the token endpoint answers with 503 ({@link TokenErrorResponses}). */
    static final String TEMPORARILY_UNAVAILABLE = OAuth2ErrorCodes.TEMPORARILY_UNAVAILABLE;

    private final RedisOAuth2AuthorizationService authorizations;

    private final SessionCheck sessions;

    /** @param delegate Spring Authorization Server's refresh token provider */
    public LiveSessionRefresh(AuthenticationProvider delegate, RedisOAuth2AuthorizationService authorizations,
            SessionCheck sessions) {
        super(delegate);
        this.authorizations = authorizations;
        this.sessions = sessions;
    }

    @Override
    @Nullable Authentication refresh(OAuth2RefreshTokenAuthenticationToken refresh) {
        OAuth2Authorization authorization = this.authorizations.findByToken(refresh.getRefreshToken(),
                OAuth2TokenType.REFRESH_TOKEN);
        String sid = (authorization != null && ownClient(refresh, authorization))
                ? RedisOAuth2AuthorizationService.sessionOf(authorization) : null;
        if (sid != null) {
            switch (this.sessions.touch(sid)) {
                case LIVE -> {
                }
                case ENDED -> {
                    this.authorizations.remove(authorization);
                    throw new OAuth2AuthenticationException(new OAuth2Error(OAuth2ErrorCodes.INVALID_GRANT,
                            "The session has ended", null));
                }
                case UNKNOWN -> throw new OAuth2AuthenticationException(new OAuth2Error(TEMPORARILY_UNAVAILABLE,
                        "The session cannot be checked now; try again shortly", null));
            }
        }
        return handOn(refresh);
    }

    private static boolean ownClient(OAuth2RefreshTokenAuthenticationToken refresh, OAuth2Authorization authorization) {
        return refresh.getPrincipal() instanceof OAuth2ClientAuthenticationToken client
                && client.getRegisteredClient() != null
                && client.getRegisteredClient().getId().equals(authorization.getRegisteredClientId());
    }
}
