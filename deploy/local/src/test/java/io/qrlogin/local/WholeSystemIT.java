package io.qrlogin.local;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The four services as real processes with a real Redis and Kafka, driven only through the
 * gateway, over HTTP and the WebSocket, as a browser and a phone app would.
 */
class WholeSystemIT {

    private static final Duration PENDING = SharedSystem.PENDING;

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static final SecureRandom RANDOM = new SecureRandom();

    @BeforeAll
    static void startTheSystem() {
        SharedSystem.get();
    }

    static String base() {
        return SharedSystem.get().gatewayUrl();
    }

    @Test
    void loginWhenScannedAndConfirmedThenBrowserRedeemsAVerifiableSessionToken() throws Exception {
        Browser browser = Browser.mint();
        browser.subscribe(browser.verifier);
        browser.awaitState("PENDING");
        String alice = appToken("alice");

        Response scanned = post("/api/scan/" + browser.qrId, alice, null);
        assertThat(scanned.status).isEqualTo(200);
        Map<String, Object> request = scanned.map("request");
        assertThat(request).containsEntry("clientId", "web").containsEntry("ip", "127.0.0.1")
            .containsEntry("sameNetwork", true).containsKeys("clientName", "userAgent", "requestedAt");
        Map<String, Object> scannedPush = browser.awaitState("SCANNED");
        assertThat(scannedPush.get("scannedBy")).isEqualTo(Map.of("name", "Alice"));

        assertThat(post("/api/scan/" + browser.qrId + "/confirm", alice, null).status).isEqualTo(200);
        browser.awaitState("CONFIRMED");
        assertThat(browser.awaitClose()).isEqualTo(1000);

        Response redeemed = browser.redeem(browser.verifier);
        assertThat(redeemed.status).isEqualTo(200);
        assertThat(redeemed.body).containsEntry("tokenType", "Bearer").containsKeys("expiresIn", "sessionId");
        assertThat(redeemed.map("user")).containsEntry("sub", "alice").containsEntry("name", "Alice");
        String token = (String) redeemed.body.get("accessToken");
        JWTClaimsSet claims = verifyWithPublishedKeys(token);
        assertThat(claims.getIssuer()).isEqualTo(base());
        assertThat(claims.getSubject()).isEqualTo("alice");
        assertThat(claims.getAudience()).containsExactly("web");
        assertThat(claims.getStringListClaim("amr")).containsExactly("qr");
        assertThat(claims.getStringClaim("sid")).isEqualTo(redeemed.body.get("sessionId"));
        assertThat(claims.getJWTID()).isNotBlank();
        assertThat(claims.getLongClaim("auth_time")).isNotNull();
        assertThat(claims.getExpirationTime().toInstant()).isAfter(Instant.now().plusSeconds(60));
        assertThat(browser.states()).containsExactly("PENDING", "SCANNED", "CONFIRMED");

        Response me = get("/api/session/me", token);
        assertThat(me.status).isEqualTo(200);
        assertThat(me.body).containsEntry("sub", "alice").containsEntry("name", "Alice")
            .containsEntry("sessionId", redeemed.body.get("sessionId")).containsEntry("amr", List.of("qr"));

        Response replay = browser.redeem(browser.verifier);
        assertThat(replay.status).isEqualTo(410);
        assertThat(replay.body).containsEntry("code", "qr_already_redeemed");

        assertThat(post("/api/session/logout", token, null).status).isEqualTo(204);
        Response afterLogout = get("/api/session/me", token);
        assertThat(afterLogout.status).isEqualTo(401);
        assertThat(afterLogout.body).containsEntry("code", "unauthorized");
    }

    @Test
    void cancelWhenScannedThenBrowserLearnsItAndCannotRedeem() throws Exception {
        Browser browser = Browser.mint();
        browser.subscribe(browser.verifier);
        String bob = appToken("bob");
        assertThat(post("/api/scan/" + browser.qrId, bob, null).status).isEqualTo(200);
        browser.awaitState("SCANNED");

        Response cancelled = post("/api/scan/" + browser.qrId + "/cancel", bob, null);
        assertThat(cancelled.status).isEqualTo(200);
        assertThat(cancelled.body).containsEntry("state", "CANCELLED");
        browser.awaitState("CANCELLED");
        assertThat(browser.awaitClose()).isEqualTo(1000);

        Response redeem = browser.redeem(browser.verifier);
        assertThat(redeem.status).isEqualTo(410);
        assertThat(redeem.body).containsEntry("code", "qr_cancelled");
    }

    @Test
    void expiryWhenNobodyScansThenPushedOnTimeWithoutAnyCall() throws Exception {
        Browser browser = Browser.mint();
        Instant expiresAt = browser.expiresAt;
        browser.subscribe(browser.verifier);
        browser.awaitState("PENDING");

        Map<String, Object> expired = browser.awaitState("EXPIRED", PENDING.plusSeconds(5));
        assertThat(browser.receivedAt("EXPIRED")).isBefore(expiresAt.plusMillis(1500));
        assertThat(expired.get("qrId")).isEqualTo(browser.qrId);
        assertThat(browser.awaitClose()).isEqualTo(1000);

        Response late = post("/api/scan/" + browser.qrId, appToken("carol"), null);
        assertThat(late.status).isEqualTo(410);
        assertThat(late.body).containsEntry("code", "qr_expired");
    }

