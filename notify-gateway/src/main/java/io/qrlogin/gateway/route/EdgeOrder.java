package io.qrlogin.gateway.route;

import org.springframework.core.Ordered;

/**
 * The order in which the edge's own steps see a request, in one place (lower first). Each kind is ordered on
 * its own: the web filters run for every request (a routed call, the socket handshake, the gateway's pages),
 * the global filters only for routed calls, the exception handlers once something failed.
 */
public final class EdgeOrder {

    /** The security headers first, so every answer carries them, a later filter's refusal too. */
    public static final int EDGE_HEADERS = Ordered.HIGHEST_PRECEDENCE;

    /** Then an odd path is refused, before anything reads the path. */
    public static final int ODD_PATH = EDGE_HEADERS + 1;

    /** Then the API's CORS check, before anything else looks at the request: a refused origin costs nothing further. */
    public static final int API_CORS = ODD_PATH + 1;

    /** A routed call's client IP first, so no other filter sees (or forwards) the caller's value. */
    public static final int CLIENT_IP = Ordered.HIGHEST_PRECEDENCE;

    /** Then its rate limit, before anything does work for the call. */
    public static final int RATE_LIMIT = CLIENT_IP + 1;

    /** A service down or too slow: answered just before the problem responder ({@code -2}) would make it a 500. */
    public static final int UPSTREAM_FAILURE = -3;

    private EdgeOrder() {
    }
}
