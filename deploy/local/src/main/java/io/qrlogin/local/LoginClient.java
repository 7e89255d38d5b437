package io.qrlogin.local;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * A browser and a phone app talking to the system through a gateway, over HTTP and the {@code /ws/qr}
 * WebSocket, as the widget and the app do: for the whole-system tests, the fault tests and the soak. A
 * few methods send what no widget or app would (another origin, a body as is, a raw frame), for the
 * attack tests.
 */
public final class LoginClient {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final SecureRandom RANDOM = new SecureRandom();

    private final HttpClient http;

    private final String baseUrl;

    private final String origin;

    private final Map<String, String> headers;

    /** @param baseUrl the gateway's public URL, also the browser's origin */
    public LoginClient(String baseUrl) {
        this(HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build(), baseUrl, baseUrl, Map.of());
    }

    private LoginClient(HttpClient http, String baseUrl, String origin, Map<String, String> headers) {
        this.http = http;
        this.baseUrl = baseUrl;
        this.origin = origin;
        this.headers = headers;
    }

    /** The gateway it talks to. */
    public String baseUrl() {
        return this.baseUrl;
    }

    /**
     * This client on a page of another site: its API calls and sockets say they come from {@code origin}.
     *
     * @param origin the page's origin, {@code null} for a caller that is no browser and sends none
     */
    public LoginClient fromOrigin(String origin) {
        return new LoginClient(this.http, this.baseUrl, origin, this.headers);
    }