    private static JWTClaimsSet verifyWithPublishedKeys(String token) throws Exception {
        HttpResponse<String> jwks = HTTP.send(HttpRequest.newBuilder(URI.create(base() + "/.well-known/jwks.json")).build(),
                HttpResponse.BodyHandlers.ofString());
        JWKSet keys = JWKSet.parse(jwks.body());
        SignedJWT jwt = SignedJWT.parse(token);
        assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.ES256);
        ECKey key = (ECKey) keys.getKeyByKeyId(jwt.getHeader().getKeyID());
        assertThat(key).as("the token's kid is published").isNotNull();
        assertThat(key.isPrivate()).isFalse();
        assertThat(jwt.verify(new ECDSAVerifier(key))).isTrue();
        return jwt.getJWTClaimsSet();
    }

    static String appToken(String username) throws Exception {
        Response response = post("/api/demo/app-token", null, Map.of("username", username));
        assertThat(response.status).isEqualTo(200);
        return (String) response.body.get("accessToken");
    }

    static String verifier() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static String challenge(String verifier) throws Exception {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    }

    static Response post(String path, String bearer, Object body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base() + path))
            .timeout(Duration.ofSeconds(10))
            .header("Origin", base())
            .POST((body != null) ? HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))
                    : HttpRequest.BodyPublishers.noBody());
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        return Response.of(HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString()));
    }

    static Response get(String path, String bearer) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base() + path)).timeout(Duration.ofSeconds(10));
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        return Response.of(HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString()));
    }

    record Response(int status, Map<String, Object> body) {

        static Response of(HttpResponse<String> response) {
            String text = response.body();
            Map<String, Object> body = (text == null || text.isBlank() || !text.trim().startsWith("{")) ? Map.of()
                    : JSON.readValue(text, new TypeReference<Map<String, Object>>() {
                    });
            return new Response(response.statusCode(), body);
        }

        @SuppressWarnings("unchecked")
        Map<String, Object> map(String name) {
            return (Map<String, Object>) this.body.get(name);
        }
    }

    /** A browser: mints with a fresh PKCE pair, listens on the socket, redeems. */
    static final class Browser implements WebSocket.Listener {

        final String verifier = WholeSystemIT.verifier();

        final List<Map<String, Object>> messages = new CopyOnWriteArrayList<>();

        final Map<String, Instant> received = new java.util.concurrent.ConcurrentHashMap<>();

        final CompletableFuture<Integer> closed = new CompletableFuture<>();

        private final StringBuilder partial = new StringBuilder();

        String qrId;

        Instant expiresAt;

        static Browser mint() throws Exception {
            Browser browser = new Browser();
            Response minted = post("/api/qr", null,
                    Map.of("codeChallenge", challenge(browser.verifier), "codeChallengeMethod", "S256"));
            assertThat(minted.status).isEqualTo(201);
            browser.qrId = (String) minted.body.get("qrId");
            browser.expiresAt = Instant.parse((String) minted.body.get("expiresAt"));
            assertThat(minted.body.get("qrUrl")).isEqualTo(base() + "/q/" + browser.qrId);
            return browser;
        }

        /** Opens a socket from this origin that records what the gateway sends, without subscribing. */
        WebSocket open() throws Exception {
            return HTTP.newWebSocketBuilder()
                .header("Origin", base())
                .buildAsync(URI.create(base().replace("http://", "ws://") + "/ws/qr"), this)
                .get(Duration.ofSeconds(10).toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        }

        void subscribe(String presentedVerifier) throws Exception {
            WebSocket socket = open();
            socket.sendText(JSON.writeValueAsString(Map.of("type", "subscribe", "qrId", this.qrId,
                    "codeVerifier", presentedVerifier)), true);
        }

        Response redeem(String presentedVerifier) throws Exception {
            return post("/api/session/redeem", null, Map.of("qrId", this.qrId, "codeVerifier", presentedVerifier));
        }

        Map<String, Object> awaitState(String state) {
            return awaitState(state, Duration.ofSeconds(10));
        }

        Map<String, Object> awaitState(String state, Duration timeout) {
            await().atMost(timeout).until(() -> this.received.containsKey(state));
            return this.messages.stream().filter((message) -> state.equals(message.get("state"))).findFirst().orElseThrow();
        }

        Map<String, Object> awaitMessage(String type) {
            await().atMost(Duration.ofSeconds(10))
                .until(() -> this.messages.stream().anyMatch((message) -> type.equals(message.get("type"))));
            return this.messages.stream().filter((message) -> type.equals(message.get("type"))).findFirst().orElseThrow();
        }

        List<Object> states() {
            return this.messages.stream().filter((message) -> "state".equals(message.get("type")))
                .map((message) -> message.get("state")).toList();
        }

        Instant receivedAt(String state) {
            return this.received.get(state);
        }

        int awaitClose() throws Exception {
            return this.closed.get(10, java.util.concurrent.TimeUnit.SECONDS);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            this.partial.append(data);
            if (last) {
                Map<String, Object> message = JSON.readValue(this.partial.toString(),
                        new TypeReference<Map<String, Object>>() {
                        });
                this.partial.setLength(0);
                this.messages.add(message);
                if ("state".equals(message.get("type"))) {
                    this.received.putIfAbsent((String) message.get("state"), Instant.now());
                }
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
            this.closed.completeExceptionally(error);
        }
    }
}
