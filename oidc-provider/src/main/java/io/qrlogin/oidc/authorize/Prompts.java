package io.qrlogin.oidc.authorize;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationToken;

/**
 * The {@code prompt} values of an OpenID Connect authentication request (OpenID Connect Core §3.1.2.1),
 * which Spring Authorization Server reads only for {@code openid} requests, as here.
 *
 * @param values the space-separated values
 */
record Prompts(Set<String> values) {

    static Prompts of(OAuth2AuthorizationCodeRequestAuthenticationToken request) {
        Object prompt = request.getAdditionalParameters().get("prompt");
        if (!request.getScopes().contains(OidcScopes.OPENID) || !(prompt instanceof String text)) {
            return new Prompts(Set.of());
        }
        return new Prompts(Arrays.stream(text.split(" ")).filter((value) -> !value.isEmpty()).collect(Collectors.toSet()));
    }

    /** {@code none}: the user must not be asked anything. */
    boolean none() {
        return this.values.contains("none");
    }

    /** {@code login}: the user must sign in again, even with a provider session. */
    boolean login() {
        return this.values.contains("login");
    }
}
