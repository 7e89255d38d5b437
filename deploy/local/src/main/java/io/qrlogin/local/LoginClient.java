package io.qrlogin.local;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * A browser and a phone app talking to the system through a gateway, over HTTP and the {@code /ws/qr}
 * WebSocket, as the widget and the app do: for the fault tests and the soak.
 */
public final class LoginClient {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final SecureRandom RANDOM = new SecureRandom();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String baseUrl;

    /** @param baseUrl the gateway's public URL, also the browser's origin */
    public LoginClient(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    /** The gateway it talks to. */
    public String baseUrl() {
        return this.baseUrl;
    }

    /** Mints a ticket with a fresh PKCE pair; the answer is in {@link Minted#response()}. */
    public Minted mint() throws IOException, InterruptedException {
        String verifier = verifier();
        Response response = post("/api/qr", null,
                Map.of("codeChallenge", challenge(verifier), "codeChallengeMethod", "S256"));
        String qrId = (response.status() == 201) ? (String) response.body().get("qrId") : null;
        Instant expiresAt = (response.status() == 201) ? Instant.parse((String) response.body().get("expiresAt")) : null;
        return new Minted(response, qrId, verifier, expiresAt);
    }

    /** A demo app user's bearer token. */
    public String appToken(String username) throws IOException, InterruptedException {
        Response response = post("/api/demo/app-token", null, Map.of("username", username));
        if (response.status() != 200) {
            throw new IllegalStateException("No app token: " + response);
        }
        return (String) response.body().get("accessToken");
    }

    public Response scan(String qrId, String appToken) throws IOException, InterruptedException {
        return post("/api/scan/" + qrId, appToken, null);
    }

    public Response confirm(String qrId, String appToken) throws IOException, InterruptedException {
        return post("/api/scan/" + qrId + "/confirm", appToken, null);
    }

    public Response cancel(String qrId, String appToken) throws IOException, InterruptedException {
        return post("/api/scan/" + qrId + "/cancel", appToken, null);
    }

    public Response redeem(String qrId, String verifier) throws IOException, InterruptedException {
        return post("/api/session/redeem", null, Map.of("qrId", qrId, "codeVerifier", verifier));
    }

    /** Opens a socket to this client's gateway and subscribes to {@code qrId}. */
    public Watch watch(String qrId, String verifier) throws IOException {
        return watch(this.baseUrl, qrId, verifier);
    }

    /** Opens a socket to the gateway at {@code gatewayUrl} and subscribes to {@code qrId}. */
    public Watch watch(String gatewayUrl, String qrId, String verifier) throws IOException {
        Watch watch = new Watch();
        try {
            WebSocket socket = this.http.newWebSocketBuilder()
                .header("Origin", this.baseUrl)
                .connectTimeout(Duration.ofSeconds(5))
                .buildAsync(URI.create(gatewayUrl.replace("http://", "ws://") + "/ws/qr"), watch)
                .get(10, TimeUnit.SECONDS);
            watch.socket = socket;
            socket.sendText(JSON.writeValueAsString(Map.of("type", "subscribe", "qrId", qrId, "codeVerifier", verifier)),
                    true).get(10, TimeUnit.SECONDS);
            return watch;
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IOException(ex);
        }
        catch (ExecutionException | TimeoutException ex) {
            throw new IOException("Could not open a socket to " + gatewayUrl, ex);
        }
    }

    public Response post(String path, String bearer, Object body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.baseUrl + path))
            .timeout(Duration.ofSeconds(15))
            .header("Origin", this.baseUrl)
            .POST((body != null) ? HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))
                    : HttpRequest.BodyPublishers.noBody());
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        return Response.of(this.http.send(request.build(), HttpResponse.BodyHandlers.ofString()));
    }

    public Response get(String url) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(15)).build();
        return Response.of(this.http.send(request, HttpResponse.BodyHandlers.ofString()));
    }

    /** A random RFC 7636 verifier. */
    public static String verifier() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static String challenge(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }

    /**
     * A minted ticket.
     *
     * @param response the mint's answer
     * @param qrId the ticket, {@code null} if the mint failed
     * @param verifier the PKCE verifier only this browser holds
     * @param expiresAt when it runs out, {@code null} if the mint failed
     */
    public record Minted(Response response, String qrId, String verifier, Instant expiresAt) {
    }

    /** An HTTP answer with its JSON body ({@code {}} when it has none). */
    public record Response(int status, Map<String, Object> body) {

        static Response of(HttpResponse<String> response) {
            String text = response.body();
            Map<String, Object> body = (text == null || !text.trim().startsWith("{")) ? Map.of()
                    : JSON.readValue(text, new TypeReference<Map<String, Object>>() {
                    });
            return new Response(response.statusCode(), body);
        }

        /** The problem {@code code}, or {@code null}. */
        public String code() {
            return (String) this.body.get("code");
        }
    }

    /** One socket: every message received, and how it closed. */
    public static final class Watch implements WebSocket.Listener {

        private final List<Map<String, Object>> messages = new CopyOnWriteArrayList<>();

        private final CompletableFuture<Integer> closed = new CompletableFuture<>();

        private final StringBuilder partial = new StringBuilder();

        private volatile WebSocket socket;

        /** The states pushed, in order. */
        public List<String> states() {
            return this.messages.stream()
                .filter((message) -> "state".equals(message.get("type")))
                .map((message) -> (String) message.get("state"))
                .toList();
        }

        /** Every message, in order. */
        public List<Map<String, Object>> messages() {
            return List.copyOf(this.messages);
        }

        /** Whether {@code state} was pushed. */
        public boolean has(String state) {
            return states().contains(state);
        }

        /** The close code, once closed (-1 when the connection broke without one). */
        public CompletableFuture<Integer> closed() {
            return this.closed;
        }

        /** Whether the socket is closed. */
        public boolean isClosed() {
            return this.closed.isDone();
        }

        /** Closes the socket from this side. */
        public void close() {
            WebSocket current = this.socket;
            if (current != null && !this.closed.isDone()) {
                current.sendClose(WebSocket.NORMAL_CLOSURE, "").exceptionally((ex) -> null);
            }
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            this.partial.append(data);
            if (last) {
                this.messages.add(JSON.readValue(this.partial.toString(), new TypeReference<Map<String, Object>>() {
                }));
                this.partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            this.closed.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            this.closed.complete(-1);
        }
    }
}
