package io.qrlogin.oidc.device;

import java.security.Principal;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2Token;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AccessTokenAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2DeviceCodeAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.context.AuthorizationServerContextHolder;
import org.springframework.security.oauth2.server.authorization.token.DefaultOAuth2TokenContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenGenerator;

/**
 * An ID token for a device, wrapped around Spring Authorization Server's device code provider, which
 * issues none: when the device's tokens are issued and {@code openid} was granted, an ID token is added to
 * them and stored with the authorization, so refreshes and logout find it.
 */
final class DeviceIdTokens implements AuthenticationProvider {

    private static final OAuth2TokenType ID_TOKEN = new OAuth2TokenType(OidcParameterNames.ID_TOKEN);

    private final AuthenticationProvider delegate;

    private final OAuth2AuthorizationService authorizations;

    private final OAuth2TokenGenerator<? extends OAuth2Token> tokens;

    /** @param delegate Spring Authorization Server's device code provider */
    DeviceIdTokens(AuthenticationProvider delegate, OAuth2AuthorizationService authorizations,
            OAuth2TokenGenerator<? extends OAuth2Token> tokens) {
        this.delegate = delegate;
        this.authorizations = authorizations;
        this.tokens = tokens;
    }

    @Override
    public @Nullable Authentication authenticate(Authentication authentication) {
        Authentication issued = this.delegate.authenticate(authentication);
        return (issued instanceof OAuth2AccessTokenAuthenticationToken tokens)
                ? withIdToken(tokens, (OAuth2DeviceCodeAuthenticationToken) authentication) : issued;
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return this.delegate.supports(authentication);
    }

    /** The tokens, with an ID token when {@code openid} was granted. */
    private Authentication withIdToken(OAuth2AccessTokenAuthenticationToken issued, OAuth2DeviceCodeAuthenticationToken poll) {
        OAuth2AccessToken accessToken = issued.getAccessToken();
        OAuth2Authorization authorization = this.authorizations.findByToken(accessToken.getTokenValue(),
                OAuth2TokenType.ACCESS_TOKEN);
        if (authorization == null || !authorization.getAuthorizedScopes().contains(OidcScopes.OPENID)) {
            return issued;
        }
        Authentication user = authorization.getAttribute(Principal.class.getName());
        RegisteredClient client = issued.getRegisteredClient();
        OAuth2Token generated = this.tokens.generate(DefaultOAuth2TokenContext.builder()
            .registeredClient(client)
            .principal(user)
            .authorizationServerContext(AuthorizationServerContextHolder.getContext())
            .authorization(authorization)
            .authorizedScopes(authorization.getAuthorizedScopes())
            .authorizationGrantType(AuthorizationGrantType.DEVICE_CODE)
            .authorizationGrant(poll)
            .tokenType(ID_TOKEN)
            .build());
        if (!(generated instanceof Jwt jwt)) {
            throw new OAuth2AuthenticationException(new OAuth2Error(OAuth2ErrorCodes.SERVER_ERROR,
                    "The token generator failed to generate the ID token.", null));
        }
        OidcIdToken idToken = new OidcIdToken(jwt.getTokenValue(), jwt.getIssuedAt(), jwt.getExpiresAt(), jwt.getClaims());
        this.authorizations.save(OAuth2Authorization.from(authorization)
            .token(idToken, (metadata) -> metadata.put(OAuth2Authorization.Token.CLAIMS_METADATA_NAME, idToken.getClaims()))
            .build());
        return new OAuth2AccessTokenAuthenticationToken(client, (Authentication) poll.getPrincipal(), accessToken,
                issued.getRefreshToken(), Map.of(OidcParameterNames.ID_TOKEN, idToken.getTokenValue()));
    }
}
