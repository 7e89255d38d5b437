package io.qrlogin.oidc;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A client's back-channel logout endpoint over real HTTP: it records every {@code logout_token} posted
 * to it, with the request's content type, and answers 200, or what a test scripted for one session:
 * a series of statuses, or no answer at all until the test lets it go (a frozen client).
 */
final class LogoutReceiver implements AutoCloseable {

    private static final String PATH = "/logout/back-channel";

    private final HttpServer server;

    private final ExecutorService threads = Executors.newCachedThreadPool();

    private final List<Delivery> deliveries = new CopyOnWriteArrayList<>();

    private final Map<String, Deque<Integer>> scripts = new ConcurrentHashMap<>();

    private final Map<String, CountDownLatch> held = new ConcurrentHashMap<>();

    private LogoutReceiver() {
        this.server = LoopbackHttp.start(Map.of(PATH, this::receive), this.threads);
    }

    static LogoutReceiver start() {
        return new LogoutReceiver();
    }

    String uri() {
        return LoopbackHttp.baseUrl(this.server) + PATH;
    }

    /** Answers the logout tokens of session {@code sid} with {@code statuses}, in turn, then 200. */
    void answer(String sid, Integer... statuses) {
        this.scripts.put(sid, new ArrayDeque<>(List.of(statuses)));
    }

    /** Answers no logout token of session {@code sid} until {@link #release(String)}. */
    void freeze(String sid) {
        this.held.put(sid, new CountDownLatch(1));
    }

    void release(String sid) {
        CountDownLatch latch = this.held.get(sid);
        if (latch != null) {
            latch.countDown();
        }
    }

    /** The logout tokens posted for session {@code sid}, in order, whether they were answered or not. */
    List<Delivery> deliveries(String sid) {
        List<Delivery> found = new ArrayList<>();
        this.deliveries.stream().filter((delivery) -> sid.equals(delivery.sid())).forEach(found::add);
        return found;
    }

    private void receive(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.US_ASCII);
        String token = null;
        for (String pair : body.split("&")) {
            if (pair.startsWith("logout_token=")) {
                token = URLDecoder.decode(pair.substring("logout_token=".length()), StandardCharsets.US_ASCII);
            }
        }
        String sid = sidOf(token);
        this.deliveries.add(new Delivery(sid, token, exchange.getRequestHeaders().getFirst("Content-Type")));
        CountDownLatch latch = (sid != null) ? this.held.get(sid) : null;
        if (latch != null) {
            try {
                latch.await();
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
        }
        Deque<Integer> script = (sid != null) ? this.scripts.get(sid) : null;
        Integer scripted = (script != null) ? script.poll() : null;
        int status = (scripted != null) ? scripted : 200;
        exchange.sendResponseHeaders(status, -1);
        try (OutputStream out = exchange.getResponseBody()) {
            out.flush();
        }
    }

    private static String sidOf(String token) {
        try {
            return (token != null) ? SignedJWT.parse(token).getJWTClaimsSet().getStringClaim("sid") : null;
        }
        catch (java.text.ParseException ex) {
            return null;
        }
    }

    @Override
    public void close() {
        this.held.values().forEach(CountDownLatch::countDown);
        this.server.stop(0);
        this.threads.shutdownNow();
    }

    /**
     * One logout token posted.
     *
     * @param sid its {@code sid}, read without checking it
     * @param token the token
     * @param contentType the request's content type
     */
    record Delivery(String sid, String token, String contentType) {
    }
}