    /**
     * This client, sending {@code name: value} with every HTTP call as well, as a proxy in front of the
     * gateway ({@code X-Forwarded-For}) or a traced caller ({@code traceparent}) does.
     */
    public LoginClient withHeader(String name, String value) {
        Map<String, String> headers = new LinkedHashMap<>(this.headers);
        headers.put(name, value);
        return new LoginClient(this.http, this.baseUrl, this.origin, Map.copyOf(headers));
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

    /** Confirms a ticket of a client with number matching, with the code the browser shows. */
    public Response confirm(String qrId, String appToken, String matchCode) throws IOException, InterruptedException {
        return post("/api/scan/" + qrId + "/confirm", appToken, Map.of("matchCode", matchCode));
    }

    public Response cancel(String qrId, String appToken) throws IOException, InterruptedException {
        return post("/api/scan/" + qrId + "/cancel", appToken, null);
    }

    public Response redeem(String qrId, String verifier) throws IOException, InterruptedException {
        return post("/api/session/redeem", null, Map.of("qrId", qrId, "codeVerifier", verifier));
    }

    /** The browser refuses the login with its verifier, as the widget's "Not you?" does. */
    public Response decline(String qrId, String verifier) throws IOException, InterruptedException {
        return post("/api/session/decline", null, Map.of("qrId", qrId, "codeVerifier", verifier));
    }

    /** Opens a socket to this client's gateway and subscribes to {@code qrId}. */
    public Watch watch(String qrId, String verifier) throws IOException {
        return watch(this.baseUrl, qrId, verifier);
    }

    /** Opens a socket to the gateway at {@code gatewayUrl} and subscribes to {@code qrId}. */
    public Watch watch(String gatewayUrl, String qrId, String verifier) throws IOException {
        Watch watch = open(gatewayUrl);
        String subscribe = JSON.writeValueAsString(Map.of("type", "subscribe", "qrId", qrId, "codeVerifier", verifier));
        within10Seconds(watch.send(subscribe), "Could not subscribe on " + gatewayUrl);
        return watch;
    }

    /**
     * The browser's socket while its QR code shows: subscribed to {@code ticket} with its verifier, once the
     * first push, {@code PENDING}, came within {@code timeout}. Where a login test starts.
     */
    public Watch watchUntilPending(Minted ticket, Duration timeout)
            throws IOException, InterruptedException, ExecutionException, TimeoutException {
        Watch watch = watch(ticket.qrId(), ticket.verifier());
        watch.awaitState("PENDING", timeout);
        return watch;
    }

    /** Opens a socket to this client's gateway without subscribing to anything. */
    public Watch open() throws IOException {
        return open(this.baseUrl);
    }

    private Watch open(String gatewayUrl) throws IOException {
        Watch watch = new Watch();
        WebSocket.Builder builder = this.http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5));
        if (this.origin != null) {
            builder.header("Origin", this.origin);
        }
        this.headers.forEach(builder::header);
        watch.socket = within10Seconds(
                builder.buildAsync(URI.create(gatewayUrl.replace("http://", "ws://") + "/ws/qr"), watch),
                "Could not open a socket to " + gatewayUrl);
        return watch;
    }

    private static <T> T within10Seconds(CompletableFuture<T> future, String failure) throws IOException {
        try {
            return future.get(10, TimeUnit.SECONDS);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IOException(ex);
        }
        catch (ExecutionException | TimeoutException ex) {
            throw new IOException(failure, ex);
        }
    }

    /** POSTs {@code body} as JSON ({@code null} for none), with {@code bearer} if not {@code null}. */
    public Response post(String path, String bearer, Object body) throws IOException, InterruptedException {
        HttpRequest.Builder request = pageRequest(path, bearer)
            .POST((body != null) ? HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))
                    : HttpRequest.BodyPublishers.noBody());
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        return send(request);
    }

    /** POSTs {@code body} as it is, as {@code contentType}: for bodies no widget or app would send. */
    public Response postAsIs(String path, String contentType, String body) throws IOException, InterruptedException {
        return send(pageRequest(path, null).header("Content-Type", contentType)
            .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** GETs {@code path}, with {@code bearer} if not {@code null}. */
    public Response get(String path, String bearer) throws IOException, InterruptedException {
        return send(request(path, bearer).GET());
    }

    /** DELETEs {@code path}, with {@code bearer} if not {@code null}. */
    public Response delete(String path, String bearer) throws IOException, InterruptedException {
        return send(request(path, bearer).DELETE());
    }

    /**
     * Asks, as a browser does before a cross-origin call, whether a page of this client's origin may call
     * {@code path} with {@code method} and the request headers {@code requestHeaders}.
     */
    public Response preflight(String path, String method, String requestHeaders)
            throws IOException, InterruptedException {
        return send(pageRequest(path, null).method("OPTIONS", HttpRequest.BodyPublishers.noBody())
            .header("Access-Control-Request-Method", method)
            .header("Access-Control-Request-Headers", requestHeaders));
    }

    private HttpRequest.Builder request(String path, String bearer) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.baseUrl + path))
            .timeout(Duration.ofSeconds(15));
        this.headers.forEach(request::header);
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        return request;
    }

    /** A request as a page's script makes it: with the page's {@code Origin}, if it is a page. */
    private HttpRequest.Builder pageRequest(String path, String bearer) {
        HttpRequest.Builder request = request(path, bearer);
        if (this.origin != null) {
            request.header("Origin", this.origin);
        }
        return request;
    }

    private Response send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return Response.of(this.http.send(request.build(), HttpResponse.BodyHandlers.ofString()));
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

    /**
     * An HTTP answer.
     *
     * @param status the status code
     * @param body the JSON body, {@code {}} when it has none
     * @param headers the response headers
     */
    public record Response(int status, Map<String, Object> body, HttpHeaders headers) {

        static Response of(HttpResponse<String> response) {
            String text = response.body();
            Map<String, Object> body = (text == null || !text.trim().startsWith("{")) ? Map.of()
                    : JSON.readValue(text, new TypeReference<Map<String, Object>>() {
                    });
            return new Response(response.statusCode(), body, response.headers());
        }

        /** The problem {@code code}, or {@code null}. */
        public String code() {
            return (String) this.body.get("code");
        }

        /** The JSON object {@code name} of the body, or {@code null}. */
        @SuppressWarnings("unchecked")
        public Map<String, Object> map(String name) {
            return (Map<String, Object>) this.body.get(name);
        }

        /** The first value of the header {@code name}, if it was sent. */
        public Optional<String> header(String name) {
            return this.headers.firstValue(name);
        }

        /** The status and the body, as a failure message wants them. */
        @Override
        public String toString() {
            return "Response[status=" + this.status + ", body=" + this.body + "]";
        }
    }

    /** One socket: every message received, when each state was pushed, and how it closed. */
    public static final class Watch implements WebSocket.Listener {

        private final List<Map<String, Object>> messages = new CopyOnWriteArrayList<>();

        private final Map<String, CompletableFuture<Map<String, Object>>> firstOfType = new ConcurrentHashMap<>();

        private final Map<String, CompletableFuture<Map<String, Object>>> firstOfState = new ConcurrentHashMap<>();

        private final Map<String, Instant> stateReceivedAt = new ConcurrentHashMap<>();

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

        /** The first push of {@code state}, waiting up to {@code timeout} for it. */
        public Map<String, Object> awaitState(String state, Duration timeout)
                throws InterruptedException, ExecutionException, TimeoutException {
            return first(this.firstOfState, state).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        }

        /** The first message of {@code type}, waiting up to {@code timeout} for it. */
        public Map<String, Object> awaitMessage(String type, Duration timeout)
                throws InterruptedException, ExecutionException, TimeoutException {
            return first(this.firstOfType, type).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        }

        /** When {@code state} was first pushed, {@code null} if it was not. */
        public Instant receivedAt(String state) {
            return this.stateReceivedAt.get(state);
        }

        /** The close code, once closed (-1 when the connection broke without one). */
        public CompletableFuture<Integer> closed() {
            return this.closed;
        }

        /** Whether the socket is closed. */
        public boolean isClosed() {
            return this.closed.isDone();
        }

        /** Sends {@code text} as one frame, as it is: a subscribe, or a frame no widget would send. */
        public CompletableFuture<WebSocket> send(String text) {
            return this.socket.sendText(text, true);
        }

        /** Sends a ping with a payload of 8 bytes. */
        public CompletableFuture<WebSocket> ping() {
            return this.socket.sendPing(ByteBuffer.allocate(8));
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
                received(JSON.readValue(this.partial.toString(), new TypeReference<Map<String, Object>>() {
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

        private void received(Map<String, Object> message) {
            this.messages.add(message);
            String type = (String) message.get("type");
            if ("state".equals(type)) {
                String state = (String) message.get("state");
                this.stateReceivedAt.putIfAbsent(state, Instant.now());
                first(this.firstOfState, state).complete(message);
            }
            if (type != null) {
                first(this.firstOfType, type).complete(message);
            }
        }

        private static CompletableFuture<Map<String, Object>> first(
                Map<String, CompletableFuture<Map<String, Object>>> firsts, String key) {
            return firsts.computeIfAbsent(key, (ignored) -> new CompletableFuture<>());
        }
    }
}
