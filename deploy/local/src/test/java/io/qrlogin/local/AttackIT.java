package io.qrlogin.local;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import io.qrlogin.local.WholeSystemIT.Browser;
import io.qrlogin.local.WholeSystemIT.Response;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import static io.qrlogin.local.WholeSystemIT.appToken;
import static io.qrlogin.local.WholeSystemIT.base;
import static io.qrlogin.local.WholeSystemIT.post;
import static io.qrlogin.local.WholeSystemIT.verifier;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The cross-device attack catalogue, one test per threat, against the whole system (four services as
 * processes, real Redis and Kafka) through the public edge only. See {@code docs/security.md} for the
 * threat model each test stands for. Every refusal must be a problem with a stable {@code code} and no
 * internals.
 */
class AttackIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static final String EVIL_ORIGIN = "https://evil.example";

    @BeforeAll
    static void startTheSystem() {
        SharedSystem.get();
    }

    /** QRLJacking: the attacker has the QR code (a photo, a screen share) but not the browser's verifier. */
    @Test
    void photographedQrCodeWithoutTheVerifierGivesNoLogin() throws Exception {
        String alice = appToken("alice-attack");
        Browser victim = Browser.mint();
        victim.subscribe(victim.verifier);
        victim.awaitState("PENDING");
        String qrId = victim.qrId;

        Browser attacker = new Browser();
        attacker.qrId = qrId;
        attacker.subscribe(attacker.verifier);
        assertThat(attacker.awaitMessage("error")).containsEntry("code", "invalid_verifier");
        assertThat(attacker.awaitClose()).isEqualTo(1008);
        assertThat(attacker.states()).isEmpty();

        assertThat(post("/api/scan/" + qrId, alice, null).status()).isEqualTo(200);
        assertThat(post("/api/scan/" + qrId + "/confirm", alice, null).status()).isEqualTo(200);
        victim.awaitState("CONFIRMED");

        assertProblem(attacker.redeem(attacker.verifier), 401, "invalid_verifier");
        assertThat(victim.redeem(victim.verifier).status()).isEqualTo(200);
    }

    /** Brute force: guessing verifiers on redeem and on the socket burns the ticket after a few tries. */
    @Test
    void guessingTheVerifierBurnsTheTicket() throws Exception {
        String bob = appToken("bob-attack");
        Browser victim = Browser.mint();
        victim.subscribe(victim.verifier);
        victim.awaitState("PENDING");
        post("/api/scan/" + victim.qrId, bob, null);
        post("/api/scan/" + victim.qrId + "/confirm", bob, null);
        victim.awaitState("CONFIRMED");

        for (int guess = 0; guess < 5; guess++) {
            assertProblem(victim.redeem(verifier()), 401, "invalid_verifier");
        }

        assertProblem(victim.redeem(victim.verifier), 410, "qr_expired");
    }

    /** Another app user tries to confirm (or take over) a ticket someone else scanned. */
    @Test
    void confirmByAnotherUserThenForbidden() throws Exception {
        Browser browser = Browser.mint();
        assertThat(post("/api/scan/" + browser.qrId, appToken("erin"), null).status()).isEqualTo(200);
        assertProblem(post("/api/scan/" + browser.qrId + "/confirm", appToken("mallory"), null), 403, "forbidden");
        assertProblem(post("/api/scan/" + browser.qrId, appToken("mallory"), null), 409, "qr_already_scanned");
        assertProblem(post("/api/scan/" + browser.qrId + "/cancel", appToken("mallory"), null), 403, "forbidden");
    }

    /** A redeem request captured and replayed: one token per ticket, ever. */
    @Test
    void replayedRedeemThenRefused() throws Exception {
        Browser browser = Browser.mint();
        String carol = appToken("carol");
        post("/api/scan/" + browser.qrId, carol, null);
        post("/api/scan/" + browser.qrId + "/confirm", carol, null);
        assertThat(browser.redeem(browser.verifier).status()).isEqualTo(200);

        assertProblem(browser.redeem(browser.verifier), 410, "qr_already_redeemed");
    }

    /** Forged app tokens: unsigned, signed by someone else, tampered with, the browser's own, or in the URL. */
    @Test
    void forgedAppTokensThenUnauthorized() throws Exception {
        String real = appToken("grace");
        JWTClaimsSet claims = SignedJWT.parse(real).getJWTClaimsSet();
        ECKey foreign = new ECKeyGenerator(Curve.P_256).keyID(SignedJWT.parse(real).getHeader().getKeyID()).generate();
        SignedJWT selfSigned = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(foreign.getKeyID()).build(),
                claims);
        selfSigned.sign(new ECDSASigner(foreign));
        String[] parts = real.split("\\.");
        String tampered = parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
            .encodeToString(new JWTClaimsSet.Builder(claims).subject("admin").build().toString()
                .getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
        String expiredUnsigned = new PlainJWT(new JWTClaimsSet.Builder(claims).expirationTime(new Date(0)).build()).serialize();

        Browser browser = Browser.mint();
        for (String forged : List.of(new PlainJWT(claims).serialize(), expiredUnsigned, selfSigned.serialize(), tampered,
                sessionToken())) {
            assertProblem(post("/api/scan/" + browser.qrId, forged, null), 401, "unauthorized");
        }
        // Credentials never travel in URLs: a token in the query is not read.
        assertProblem(post("/api/scan/" + browser.qrId + "?access_token=" + real, null, null), 401, "unauthorized");
        assertThat(post("/api/scan/" + browser.qrId, real, null).status()).isEqualTo(200);
    }

    /** A page on another site opens the socket or calls the API from a visitor's browser. */
    @Test
    void foreignOriginOnTheSocketAndInCorsThenRefused() throws Exception {
        Browser browser = Browser.mint();
        CompletableFuture<WebSocket> socket = HTTP.newWebSocketBuilder()
            .header("Origin", EVIL_ORIGIN)
            .buildAsync(URI.create(base().replace("http://", "ws://") + "/ws/qr"), new WebSocket.Listener() {
            });
        assertThatThrownBy(() -> socket.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
            .cause()
            .isInstanceOfSatisfying(WebSocketHandshakeException.class,
                    (refused) -> assertThat(refused.getResponse().statusCode()).isEqualTo(403));

        HttpResponse<String> preflight = HTTP.send(HttpRequest.newBuilder(URI.create(base() + "/api/qr"))
            .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
            .header("Origin", EVIL_ORIGIN)
            .header("Access-Control-Request-Method", "POST")
            .header("Access-Control-Request-Headers", "content-type")
            .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        HttpResponse<String> redeem = send(HttpRequest.newBuilder(URI.create(base() + "/api/session/redeem"))
            .header("Origin", EVIL_ORIGIN)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(
                    Map.of("qrId", browser.qrId, "codeVerifier", browser.verifier)))));
        assertThat(redeem.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    /** A burst from one address is refused with 429 and Retry-After; everyone else is served meanwhile. */
    @Test
    void rateLimitBurstThenRateLimitedAndNothingElseDegrades() throws Exception {
        String address = "198.51.100." + ThreadLocalRandom.current().nextInt(1, 255);
        HttpResponse<String> refused = null;
        for (int call = 0; call < 400 && refused == null; call++) {
            HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(base() + "/api/qr"))
                .header("X-Forwarded-For", address)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(
                        Map.of("codeChallenge", WholeSystemIT.challenge(verifier()), "codeChallengeMethod", "S256")))));
            if (response.statusCode() == 429) {
                refused = response;
            }
            else {
                assertThat(response.statusCode()).isEqualTo(201);
            }
        }
        assertThat(refused).as("a burst from one address is refused").isNotNull();
        assertThat(refused.headers().firstValue("Retry-After")).hasValueSatisfying(
                (seconds) -> assertThat(Integer.parseInt(seconds)).isPositive());
        assertProblem(refused, 429, "rate_limited");

        // Meanwhile, a browser elsewhere logs in as ever.
        Browser browser = Browser.mint();
        browser.subscribe(browser.verifier);
        String heidi = appToken("heidi");
        post("/api/scan/" + browser.qrId, heidi, null);
        post("/api/scan/" + browser.qrId + "/confirm", heidi, null);
        browser.awaitState("CONFIRMED");
        assertThat(browser.redeem(browser.verifier).status()).isEqualTo(200);
    }

    /** Socket abuse: a flood of frames, an oversized frame. Closed, and the instance serves on. */
    @Test
    void socketFloodsAndOversizedFramesThenClosedAndOthersServed() throws Exception {
        Browser flood = new Browser();
        WebSocket floodSocket = flood.open();
        // One frame more than a socket's budget (8, see docs/security.md); all of them read before the
        // gateway closes, so the close is clean.
        for (int ping = 0; ping < 9; ping++) {
            floodSocket.sendPing(ByteBuffer.allocate(8)).get(5, TimeUnit.SECONDS);
        }
        assertThat(flood.awaitClose()).isEqualTo(1008);
        assertThat(flood.messages).containsExactly(Map.of("type", "error", "code", "rate_limited"));

        Browser oversized = new Browser();
        oversized.open().sendText("{\"type\":\"subscribe\",\"qrId\":\"" + "x".repeat(64 * 1024) + "\"}", true)
            .exceptionally((ex) -> null);
        assertThat(oversized.awaitClose()).isEqualTo(1009);

        Browser browser = Browser.mint();
        browser.subscribe(browser.verifier);
        browser.awaitState("PENDING");
    }

    /** Bodies too large, not JSON, of the wrong shape or type: each a problem, never a 500, no internals. */
    @Test
    void oversizedAndMalformedBodiesThenProblems() throws Exception {
        assertProblem(postRaw("/api/qr", "application/json", "{\"codeChallenge\":\"" + "a".repeat(100_000) + "\"}"), 413,
                "payload_too_large");
        assertProblem(postRaw("/api/qr", "application/json", "{\"codeChallenge\":"), 400, "invalid_request");
        assertProblem(postRaw("/api/qr", "application/json", "[1,2,3]"), 400, "invalid_request");
        assertProblem(postRaw("/api/qr", "text/plain", "hello"), 415, "unsupported_media_type");
        assertProblem(postRaw("/api/session/redeem", "application/json", "{\"qrId\":{\"$ne\":null},\"codeVerifier\":1}"),
                400, "invalid_request");
        assertProblem(postRaw("/api/session/redeem", "application/json", "\u0000\u0001garbage"), 400, "invalid_request");
        // State changes only by POST.
        HttpResponse<String> get = send(HttpRequest.newBuilder(URI.create(base() + "/api/scan/" + Browser.mint().qrId
                + "/confirm")).header("Authorization", "Bearer " + appToken("judy")).GET());
        assertProblem(get, 405, "method_not_allowed");
    }

    private static String sessionToken() throws Exception {
        Browser browser = Browser.mint();
        String ivan = appToken("ivan");
        post("/api/scan/" + browser.qrId, ivan, null);
        post("/api/scan/" + browser.qrId + "/confirm", ivan, null);
        return (String) browser.redeem(browser.verifier).body().get("accessToken");
    }

    private static HttpResponse<String> postRaw(String path, String contentType, String body) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(base() + path))
            .header("Content-Type", contentType)
            .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HTTP.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void assertProblem(Response response, int status, String code) {
        assertThat(response.status()).isEqualTo(status);
        assertThat(response.body()).containsEntry("code", code).containsEntry("status", status);
        assertThat(response.body().toString()).doesNotContain("Exception", "at java.", "at io.", "at org.");
    }

    private static void assertProblem(HttpResponse<String> response, int status, String code) {
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        Map<String, Object> body = JSON.readValue(response.body(), new TypeReference<Map<String, Object>>() {
        });
        assertProblem(new Response(response.statusCode(), body), status, code);
    }
}
