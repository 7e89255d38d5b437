package io.qrlogin.oidc.token;

import java.io.IOException;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.http.converter.OAuth2ErrorHttpMessageConverter;
import org.springframework.security.oauth2.server.authorization.web.authentication.OAuth2ErrorAuthenticationFailureHandler;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;

/**
 * The token endpoint's error responses, as Spring Authorization Server writes them (400 with the OAuth
 * error), but {@code temporarily_unavailable}: 503 with {@code Retry-After}, so that clients and proxies
 * see a passing outage rather than a grant they must give up.
 */
public final class TokenErrorResponses implements AuthenticationFailureHandler {

    private final AuthenticationFailureHandler delegate = new OAuth2ErrorAuthenticationFailureHandler();

    private final OAuth2ErrorHttpMessageConverter converter = new OAuth2ErrorHttpMessageConverter();

    @Override
    public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
            AuthenticationException exception) throws IOException, ServletException {
        if (exception instanceof OAuth2AuthenticationException oauth
                && LiveSessionRefresh.TEMPORARILY_UNAVAILABLE.equals(oauth.getError().getErrorCode())) {
            ServletServerHttpResponse http = new ServletServerHttpResponse(response);
            http.setStatusCode(HttpStatus.SERVICE_UNAVAILABLE);
            http.getHeaders().set("Retry-After", "5");
            this.converter.write(oauth.getError(), null, http);
            return;
        }
        this.delegate.onAuthenticationFailure(request, response, exception);
    }
}
