package io.qrlogin.oidc.logout;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import io.qrlogin.oidc.sessionservice.SessionEnd;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.server.authorization.oidc.authentication.OidcLogoutAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.oidc.web.authentication.OidcLogoutAuthenticationSuccessHandler;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;

/**
 * RP-initiated logout ends the session the client's ID token names ({@code sid}) for every client, not
 * only the browser's provider session: their authorizations are removed and the other clients that held
 * it get a logout token; then session-service ends the session too. That happens on a small pool of its own: the browser is sent on at once, whatever
 * the clients do (their logout tokens are posted in the background anyway). Only when a thousand logouts
 * wait already does the request's thread end its session itself, rather than forget one. Then Spring
 * Authorization Server's own handling follows (the provider session ends, the browser goes to the
 * post-logout URI).
 */
public final class EndSessionOnLogout implements AuthenticationSuccessHandler, AutoCloseable {

    private static final Logger logger = LoggerFactory.getLogger(EndSessionOnLogout.class);

    private final EndedSessions sessions;

    private final SessionEnd sessionService;

    private final ExecutorService background = new ThreadPoolExecutor(2, 2, 0, TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(1000), (task) -> {
                Thread thread = new Thread(task, "end-session");
                thread.setDaemon(true);
                return thread;
            }, new ThreadPoolExecutor.CallerRunsPolicy());

    private final AuthenticationSuccessHandler delegate = new OidcLogoutAuthenticationSuccessHandler();

    public EndSessionOnLogout(EndedSessions sessions, SessionEnd sessionService) {
        this.sessions = sessions;
        this.sessionService = sessionService;
    }

    @Override
    public void close() {
        this.background.shutdown();
    }

    @Override
    public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response,
            Authentication authentication) throws IOException, ServletException {
        if (authentication instanceof OidcLogoutAuthenticationToken logout && logout.getIdToken() != null) {
            OidcIdToken idToken = logout.getIdToken();
            String sid = idToken.getClaimAsString("sid");
            String clientId = clientOf(idToken);
            if (sid != null) {
                this.background.execute(() -> {
                    try {
                        this.sessions.end(sid, clientId);
                        // Then at session-service: the phone's list, the session's tokens and resource servers
                        // follow from its SESSION_ENDED event, which finds nothing left to end here.
                        this.sessionService.end(sid);
                    }
                    catch (RuntimeException ex) {
                        logger.warn("Could not end a session at the provider after client {} logged out: {}",
                                clientId, ex.toString());
                    }
                });
            }
        }
        this.delegate.onAuthenticationSuccess(request, response, authentication);
    }

    /**
     * The client the ID token was issued to: the hint was found in the store, so it is one of ours. The
     * request's {@code client_id} is optional and not what Spring Authorization Server checked.
     */
    private static @Nullable String clientOf(OidcIdToken idToken) {
        String authorizedParty = idToken.getClaimAsString("azp");
        if (authorizedParty != null) {
            return authorizedParty;
        }
        List<String> audience = idToken.getAudience();
        return (audience != null && audience.size() == 1) ? audience.get(0) : null;
    }
}
