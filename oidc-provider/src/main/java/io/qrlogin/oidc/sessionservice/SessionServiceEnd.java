package io.qrlogin.oidc.sessionservice;

import java.net.URI;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.web.client.RestClient;

/**
 * {@link SessionEnd} at session-service: {@code POST /internal/sessions/{sid}/end} answers 204 when it ended
 * the session and 404 when it had ended already. The sid appears in no log.
 */
public final class SessionServiceEnd implements SessionEnd {

    private static final Logger logger = LoggerFactory.getLogger(SessionServiceEnd.class);

    private final RestClient http;

    /** @param sessionService session-service's base URL (inside the cluster, not through the gateway) */
    public SessionServiceEnd(URI sessionService) {
        this.http = SessionServiceHttp.restClient(sessionService);
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
