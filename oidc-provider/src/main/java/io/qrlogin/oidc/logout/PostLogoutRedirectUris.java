package io.qrlogin.oidc.logout;

import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

import io.qrlogin.oidc.client.ConfiguredClients;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.oidc.authentication.OidcLogoutAuthenticationContext;
import org.springframework.security.oauth2.server.authorization.oidc.authentication.OidcLogoutAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.oidc.authentication.OidcLogoutAuthenticationToken;
import org.springframework.util.StringUtils;
import org.springframework.web.util.UriComponents;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Where RP-initiated logout may send the browser: a post-logout URI the client registered, compared
 * exactly, as Spring Authorization Server does; and, for a native client, its registered loopback URIs
 * on any port (RFC 8252 §7.3), as for its redirect URIs: a command-line tool listens on whatever port
 * is free when it signs out. Anything else is refused and the browser is never sent there.
 */
public final class PostLogoutRedirectUris {

    private static final String ERROR_URI = "https://openid.net/specs/openid-connect-rpinitiated-1_0.html#ValidationAndErrorHandling";

    /** The hosts RFC 8252 §7.3 names; {@code localhost} is not one (§8.3). */
    private static final Set<String> LOOPBACK = Set.of("127.0.0.1", "[::1]", "[0:0:0:0:0:0:0:1]");

    private PostLogoutRedirectUris() {
    }

    /** Installs the check in the logout endpoint's provider. */
    public static Consumer<List<AuthenticationProvider>> registeredOrNativeLoopback() {
        return (providers) -> providers.forEach((provider) -> {
            if (provider instanceof OidcLogoutAuthenticationProvider logout) {
                logout.setAuthenticationValidator(PostLogoutRedirectUris::validate);
            }
        });
    }

    static void validate(OidcLogoutAuthenticationContext context) {
        OidcLogoutAuthenticationToken logout = context.getAuthentication();
        String requested = logout.getPostLogoutRedirectUri();
        if (!StringUtils.hasText(requested) || allowed(context.getRegisteredClient(), requested)) {
            return;
        }
        throw new OAuth2AuthenticationException(new OAuth2Error(OAuth2ErrorCodes.INVALID_REQUEST,
                "OpenID Connect 1.0 Logout Request Parameter: post_logout_redirect_uri", ERROR_URI));
    }

    private static boolean allowed(RegisteredClient client, String requested) {
        if (client.getPostLogoutRedirectUris().contains(requested)) {
            return true;
        }
        return ConfiguredClients.isNative(client) && client.getPostLogoutRedirectUris()
            .stream()
            .anyMatch((registered) -> sameLoopbackUriOnAnyPort(registered, requested));
    }

    private static boolean sameLoopbackUriOnAnyPort(String registered, String requested) {
        UriComponents expected;
        UriComponents actual;
        try {
            expected = UriComponentsBuilder.fromUriString(registered).build();
            actual = UriComponentsBuilder.fromUriString(requested).build();
        }
        catch (IllegalArgumentException ex) {
            return false;
        }
        return "http".equals(actual.getScheme()) && LOOPBACK.contains(actual.getHost())
                && Objects.equals(expected.getScheme(), actual.getScheme())
                && Objects.equals(expected.getHost(), actual.getHost())
                && Objects.equals(expected.getUserInfo(), actual.getUserInfo())
                && Objects.equals(expected.getPath(), actual.getPath())
                && Objects.equals(expected.getQuery(), actual.getQuery())
                && Objects.equals(expected.getFragment(), actual.getFragment());
    }
}
