package io.qrlogin.oidc.authorize;

import java.io.IOException;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationToken;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;

/**
 * Where an authorization request without a signed-in user goes: the QR login page, or, for
 * {@code prompt=none}, straight back to the client with {@code login_required}. Spring
 * Authorization Server would answer that itself, but its endpoint comes after the check that sends
 * anonymous users here.
 */
public final class QrLoginEntryPoint implements AuthenticationEntryPoint {

    private final AuthenticationEntryPoint loginPage;

    private final AuthorizationResponses responses;

    public QrLoginEntryPoint(String loginPage, AuthorizationResponses responses) {
        this.loginPage = new LoginUrlAuthenticationEntryPoint(loginPage);
        this.responses = responses;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException exception)
            throws IOException, ServletException {
        if (request.getAttribute(OAuth2AuthorizationCodeRequestAuthenticationToken.class.getName())
                instanceof OAuth2AuthorizationCodeRequestAuthenticationToken validated && Prompts.of(validated).none()) {
            this.responses.loginRequired(request, response, validated);
            return;
        }
        this.loginPage.commence(request, response, exception);
    }
}
