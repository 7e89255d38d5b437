package io.qrlogin.oidc.token;

import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Set;

import io.qrlogin.core.client.OAuthClient;
import org.jspecify.annotations.Nullable;

import org.springframework.security.crypto.keygen.Base64StringKeyGenerator;
import org.springframework.security.crypto.keygen.StringKeyGenerator;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenGenerator;

/**
 * Refresh tokens, for the {@code offline_access} scope only (OpenID Connect Core §11) and for public
 * and native clients too: Spring Authorization Server's own generator gives those none, but a CLI
 * needs them, and rotation on every use (RFC 9700 §4.14.2) is what makes them safe. The device grant
 * (RFC 8628) is the exception to the scope rule: a device has no browser to come back through, and
 * Spring Authorization Server refuses a device grant without a refresh token when the client may
 * refresh, so every device grant of such a client gets one.
 */
public final class QrRefreshTokenGenerator implements OAuth2TokenGenerator<OAuth2RefreshToken> {

    private final StringKeyGenerator values = new Base64StringKeyGenerator(Base64.getUrlEncoder().withoutPadding(), 96);

    private final Clock clock;

    public QrRefreshTokenGenerator(Clock clock) {
        this.clock = clock;
    }

    @Override
    public @Nullable OAuth2RefreshToken generate(OAuth2TokenContext context) {
        RegisteredClient client = context.getRegisteredClient();
        if (!OAuth2TokenType.REFRESH_TOKEN.equals(context.getTokenType())
                || !client.getAuthorizationGrantTypes().contains(AuthorizationGrantType.REFRESH_TOKEN)
                || !offlineAccess(context)) {
            return null;
        }
        Instant issuedAt = this.clock.instant();
        return new OAuth2RefreshToken(this.values.generateKey(), issuedAt,
                issuedAt.plus(client.getTokenSettings().getRefreshTokenTimeToLive()));
    }

    /**
     * Whether the user granted {@code offline_access}. On a refresh, what the family was granted counts,
     * not the narrower scope one refresh may ask for: rotation must always yield a new token.
     */
    private static boolean offlineAccess(OAuth2TokenContext context) {
        OAuth2Authorization authorization = context.getAuthorization();
        if (AuthorizationGrantType.DEVICE_CODE.equals(context.getAuthorizationGrantType())) {
            return true;
        }
        Set<String> granted = (AuthorizationGrantType.REFRESH_TOKEN.equals(context.getAuthorizationGrantType())
                && authorization != null) ? authorization.getAuthorizedScopes() : context.getAuthorizedScopes();
        return granted.contains(OAuthClient.OFFLINE_ACCESS);
    }
}
