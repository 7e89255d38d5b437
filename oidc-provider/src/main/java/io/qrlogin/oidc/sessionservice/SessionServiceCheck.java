package io.qrlogin.oidc.sessionservice;

import java.net.URI;
import java.util.function.IntFunction;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.web.client.RestClient;

/**
 * {@link SessionCheck} and {@link SessionEnd} at session-service. {@code POST /internal/sessions/{sid}/touch}
 * answers 204 for a live session and 404 for one that ended, expired or idled out; anything else is
 * {@code UNKNOWN}: the refresh is then refused for now, never granted on a guess.
 * {@code POST /internal/sessions/{sid}/end} answers 204 when it ended the session and 404 when it had ended
 * already. The sid appears in no log.
 */
public final class SessionServiceCheck implements SessionCheck, SessionEnd {

    private static final Logger logger = LoggerFactory.getLogger(SessionServiceCheck.class);

    private final RestClient http;

    /** @param sessionService session-service's base URL (inside the cluster, not through the gateway) */
    public SessionServiceCheck(URI sessionService) {
        this.http = SessionServiceHttp.restClient(sessionService);
    }

    @Override
    public Liveness touch(String sid) {
        return post(sid, "touch", (status) -> switch (status) {
            case 200, 204 -> Liveness.LIVE;
            case 404 -> Liveness.ENDED;
            default -> null;
        }, Liveness.UNKNOWN);
    }

    @Override
    public boolean end(String sid) {
        // 404: it had ended already, which is all the caller needs to know.
        return post(sid, "end", (status) -> (status == 204 || status == 404) ? Boolean.TRUE : null, false);
    }

    /**
     * POSTs {@code /internal/sessions/{sid}/{action}}: what {@code outcome} makes of the answer's status, or
     * {@code otherwise} (logged) when it makes nothing of it or no answer comes.
     */
    private <T> T post(String sid, String action, IntFunction<@Nullable T> outcome, T otherwise) {
        try {
            return this.http.post()
                .uri("/internal/sessions/{sid}/{action}", sid, action)
                .exchange((request, response) -> {
                    int status = response.getStatusCode().value();
                    T known = outcome.apply(status);
                    if (known == null) {
                        logger.warn("session-service answered the {} of a session with status {}", action, status);
                        return otherwise;
                    }
                    return known;
                });
        }
        catch (RuntimeException ex) {
            logger.warn("Could not {} a session at session-service: {}", action, ex.getClass().getSimpleName());
            return otherwise;
        }
    }
}
