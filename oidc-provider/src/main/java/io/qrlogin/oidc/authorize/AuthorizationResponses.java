package io.qrlogin.oidc.authorize;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationException;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.context.AuthorizationServerContextHolder;
import org.springframework.security.web.DefaultRedirectStrategy;
import org.springframework.security.web.RedirectStrategy;
import org.springframework.web.util.HtmlUtils;
import org.springframework.web.util.UriComponentsBuilder;
import org.springframework.web.util.UriUtils;

/**
 * The authorization endpoint's answers, as Spring Authorization Server gives them plus the issuer
 * ({@code iss}, RFC 9207) in every redirect, success or error, so a client talking to several
 * providers can tell which one answered (mix-up attacks). A request whose client or redirect URI
 * did not check out is never redirected: the browser gets an error page.
 */
public final class AuthorizationResponses {

    /** The error OpenID Connect Core §3.1.2.6 answers {@code prompt=none} with when no user is signed in. */
    static final String LOGIN_REQUIRED = "login_required";

    private final RedirectStrategy redirects = new DefaultRedirectStrategy();

    /** Sends the browser back to the client with the code. */
    public void success(HttpServletRequest request, HttpServletResponse response, Authentication authentication)
            throws IOException {
        OAuth2AuthorizationCodeRequestAuthenticationToken result = (OAuth2AuthorizationCodeRequestAuthenticationToken) authentication;
        if (result.getRedirectUri() == null || result.getAuthorizationCode() == null) {
            throw new IllegalStateException("An authorization response needs a redirect URI and a code");
        }
        UriComponentsBuilder uri = UriComponentsBuilder.fromUriString(result.getRedirectUri())
            .queryParam(OAuth2ParameterNames.CODE, result.getAuthorizationCode().getTokenValue());
        redirect(request, response, uri, result.getState());
    }

    /** Sends the browser back to the client with the error, or shows it when there is nowhere safe to send it. */
    public void failure(HttpServletRequest request, HttpServletResponse response, AuthenticationException exception)
            throws IOException {
        OAuth2Error error = ((OAuth2AuthenticationException) exception).getError();
        OAuth2AuthorizationCodeRequestAuthenticationToken authorizationRequest = null;
        if (exception instanceof OAuth2AuthorizationCodeRequestAuthenticationException requestException) {
            authorizationRequest = requestException.getAuthorizationCodeRequestAuthentication();
        }
        if (authorizationRequest == null || authorizationRequest.getRedirectUri() == null
                || authorizationRequest.getRedirectUri().isBlank()) {
            errorPage(response, error);
            return;
        }
        redirectError(request, response, authorizationRequest, error);
    }

    /** Answers a validated {@code prompt=none} request that has no signed-in user. */
    void loginRequired(HttpServletRequest request, HttpServletResponse response,
            OAuth2AuthorizationCodeRequestAuthenticationToken authorizationRequest) throws IOException {
        redirectError(request, response, authorizationRequest, new OAuth2Error(LOGIN_REQUIRED,
                "The user is not signed in and prompt=none forbids asking", null));
    }

    private void redirectError(HttpServletRequest request, HttpServletResponse response,
            OAuth2AuthorizationCodeRequestAuthenticationToken authorizationRequest, OAuth2Error error) throws IOException {
        UriComponentsBuilder uri = UriComponentsBuilder.fromUriString(authorizationRequest.getRedirectUri())
            .queryParam(OAuth2ParameterNames.ERROR, error.getErrorCode());
        if (error.getDescription() != null && !error.getDescription().isBlank()) {
            uri.queryParam(OAuth2ParameterNames.ERROR_DESCRIPTION, encode(error.getDescription()));
        }
        if (error.getUri() != null && !error.getUri().isBlank()) {
            uri.queryParam(OAuth2ParameterNames.ERROR_URI, encode(error.getUri()));
        }
        redirect(request, response, uri, authorizationRequest.getState());
    }

    private void redirect(HttpServletRequest request, HttpServletResponse response, UriComponentsBuilder uri,
            @Nullable String state) throws IOException {
        if (state != null && !state.isBlank()) {
            uri.queryParam(OAuth2ParameterNames.STATE, encode(state));
        }
        uri.queryParam("iss", encode(AuthorizationServerContextHolder.getContext().getIssuer()));
        // build(true): every added value is encoded above; the registered redirect URI is used as registered.
        this.redirects.sendRedirect(request, response, uri.build(true).toUriString());
    }

    private static void errorPage(HttpServletResponse response, OAuth2Error error) throws IOException {
        String what = (OAuth2ErrorCodes.INVALID_REQUEST.equals(error.getErrorCode()) && error.getDescription() != null)
                ? error.getDescription() : error.getErrorCode();
        response.setStatus(HttpStatus.BAD_REQUEST.value());
        response.setContentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8).toString());
        response.setHeader("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
        response.getWriter().write("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<title>Sign-in request refused</title></head><body><h1>Sign-in request refused</h1>"
                + "<p>The application sent an invalid sign-in request (" + HtmlUtils.htmlEscape(what)
                + "). Nothing was sent back to it. Contact the application's owner.</p></body></html>");
    }

    private static String encode(String value) {
        return UriUtils.encode(value, StandardCharsets.UTF_8);
    }
}
