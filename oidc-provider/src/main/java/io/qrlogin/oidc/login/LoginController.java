package io.qrlogin.oidc.login;

import java.util.Optional;

import io.qrlogin.core.client.Client;
import io.qrlogin.oidc.login.PendingLogins.PendingLogin;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The provider's login: a browser sent here by an authorization request signs in with the QR flow
 * (the widget, for the request's client), then hands the session token over; the provider checks it,
 * signs the browser in and continues the request.
 */
@Controller
class LoginController {

    private static final Logger logger = LoggerFactory.getLogger(LoginController.class);

    private final SessionTokenVerifier sessionTokens;

    private final PendingLogins logins;

    private final LoginPages pages = new LoginPages();

    LoginController(SessionTokenVerifier sessionTokens, PendingLogins logins) {
        this.sessionTokens = sessionTokens;
        this.logins = logins;
    }

    @GetMapping(LoginPaths.LOGIN)
    ResponseEntity<String> page(HttpServletRequest request, HttpServletResponse response, CsrfToken csrf) {
        Optional<PendingLogin> pending = this.logins.find(request, response);
        if (pending.isEmpty()) {
            return nothingPending();
        }
        Client client = pending.get().client();
        return this.pages.login(client.name(), client.id(), csrf.getParameterName(), csrf.getToken());
    }

    @PostMapping(LoginPaths.HANDOFF)
    ResponseEntity<String> handoff(@RequestParam("session_token") String sessionToken, HttpServletRequest request,
            HttpServletResponse response) {
        Optional<PendingLogin> pending = this.logins.find(request, response);
        if (pending.isEmpty()) {
            return nothingPending();
        }
        Client client = pending.get().client();
        Handoff handoff = this.sessionTokens.verify(sessionToken, client.audience());
        if (handoff instanceof Handoff.Refused refused) {
            logger.info("Login hand-over for client {} refused: {}", client.id(), refused.reason());
            return this.pages.message(HttpStatus.UNAUTHORIZED, "Sign-in failed",
                    "The sign-in could not be completed. Go back to the application and start again.");
        }
        QrAuthentication user = ((Handoff.Accepted) handoff).user();
        return ResponseEntity.status(HttpStatus.FOUND)
            .header(HttpHeaders.LOCATION, this.logins.signIn(pending.get(), user, request, response))
            .build();
    }

    private ResponseEntity<String> nothingPending() {
        return this.pages.message(HttpStatus.BAD_REQUEST, "No sign-in in progress",
                "Start from the application you want to sign in to; it sends you here.");
    }
}
