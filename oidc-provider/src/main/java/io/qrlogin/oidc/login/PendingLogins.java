package io.qrlogin.oidc.login;

import java.util.Optional;

import io.qrlogin.core.client.Client;
import io.qrlogin.core.client.ClientRegistry;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.savedrequest.RequestCache;

/**
 * The logins under way at the provider: the authorization request a browser was sent to the login
 * with (kept in its provider session), the client it signs in to, and the browser's sign-in once the QR
 * login handed its user over.
 */
final class PendingLogins {

    private final ClientRegistry clients;

    private final RequestCache requestCache;

    private final SecurityContextRepository contextRepository;

    private final SecurityContextHolderStrategy contextHolder = SecurityContextHolder.getContextHolderStrategy();

    PendingLogins(ClientRegistry clients, RequestCache requestCache, SecurityContextRepository contextRepository) {
        this.clients = clients;
        this.requestCache = requestCache;
        this.contextRepository = contextRepository;
    }

    /** The browser's login under way: none without a pending authorization request of an OAuth client. */
    Optional<PendingLogin> find(HttpServletRequest request, HttpServletResponse response) {
        return PendingAuthorization.of(this.requestCache.getRequest(request, response))
            .flatMap((authorization) -> this.clients.find(authorization.clientId())
                .filter((client) -> client.oauth() != null)
                .map((client) -> new PendingLogin(client, authorization)));
    }

    /**
     * Signs the browser in as {@code user} and ends its pending request.
     *
     * @return where the browser continues: the authorization request, now answered
     */
    String signIn(PendingLogin login, QrAuthentication user, HttpServletRequest request,
            HttpServletResponse response) {
        // A new session id for the signed-in browser: one fixed before the login is worth nothing.
        request.changeSessionId();
        SecurityContext context = this.contextHolder.createEmptyContext();
        context.setAuthentication(user);
        this.contextHolder.setContext(context);
        this.contextRepository.saveContext(context, request, response);
        this.requestCache.removeRequest(request, response);
        return login.authorization().continueUrl();
    }

    /**
     * A login under way.
     *
     * @param client the client the browser signs in to
     * @param authorization its authorization request, waiting for the login
     */
    record PendingLogin(Client client, PendingAuthorization authorization) {
    }
}
