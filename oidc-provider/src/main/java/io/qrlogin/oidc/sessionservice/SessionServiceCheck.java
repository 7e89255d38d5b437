package io.qrlogin.oidc.sessionservice;

import java.net.URI;

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
        try {
            return this.http.post()
                .uri("/internal/sessions/{sid}/touch", sid)
                .exchange((request, response) -> {
                    int status = response.getStatusCode().value();
                    if (status == 204 || status == 200) {
                        return Liveness.LIVE;
                    }
                    if (status == 404) {
                        return Liveness.ENDED;
                    }
                    logger.warn("session-service answered a session check with status {}", status);
                    return Liveness.UNKNOWN;
                });
        }
        catch (RuntimeException ex) {
            logger.warn("Could not check a session at session-service: {}", ex.getClass().getSimpleName());
            return Liveness.UNKNOWN;
        }
    }

    @Override
    public boolean end(String sid) {
        try {
            return this.http.post()
                .uri("/internal/sessions/{sid}/end", sid)
                .exchange((request, response) -> {
                    int status = response.getStatusCode().value();
                    if (status == 204 || status == 404) {
                        return true;
                    }
                    logger.warn("session-service answered the end of a session with status {}", status);
                    return false;
                });
        }
        catch (RuntimeException ex) {
            logger.warn("Could not end a session at session-service: {}", ex.getClass().getSimpleName());
            return false;
        }
    }
}
