package io.qrlogin.oidc.token;

import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2RefreshTokenAuthenticationToken;
import org.springframework.util.StringUtils;

/**
 * A public client's refresh token is bound to the key of its DPoP proofs (RFC 9449 §5): once its tokens
 * are DPoP-bound, a refresh without a proof is refused, as one with another key's proof already is.
 * Spring Authorization Server checks the key only when a proof comes; without one it would hand out
 * Bearer tokens, and whoever copied the refresh token would no longer need the key.
 */
public final class DPoPBoundRefresh extends RefreshTokenCheck {

    /** Where the token endpoint puts the request's {@code DPoP} header for the providers. */
    private static final String DPOP_PROOF = "dpop_proof";

    private final OAuth2AuthorizationService authorizations;

    /** @param delegate Spring Authorization Server's refresh token provider */
    public DPoPBoundRefresh(AuthenticationProvider delegate, OAuth2AuthorizationService authorizations) {
        super(delegate);
        this.authorizations = authorizations;
    }

    @Override
    @Nullable Authentication refresh(OAuth2RefreshTokenAuthenticationToken refresh) {
        if (publicClient(refresh) && !StringUtils.hasText((String) refresh.getAdditionalParameters().get(DPOP_PROOF))
                && boundToAKey(this.authorizations.findByToken(refresh.getRefreshToken(), OAuth2TokenType.REFRESH_TOKEN))) {
            throw new OAuth2AuthenticationException(new OAuth2Error(OAuth2ErrorCodes.INVALID_DPOP_PROOF,
                    "The refresh token is bound to a DPoP key: send a DPoP proof of that key", null));
        }
        return handOn(refresh);
    }

    private static boolean publicClient(OAuth2RefreshTokenAuthenticationToken refresh) {
        return refresh.getPrincipal() instanceof OAuth2ClientAuthenticationToken client
                && ClientAuthenticationMethod.NONE.equals(client.getClientAuthenticationMethod());
    }

    private static boolean boundToAKey(@Nullable OAuth2Authorization authorization) {
        OAuth2Authorization.Token<OAuth2AccessToken> accessToken = (authorization != null)
                ? authorization.getAccessToken() : null;
        Map<String, Object> claims = (accessToken != null) ? accessToken.getClaims() : null;
        return claims != null && claims.get("cnf") instanceof Map<?, ?> confirmation && confirmation.get("jkt") != null;
    }
}
