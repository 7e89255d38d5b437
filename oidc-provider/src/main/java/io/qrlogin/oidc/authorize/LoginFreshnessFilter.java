package io.qrlogin.oidc.authorize;

import java.io.IOException;
import java.time.Clock;
import java.util.function.Predicate;

import io.qrlogin.oidc.login.QrAuthentication;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationToken;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Single sign-on, within what the request allows: a browser with a provider session gets its code at
 * once unless the request says {@code prompt=login} or its {@code max_age} is older than the login
 * (OpenID Connect Core §3.1.2.1), or its session has ended since (logged out or revoked on the phone: no
 * new code may name it). Then the user signs in again with a new QR code, or, with
 * {@code prompt=none}, the client hears {@code login_required}. Acts only on requests the authorization
 * endpoint has validated; the login page then continues them without those parameters.
 */
public final class LoginFreshnessFilter extends OncePerRequestFilter {

    private final AuthorizationResponses responses;

    private final Clock clock;

    private final Predicate<String> sessionEnded;

    private final SecurityContextHolderStrategy contextHolder = SecurityContextHolder.getContextHolderStrategy();

    /** @param sessionEnded whether the session-service session ({@code sid}) of a login has ended */
    public LoginFreshnessFilter(AuthorizationResponses responses, Clock clock, Predicate<String> sessionEnded) {
        this.responses = responses;
        this.clock = clock;
        this.sessionEnded = sessionEnded;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getAttribute(OAuth2AuthorizationCodeRequestAuthenticationToken.class.getName())
                instanceof OAuth2AuthorizationCodeRequestAuthenticationToken validated
                && this.contextHolder.getContext().getAuthentication() instanceof QrAuthentication user
                && !fresh(validated, user)) {
            if (Prompts.of(validated).none()) {
                this.responses.loginRequired(request, response, validated);
                return;
            }
            // Signed out for this request only: the endpoint sends the browser to the QR login page.
            this.contextHolder.clearContext();
        }
        chain.doFilter(request, response);
    }

    private boolean fresh(OAuth2AuthorizationCodeRequestAuthenticationToken request, QrAuthentication user) {
        if (Prompts.of(request).login() || this.sessionEnded.test(user.sessionId())) {
            return false;
        }
        Long maxAge = maxAge(request);
        return maxAge == null || !this.clock.instant().minusSeconds(maxAge).isAfter(user.authTime());
    }

    private static @Nullable Long maxAge(OAuth2AuthorizationCodeRequestAuthenticationToken request) {
        Object value = request.getAdditionalParameters().get("max_age");
        if (!(value instanceof String text)) {
            return null;
        }
        try {
            long seconds = Long.parseLong(text.strip());
            return (seconds >= 0) ? seconds : null;
        }
        catch (NumberFormatException ex) {
            return null;
        }
    }
}
