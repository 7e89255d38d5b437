package io.qrlogin.oidc.login;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import org.springframework.security.web.savedrequest.SavedRequest;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The authorization request a browser was sent to the login page from (saved in its provider
 * session): which client it signs in to, and where to continue once it has.
 *
 * @param clientId the {@code client_id} of the request
 * @param url the request's full URL
 */
record PendingAuthorization(String clientId, String url) {

    /** Where the authorization endpoint is, relative to the issuer. */
    static final String AUTHORIZATION_ENDPOINT = "/oauth2/authorize";

    /** The parameters that asked for this login; the request must not ask again once it is done. */
    private static final List<String> LOGIN_PARAMETERS = List.of("max_age", "continue");

    /** The pending authorization request in {@code saved}, if that is one. */
    static Optional<PendingAuthorization> of(@Nullable SavedRequest saved) {
        if (saved == null || !"GET".equals(saved.getMethod())) {
            return Optional.empty();
        }
        String url = saved.getRedirectUrl();
        String path = UriComponentsBuilder.fromUriString(url).build().getPath();
        String[] clientIds = saved.getParameterValues("client_id");
        if (path == null || !path.endsWith(AUTHORIZATION_ENDPOINT) || clientIds == null || clientIds.length != 1) {
            return Optional.empty();
        }
        return Optional.of(new PendingAuthorization(clientIds[0], url));
    }

    /**
     * The request to continue with after the login: without {@code prompt=login} and {@code max_age},
     * which the login just satisfied and which would otherwise ask for it again, in a loop.
     */
    String continueUrl() {
        UriComponentsBuilder builder = UriComponentsBuilder.fromUriString(this.url);
        LOGIN_PARAMETERS.forEach((name) -> builder.replaceQueryParam(name));
        List<String> prompts = builder.build().getQueryParams().getOrDefault("prompt", List.of());
        builder.replaceQueryParam("prompt");
        List<String> kept = prompts.stream()
            .flatMap((prompt) -> Arrays.stream(prompt.split("%20|\\+| ")))
            .filter((prompt) -> !prompt.isEmpty() && !"login".equals(prompt))
            .toList();
        if (!kept.isEmpty()) {
            builder.queryParam("prompt", String.join("%20", kept));
        }
        // The saved URL is encoded already.
        return builder.build(true).toUriString();
    }
}
