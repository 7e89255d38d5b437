package io.qrlogin.oidc.authorize;

import java.util.List;
import java.util.function.Consumer;

import io.qrlogin.oidc.client.ConfiguredClients;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationContext;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationException;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationValidator;

/**
 * Redirect URIs match exactly as registered (RFC 9700 §2.1); only a native client's loopback URIs
 * match on any port (RFC 8252 §7.3). Spring Authorization Server lets every client's loopback URIs
 * match on any port; a web client registered at {@code http://127.0.0.1:3000/cb} must not receive
 * codes at another port of the user's machine.
 */
public final class RedirectUris {

    private static final String ERROR_URI = "https://datatracker.ietf.org/doc/html/rfc6749#section-4.1.2.1";

    private RedirectUris() {
    }

    /**
     * Installs the check in the authorization endpoint's provider, which also hands it to the filter that
     * validates a request before the user signs in.
     */
    public static Consumer<List<AuthenticationProvider>> exactExceptNativeLoopback() {
        return (providers) -> providers.forEach((provider) -> {
            if (provider instanceof OAuth2AuthorizationCodeRequestAuthenticationProvider authorization) {
                // Replaces the redirect URI and scope checks, so the scope check goes back in.
                authorization.setAuthenticationValidator(((Consumer<OAuth2AuthorizationCodeRequestAuthenticationContext>) RedirectUris::validate)
                    .andThen(OAuth2AuthorizationCodeRequestAuthenticationValidator.DEFAULT_SCOPE_VALIDATOR));
            }
        });
    }

    static void validate(OAuth2AuthorizationCodeRequestAuthenticationContext context) {
        OAuth2AuthorizationCodeRequestAuthenticationToken request = context.getAuthentication();
        String requested = request.getRedirectUri();
        if (requested == null || ConfiguredClients.isNative(context.getRegisteredClient())) {
            OAuth2AuthorizationCodeRequestAuthenticationValidator.DEFAULT_REDIRECT_URI_VALIDATOR.accept(context);
            return;
        }
        if (!context.getRegisteredClient().getRedirectUris().contains(requested)) {
            throw invalidRedirectUri(request);
        }
    }

    /** The refusal, without a redirect URI: the browser is never sent to an unregistered one. */
    private static OAuth2AuthorizationCodeRequestAuthenticationException invalidRedirectUri(
            OAuth2AuthorizationCodeRequestAuthenticationToken request) {
        OAuth2AuthorizationCodeRequestAuthenticationToken refused = new OAuth2AuthorizationCodeRequestAuthenticationToken(
                request.getAuthorizationUri(), request.getClientId(), (Authentication) request.getPrincipal(), null,
                request.getState(), request.getScopes(), request.getAdditionalParameters());
        refused.setAuthenticated(true);
        return new OAuth2AuthorizationCodeRequestAuthenticationException(new OAuth2Error(OAuth2ErrorCodes.INVALID_REQUEST,
                "OAuth 2.0 Parameter: " + OAuth2ParameterNames.REDIRECT_URI, ERROR_URI), refused);
    }
}
