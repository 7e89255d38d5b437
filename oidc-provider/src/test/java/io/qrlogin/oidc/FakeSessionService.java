package io.qrlogin.oidc;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.qrlogin.core.ticket.Ticket;
import io.qrlogin.core.ticket.Transition;
import io.qrlogin.engine.redis.RedisTicketStore;
import io.qrlogin.engine.testing.RedisTickets;
import tools.jackson.databind.json.JsonMapper;

/**
 * session-service's redeem, as far as the device grant needs it, over real HTTP: the ticket engine's
 * atomic redeem on the shared test Redis, then a session token signed with the deployment's keys for
 * the user who confirmed (as {@code SessionTokenIssuer} signs it), or the problem's status and code.
 * And its session check ({@code POST /internal/sessions/{sid}/touch}): 204 for every session but those
 * a test {@linkplain #end(String) ended} (404), made {@linkplain #fail(String) fail} (500) or
 * {@linkplain #drop(String) unreachable} (the connection closed without an answer). And the end of a
 * session after a logout at the provider ({@code POST /internal/sessions/{sid}/end}): counted, 204.
 */
final class FakeSessionService implements AutoCloseable {

    private final JsonMapper json = JsonMapper.builder().build();

    private final RedisTicketStore store = RedisTickets.store();

    private final HttpServer server;

    private final Map<String, String> sessions = new ConcurrentHashMap<>();

    private final String issuer;

    private final Map<String, Integer> touchAnswers = new ConcurrentHashMap<>();

    private final Map<String, Integer> touches = new ConcurrentHashMap<>();

    private final Map<String, Integer> ends = new ConcurrentHashMap<>();

    private FakeSessionService(String issuer) {
        this.issuer = issuer;
        this.server = LoopbackHttp.start(Map.of("/api/session/redeem", this::redeem, "/internal/sessions/", this::touch),
                null);
    }

    static FakeSessionService start(String issuer) {
        return new FakeSessionService(issuer);
    }

    String url() {
        return LoopbackHttp.baseUrl(this.server);
    }

    /** The session the redeem of ticket {@code qrId} opened. */
    String sessionOf(String qrId) {
        return this.sessions.get(qrId);
    }

    /** Answers the session check of {@code sid} with 404 from now on: the session ended. */
    void end(String sid) {
        this.touchAnswers.put(sid, 404);
    }

    /** Answers the session check of {@code sid} with 500 from now on. */
    void fail(String sid) {
        this.touchAnswers.put(sid, 500);
    }

    /** Closes the connection of every session check of {@code sid} without an answer, as if session-service were gone. */
    void drop(String sid) {
        this.touchAnswers.put(sid, 0);
    }

    /** How often the session {@code sid} was checked. */
    int touches(String sid) {
        return this.touches.getOrDefault(sid, 0);
    }

    /** How often the provider asked to end the session {@code sid}. */
    int ends(String sid) {
        return this.ends.getOrDefault(sid, 0);
    }

    private void touch(HttpExchange exchange) throws IOException {
        String[] path = exchange.getRequestURI().getPath().split("/");
        // /internal/sessions/{sid}/end
        if ("POST".equals(exchange.getRequestMethod()) && path.length == 5 && "end".equals(path[4])) {
            this.ends.merge(path[3], 1, Integer::sum);
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
            return;
        }
        // /internal/sessions/{sid}/touch
        if (!"POST".equals(exchange.getRequestMethod()) || path.length != 5 || !"touch".equals(path[4])) {
            exchange.sendResponseHeaders(405, -1);
            exchange.close();
            return;
        }
        this.touches.merge(path[3], 1, Integer::sum);
        int status = this.touchAnswers.getOrDefault(path[3], 204);
        if (status == 0) {
            exchange.getRequestBody().close();
            exchange.getResponseBody().close();
            return;
        }
        exchange.sendResponseHeaders(status, -1);
        exchange.close();
    }

    private void redeem(HttpExchange exchange) throws IOException {
        Map<?, ?> request = this.json.readValue(exchange.getRequestBody().readAllBytes(), Map.class);
        Transition transition = this.store.redeem((String) request.get("qrId"), (String) request.get("codeVerifier"))
            .block();
        if (transition instanceof Transition.Applied applied) {
            Ticket ticket = applied.ticket();
            TestSessionTokens session = TestSessionTokens.of(this.issuer, ticket.clientId())
                .user(ticket.scannedBy().subject(), ticket.scannedBy().name())
                .authTime(ticket.confirmedAt());
            this.sessions.put(ticket.qrId(), session.sessionId());
            String token = session.sign();
            send(exchange, 200, Map.of("accessToken", token, "tokenType", "Bearer"));
            return;
        }
        Transition.Rejected rejected = (Transition.Rejected) transition;
        send(exchange, rejected.reason().status(), Map.of("code", rejected.reason().code()));
    }

    private void send(HttpExchange exchange, int status, Map<String, Object> body) throws IOException {
        byte[] bytes = this.json.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", (status == 200) ? "application/json" : "application/problem+json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        this.server.stop(0);
    }
}
