package io.qrlogin.oidc.login;

import java.util.Optional;

import io.qrlogin.core.client.Client;
import io.qrlogin.core.client.ClientRegistry;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.savedrequest.RequestCache;
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

    private final ClientRegistry clients;

    private final SessionTokenVerifier sessionTokens;

    private final RequestCache requestCache;

    private final SecurityContextRepository contextRepository;

    private final LoginPages pages = new LoginPages();

    private final SecurityContextHolderStrategy contextHolder = SecurityContextHolder.getContextHolderStrategy();

    LoginController(ClientRegistry clients, SessionTokenVerifier sessionTokens, RequestCache requestCache,
            SecurityContextRepository contextRepository) {
        this.clients = clients;
        this.sessionTokens = sessionTokens;
        this.requestCache = requestCache;
        this.contextRepository = contextRepository;
    }

    @GetMapping(LoginPaths.LOGIN)
    ResponseEntity<String> page(HttpServletRequest request, HttpServletResponse response, CsrfToken csrf) {
        Optional<PendingAuthorization> pending = PendingAuthorization.of(this.requestCache.getRequest(request, response));
        Optional<Client> client = pending.flatMap((authorization) -> oauthClient(authorization.clientId()));
        if (client.isEmpty()) {
            return nothingPending();
        }
        return this.pages.login(client.get().name(), client.get().id(), csrf.getParameterName(), csrf.getToken());
    }

    @PostMapping(LoginPaths.HANDOFF)
    ResponseEntity<String> handoff(@RequestParam("session_token") String sessionToken, HttpServletRequest request,
            HttpServletResponse response) {
        Optional<PendingAuthorization> pending = PendingAuthorization.of(this.requestCache.getRequest(request, response));
        Optional<Client> client = pending.flatMap((authorization) -> oauthClient(authorization.clientId()));
        if (client.isEmpty()) {
            return nothingPending();
        }
        Handoff handoff = this.sessionTokens.verify(sessionToken, client.get().audience());
        if (handoff instanceof Handoff.Refused refused) {
            logger.info("Login hand-over for client {} refused: {}", client.get().id(), refused.reason());
            return this.pages.message(HttpStatus.UNAUTHORIZED, "Sign-in failed",
                    "The sign-in could not be completed. Go back to the application and start again.");
        }
        QrAuthentication user = ((Handoff.Accepted) handoff).user();
        // A new session id for the signed-in browser: one fixed before the login is worth nothing.
        request.changeSessionId();
        SecurityContext context = this.contextHolder.createEmptyContext();
        context.setAuthentication(user);
        this.contextHolder.setContext(context);
        this.contextRepository.saveContext(context, request, response);
        this.requestCache.removeRequest(request, response);
        return ResponseEntity.status(HttpStatus.FOUND)
            .header(HttpHeaders.LOCATION, pending.get().continueUrl())
            .build();
    }

    private Optional<Client> oauthClient(String clientId) {
        return this.clients.find(clientId).filter((client) -> client.oauth() != null);
    }

    private ResponseEntity<String> nothingPending() {
        return this.pages.message(HttpStatus.BAD_REQUEST, "No sign-in in progress",
                "Start from the application you want to sign in to; it sends you here.");
    }
}
