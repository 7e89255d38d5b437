package io.qrlogin.local;

import java.io.IOException;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
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
import io.qrlogin.local.LoginClient.Minted;
import io.qrlogin.local.LoginClient.Response;
import io.qrlogin.local.LoginClient.Watch;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

/**
 * The cross-device attack catalogue, one test per threat, against the whole system (four services as
 * processes, real Redis and Kafka) through the public edge only. See {@code docs/security.md} for the
 * threat model each test stands for. Every refusal must be a problem with a stable {@code code} and no
 * internals.
 */
class AttackIT {

    private static final Duration PUSH = SharedSystem.PUSH;

    private static final String EVIL_ORIGIN = "https://evil.example";

    private final LoginClient client = SharedSystem.client();

    /** A caller that is no browser, such as a script: it sends no {@code Origin}. */
    private final LoginClient script = this.client.fromOrigin(null);

    @BeforeAll
    static void startTheSystem() {
        SharedSystem.get();
    }

    /** QRLJacking: the attacker has the QR code (a photo, a screen share) but not the browser's verifier. */
    @Test
    void photographedQrCodeWithoutTheVerifierGivesNoLogin() throws Exception {
        String alice = this.client.appToken("alice-attack");
        Minted victim = SharedSystem.mint();
        Watch victimSocket = this.client.watchUntilPending(victim, PUSH);
        String qrId = victim.qrId();

        String attackerVerifier = LoginClient.verifier();
        Watch attacker = this.client.watch(qrId, attackerVerifier);
        assertThat(attacker.awaitMessage("error", PUSH)).containsEntry("code", "invalid_verifier");
        assertThat(attacker.closed().get(10, TimeUnit.SECONDS)).isEqualTo(1008);
        assertThat(attacker.states()).isEmpty();

        assertThat(this.client.scan(qrId, alice).status()).isEqualTo(200);
        assertThat(this.client.confirm(qrId, alice).status()).isEqualTo(200);
        victimSocket.awaitState("CONFIRMED", PUSH);

        assertProblem(this.client.redeem(qrId, attackerVerifier), 401, "invalid_verifier");
        assertThat(this.client.redeem(qrId, victim.verifier()).status()).isEqualTo(200);
    }

    /** Another app user tries to confirm (or take over) a ticket someone else scanned. */
    @Test
    void confirmByAnotherUserThenForbidden() throws Exception {
        Minted ticket = SharedSystem.mint();
        assertThat(this.client.scan(ticket.qrId(), this.client.appToken("erin")).status()).isEqualTo(200);
        assertProblem(this.client.confirm(ticket.qrId(), this.client.appToken("mallory")), 403, "forbidden");
        assertProblem(this.client.scan(ticket.qrId(), this.client.appToken("mallory")), 409, "qr_already_scanned");
        assertProblem(this.client.cancel(ticket.qrId(), this.client.appToken("mallory")), 403, "forbidden");
    }

    /** A redeem request captured and replayed: one token per ticket, ever. */
    @Test
    void replayedRedeemThenRefused() throws Exception {
        Minted ticket = SharedSystem.mint();
        String carol = this.client.appToken("carol");
        this.client.scan(ticket.qrId(), carol);
        this.client.confirm(ticket.qrId(), carol);
        assertThat(this.client.redeem(ticket.qrId(), ticket.verifier()).status()).isEqualTo(200);

        assertProblem(this.client.redeem(ticket.qrId(), ticket.verifier()), 410, "qr_already_redeemed");
    }

    /** Forged app tokens: unsigned, signed by someone else, tampered with, the browser's own, or in the URL. */
    @Test
    void forgedAppTokensThenUnauthorized() throws Exception {
        String real = this.client.appToken("grace");
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

        Minted ticket = SharedSystem.mint();
        for (String forged : List.of(new PlainJWT(claims).serialize(), expiredUnsigned, selfSigned.serialize(), tampered,
                sessionToken())) {
            assertProblem(this.client.scan(ticket.qrId(), forged), 401, "unauthorized");
        }
        // Credentials never travel in URLs: a token in the query is not read.
        assertProblem(this.client.post("/api/scan/" + ticket.qrId() + "?access_token=" + real, null, null), 401,
                "unauthorized");
        assertThat(this.client.scan(ticket.qrId(), real).status()).isEqualTo(200);
    }

    /** A page on another site opens the socket or calls the API from a visitor's browser. */
    @Test
    void foreignOriginOnTheSocketAndInCorsThenRefused() throws Exception {
        Minted ticket = SharedSystem.mint();
        LoginClient evil = this.client.fromOrigin(EVIL_ORIGIN);
        assertHandshakeRefused(catchThrowable(evil::open), 403);

        Response preflight = evil.preflight("/api/qr", "POST", "content-type");
        assertThat(preflight.header("Access-Control-Allow-Origin")).isEmpty();
        Response redeem = evil.redeem(ticket.qrId(), ticket.verifier());
        assertThat(redeem.header("Access-Control-Allow-Origin")).isEmpty();
    }

    /** A burst from one address is refused with 429 and Retry-After; everyone else is served meanwhile. */
    @Test
    void rateLimitBurstThenRateLimitedAndNothingElseDegrades() throws Exception {
        String address = "198.51.100." + ThreadLocalRandom.current().nextInt(1, 255);
        LoginClient burst = this.script.withHeader("X-Forwarded-For", address);
        Response refused = null;
        for (int call = 0; call < 400 && refused == null; call++) {
            Response response = burst.mint().response();
            if (response.status() == 429) {
                refused = response;
            }
            else {
                assertThat(response.status()).isEqualTo(201);
            }
        }
        assertThat(refused).as("a burst from one address is refused").isNotNull();
        assertThat(refused.header("Retry-After")).hasValueSatisfying(
                (seconds) -> assertThat(Integer.parseInt(seconds)).isPositive());
        assertProblemDocument(refused, 429, "rate_limited");

        // Meanwhile, a browser elsewhere logs in as ever.
        Minted ticket = SharedSystem.mint();
        Watch browser = this.client.watch(ticket.qrId(), ticket.verifier());
        String heidi = this.client.appToken("heidi");
        this.client.scan(ticket.qrId(), heidi);
        this.client.confirm(ticket.qrId(), heidi);
        browser.awaitState("CONFIRMED", PUSH);
        assertThat(this.client.redeem(ticket.qrId(), ticket.verifier()).status()).isEqualTo(200);
    }

    /** Socket abuse: a flood of frames, an oversized frame. Closed, and the instance serves on. */
    @Test
    void socketFloodsAndOversizedFramesThenClosedAndOthersServed() throws Exception {
        Watch flood = this.client.open();
        // One frame more than a socket's budget (8, see docs/security.md); all of them read before the
        // gateway closes, so the close is clean.
        for (int ping = 0; ping < 9; ping++) {
            flood.ping().get(5, TimeUnit.SECONDS);
        }
        assertThat(flood.closed().get(10, TimeUnit.SECONDS)).isEqualTo(1008);
        assertThat(flood.messages()).containsExactly(Map.of("type", "error", "code", "rate_limited"));

        // Far over the limit: the gateway refuses the frame after its first bytes while the rest is still
        // on its way, and the close code must reach the browser all the same, every time.
        for (int attempt = 0; attempt < 50; attempt++) {
            Watch oversized = this.client.open();
            oversized.send("{\"type\":\"subscribe\",\"qrId\":\"" + "x".repeat(64 * 1024) + "\"}")
                .exceptionally((ex) -> null);
            assertThat(oversized.closed().get(10, TimeUnit.SECONDS)).as("attempt %d", attempt).isEqualTo(1009);
        }

        Minted ticket = SharedSystem.mint();
        this.client.watchUntilPending(ticket, PUSH);
    }

    /** Bodies too large, not JSON, of the wrong shape or type: each a problem, never a 500, no internals. */
    @Test
    void oversizedAndMalformedBodiesThenProblems() throws Exception {
        assertProblemDocument(this.script.postAsIs("/api/qr", "application/json",
                "{\"codeChallenge\":\"" + "a".repeat(100_000) + "\"}"), 413, "payload_too_large");
        assertProblemDocument(this.script.postAsIs("/api/qr", "application/json", "{\"codeChallenge\":"), 400,
                "invalid_request");
        assertProblemDocument(this.script.postAsIs("/api/qr", "application/json", "[1,2,3]"), 400, "invalid_request");
        assertProblemDocument(this.script.postAsIs("/api/qr", "text/plain", "hello"), 415, "unsupported_media_type");
        assertProblemDocument(this.script.postAsIs("/api/session/redeem", "application/json",
                "{\"qrId\":{\"$ne\":null},\"codeVerifier\":1}"), 400, "invalid_request");
        assertProblemDocument(this.script.postAsIs("/api/session/redeem", "application/json", "\u0000\u0001garbage"),
                400, "invalid_request");
        // State changes only by POST.
        Response get = this.client.get("/api/scan/" + SharedSystem.mint().qrId() + "/confirm",
                this.client.appToken("judy"));
        assertProblemDocument(get, 405, "method_not_allowed");
    }

    // Security round 2: findings 1, 2, 3, 7 and 8, one test each.

    /**
     * Finding 1: forged app tokens naming a user (each a 401) must never spend that user's rate limit:
     * the edge keyed the per-user bucket on the unverified {@code sub}, and 60 forged calls locked the
     * user out. Also runs {@code deploy/local/forged-token-check.sh}, the same check for any running system.
     */
    @Test
    void forgedTokensNamingAUserNeverCauseThatUserA429() throws Exception {
        String victim = "victim-" + ThreadLocalRandom.current().nextInt(1_000_000);
        String real = this.client.appToken(victim);
        ECKey foreign = new ECKeyGenerator(Curve.P_256).keyID(SignedJWT.parse(real).getHeader().getKeyID()).generate();
        LoginClient attacker = this.script.withHeader("X-Forwarded-For", "198.51.100." + ThreadLocalRandom.current().nextInt(1, 255));
        String qrId = SharedSystem.mint().qrId();
        for (int call = 0; call < 100; call++) {
            SignedJWT forged = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(foreign.getKeyID()).build(),
                    new JWTClaimsSet.Builder(SignedJWT.parse(real).getJWTClaimsSet()).jwtID("forged-" + call).build());
            forged.sign(new ECDSASigner(foreign));
            assertProblem(attacker.scan(qrId, forged.serialize()), 401, "unauthorized");
        }

        LoginClient victimsPhone = this.script.withHeader("X-Forwarded-For", "203.0.113." + ThreadLocalRandom.current().nextInt(1, 255));
        assertThat(victimsPhone.scan(qrId, real).status()).isEqualTo(200);

        Path script = Path.of("").toAbsolutePath().resolve("forged-token-check.sh");
        Process check = new ProcessBuilder("bash", script.toString(), this.client.baseUrl()).redirectErrorStream(true).start();
        String output = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(check.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(check.exitValue()).as(output).isZero();
        assertThat(output).contains("OK: forged tokens never cost");
    }

    /**
     * Finding 2, part one: an attacker holds a whole IPv6 /64 (2^64 addresses); the edge counts the /64
     * as one address, for the browser calls as for the sockets.
     */
    @Test
    void mintFloodFromOneIpv6Slash64ThenRateLimitedLikeOneAddress() throws Exception {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        String prefix = "2001:db8:" + Integer.toHexString(random.nextInt(1, 0xffff)) + ":" + Integer.toHexString(random.nextInt(1, 0xffff)) + ":";
        Response refused = null;
        for (int call = 0; call < 400 && refused == null; call++) {
            Response response = this.script.withHeader("X-Forwarded-For", prefix + Integer.toHexString(call + 1) + "::1")
                .mint().response();
            if (response.status() == 429) {
                refused = response;
            }
            else {
                assertThat(response.status()).isEqualTo(201);
            }
        }
        assertThat(refused).as("a mint flood from one /64 is refused").isNotNull();
        assertProblemDocument(refused, 429, "rate_limited");
        assertThat(refused.header("Retry-After")).isPresent();
        // The /64 opens no socket either, from any of its addresses.
        LoginClient sameBlock = this.client.withHeader("X-Forwarded-For", prefix + "ffff::1");
        assertHandshakeRefused(catchThrowable(sameBlock::open), 429);
    }

    /**
     * Finding 2, part two: a mint flood must not fill Redis to where scans, redeems and logouts fail
     * ({@code noeviction}). Near Redis's {@code maxmemory}, new QR codes are refused with {@code 503} and
     * {@code Retry-After}, and the login under way finishes: confirm, redeem, logout.
     */
    @Test
    void nearlyFullRedisThenNewQrCodesRefusedWhileTheLoginUnderWayFinishesAndLogsOut() throws Exception {
        Minted underWay = SharedSystem.mint();
        Watch browser = this.client.watchUntilPending(underWay, PUSH);
        String kim = this.client.appToken("kim-attack");
        assertThat(this.client.scan(underWay.qrId(), kim).status()).isEqualTo(200);
        RedisAdmin redis = new RedisAdmin(SharedSystem.get().settings().redisPort());
        try {
            // 90 % of maxmemory in use: over the mint guard's 80 %, with room left for every other write.
            redis.config("maxmemory", Long.toString(Math.round(redis.usedMemory() / 0.9)));
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                Response refused = this.client.mint().response();
                assertProblemDocument(refused, 503, "unavailable");
                assertThat(refused.header("Retry-After")).isPresent();
            });

            assertThat(this.client.confirm(underWay.qrId(), kim).status()).isEqualTo(200);
            browser.awaitState("CONFIRMED", PUSH);
            Response redeemed = this.client.redeem(underWay.qrId(), underWay.verifier());
            assertThat(redeemed.status()).isEqualTo(200);
            String sessionToken = (String) redeemed.body().get("accessToken");
            assertThat(this.client.post("/api/session/logout", sessionToken, null).status()).isEqualTo(204);
            assertThat(this.client.get("/api/session/me", sessionToken).status()).isEqualTo(401);
        }
        finally {
            redis.config("maxmemory", "0");
        }
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(this.client.mint().response().status())
            .isEqualTo(201));
    }

    /**
     * Finding 3: whoever sees the QR code can send wrong verifiers, but they never burn the ticket (the
     * fifth used to expire it, even after the user confirmed): the browser holding the verifier still
     * signs in. Guessing on the socket is rate limited at the handshake.
     */
    @Test
    void wrongVerifiersNeverBurnTheTicketAndSocketGuessingIsRateLimited() throws Exception {
        String bob = this.client.appToken("bob-attack");
        Minted victim = SharedSystem.mint();
        Watch victimSocket = this.client.watchUntilPending(victim, PUSH);
        LoginClient guesser = this.client.withHeader("X-Forwarded-For", "192.0.2." + ThreadLocalRandom.current().nextInt(1, 255));
        for (int guess = 0; guess < 5; guess++) {
            Watch guessing = guesser.watch(victim.qrId(), LoginClient.verifier());
            assertThat(guessing.awaitMessage("error", PUSH)).containsEntry("code", "invalid_verifier");
            assertThat(guessing.closed().get(10, TimeUnit.SECONDS)).isEqualTo(1008);
        }
        this.client.scan(victim.qrId(), bob);
        this.client.confirm(victim.qrId(), bob);
        victimSocket.awaitState("CONFIRMED", PUSH);
        for (int guess = 0; guess < 10; guess++) {
            assertProblem(guesser.redeem(victim.qrId(), LoginClient.verifier()), 401, "invalid_verifier");
        }

        assertThat(this.client.redeem(victim.qrId(), victim.verifier()).status()).isEqualTo(200);

        // One guess per socket, and the sockets of one address are rate limited before any ticket is read.
        IOException refused = null;
        for (int socket = 0; socket < 200 && refused == null; socket++) {
            try {
                guesser.open().close();
            }
            catch (IOException ex) {
                refused = ex;
            }
        }
        assertThat(refused).as("handshakes over the rate are refused").isNotNull();
        assertHandshakeRefused(refused, 429);
    }

    /**
     * Finding 7: odd paths are refused as problems at the edge (the first was a bare 400 with an empty
     * body), and the origin check sees the path the routes match, however it is spelt.
     */
    @Test
    void oddPathsThenProblemsAndForeignOriginsRefusedHoweverThePathIsSpelt() throws Exception {
        assertProblemDocument(this.script.post("/api/scan/..%2F..%2Fetc%2Fpasswd", this.client.appToken("oscar"), null),
                400, "invalid_request");
        assertProblemDocument(this.script.postAsIs("/api;x/qr", "application/json", "{}"), 400, "invalid_request");
        assertProblemDocument(this.script.postAsIs("/api/%2e%2e/qr", "application/json", "{}"), 400, "invalid_request");

        LoginClient evil = this.client.fromOrigin(EVIL_ORIGIN);
        Minted ticket = SharedSystem.mint();
        Response encoded = evil.post("/%61pi/session/redeem", null,
                Map.of("qrId", ticket.qrId(), "codeVerifier", ticket.verifier()));
        assertProblemDocument(encoded, 403, "forbidden");
        assertThat(encoded.header("Access-Control-Allow-Origin")).isEmpty();
        assertProblemDocument(evil.postAsIs("/api;x/qr", "application/json", "{}"), 400, "invalid_request");
    }

    /**
     * Finding 8: QR ids never reach a span (a tracing backend is read by many): neither the request spans'
     * URLs ({@code /q/{qrId}}, {@code /api/scan/{qrId}}) nor their names, at the edge or in the services.
     */
    @Test
    void qrIdsNeverReachATraceSpan() throws Exception {
        String traceId = HexFormat.of().formatHex(randomBytes(16));
        String traceparent = "00-" + traceId + "-" + HexFormat.of().formatHex(randomBytes(8)) + "-01";
        LoginClient traced = this.client.withHeader("traceparent", traceparent);
        Minted ticket = SharedSystem.mint();
        String lena = this.client.appToken("lena-attack");
        assertThat(traced.get("/q/" + ticket.qrId(), null).status()).isEqualTo(200);
        assertThat(traced.fromOrigin(null).scan(ticket.qrId(), lena).status()).isEqualTo(200);
        assertThat(traced.fromOrigin(null).confirm(ticket.qrId(), lena).status()).isEqualTo(200);

        SpanCollector spans = SharedSystem.spans();
        await().atMost(Duration.ofSeconds(30)).until(() -> spans.received(traceId));
        assertThat(spans.anyHolds(ticket.qrId())).as("a span holds the QR id").isFalse();
    }

    private static byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        ThreadLocalRandom.current().nextBytes(bytes);
        return bytes;
    }

    private String sessionToken() throws Exception {
        Minted ticket = SharedSystem.mint();
        String ivan = this.client.appToken("ivan");
        this.client.scan(ticket.qrId(), ivan);
        this.client.confirm(ticket.qrId(), ivan);
        return (String) this.client.redeem(ticket.qrId(), ticket.verifier()).body().get("accessToken");
    }

    // Security round 2: findings 4, 5, 6, 9 and 10.

    /**
     * Finding 4: forged app tokens with random {@code kid}s. Each used to make scan-service fetch the identity
     * provider's JWKS again; now an unknown {@code kid} refreshes the cached set at most once per interval and
     * is refused in between.
     */
    @Test
    void forgedAppTokensWithRandomKeyIdsThenRefusedWithoutAKeySetFetchForEach() throws Exception {
        String real = this.client.appToken("kim");
        Minted ticket = SharedSystem.mint();
        JWTClaimsSet claims = SignedJWT.parse(real).getJWTClaimsSet();
        double before = keySetFetches();

        for (int forged = 0; forged < 30; forged++) {
            ECKey key = new ECKeyGenerator(Curve.P_256).keyID("forged-" + forged + "-" + LoginClient.verifier()).generate();
            // Each names a user of its own, so no per-user limit at the edge answers before scan-service does.
            SignedJWT token = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.getKeyID()).build(),
                    new JWTClaimsSet.Builder(claims).subject("forger-" + forged + "-" + ticket.qrId().substring(0, 6))
                        .build());
            token.sign(new ECDSASigner(key));
            // From addresses of their own, as a botnet would send them: no edge limit stops them first.
            LoginClient sender = this.client.withHeader("X-Forwarded-For", "198.18." + forged + ".9");
            assertProblem(sender.scan(ticket.qrId(), token.serialize()), 401, "unauthorized");
        }

        assertThat(keySetFetches() - before).as("JWKS fetches caused by 30 unknown kids").isLessThanOrEqualTo(2);
        assertThat(this.client.scan(ticket.qrId(), real).status()).isEqualTo(200);
    }

    /**
     * Finding 5: the User-Agent is the caller's to choose. The confirm screen gets the browser and OS parsed
     * from it, and the raw string only as printable ASCII, bounded.
     */
    @Test
    void hostileUserAgentThenTheConfirmScreenGetsItParsedAndSanitised() throws Exception {
        String hostile = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
                + "Chrome/140.0.0.0 Safari/537.36 <img src=x onerror=alert(1)>\t\t" + "A".repeat(400);
        Minted ticket = this.client.withHeader("User-Agent", hostile).mint();
        assertThat(ticket.response().status()).isEqualTo(201);

        Response scanned = this.client.scan(ticket.qrId(), this.client.appToken("lena"));

        assertThat(scanned.status()).isEqualTo(200);
        Map<String, Object> request = scanned.map("request");
        assertThat(request).containsEntry("browser", "Chrome 140").containsEntry("os", "Windows 10");
        assertThat((String) request.get("userAgent")).hasSizeLessThanOrEqualTo(200)
            .matches("[\\x20-\\x7e]*")
            .startsWith("Mozilla/5.0 (Windows NT 10.0;")
            .endsWith("...");
    }

    /**
     * Finding 6: a session token is for one client's audience only, and scan-service checks the app token's
     * audience (its start refuses a configuration without one, outside demo mode: see the module tests). A
     * session token, signed by this system and carrying a user, is no app token.
     */
    @Test
    void sessionTokenOfOneClientThenNeitherAnAppTokenNorAnotherClientsToken() throws Exception {
        String session = sessionToken();
        assertThat(SignedJWT.parse(session).getJWTClaimsSet().getAudience()).containsExactly("web");
        Minted ticket = SharedSystem.mint();
        assertProblem(this.client.scan(ticket.qrId(), session), 401, "unauthorized");
    }

    /**
     * Finding 9, the relay: an attacker's server mints (no Origin, its own network), shows the code on the
     * victim's page, and would redeem after the victim confirms. The victim's phone is told (origin, network
     * mismatch, minted without Origin) and must type the code the attacker's page shows: the relay is made
     * visible and costly, and a token it still wins says in {@code acr} that number matching was used.
     */
    @Test
    void relayFromAServerOnAnotherNetworkThenTheConfirmScreenWarnsAndNumberMatchingIsRequired() throws Exception {
        LoginClient attackerServer = this.script.withHeader("X-Forwarded-For", "198.51.100.66");
        LoginClient victimPhone = this.client.withHeader("X-Forwarded-For", "203.0.113.80");
        String victim = this.client.appToken("victor");

        Minted relayed = attackerServer.mint();
        assertThat(relayed.response().status()).isEqualTo(201);
        Response scanned = victimPhone.scan(relayed.qrId(), victim);
        assertThat(scanned.status()).isEqualTo(200);
        assertThat(scanned.body()).containsEntry("numberMatching", true);
        assertThat(scanned.map("risk")).containsEntry("networkMismatch", true).containsEntry("mintedWithoutOrigin", true);
        assertThat(scanned.map("request")).containsEntry("origin", this.client.baseUrl())
            .containsEntry("sameNetwork", false);
        // Confirming by habit, without the code, ends the login.
        assertProblem(victimPhone.confirm(relayed.qrId(), victim), 403, "match_code_mismatch");
        assertProblem(attackerServer.redeem(relayed.qrId(), relayed.verifier()), 410, "qr_cancelled");

        // A live relay that also passes the code on still wins: number matching does not stop it (docs/security.md).
        Minted second = attackerServer.mint();
        Watch attackerSocket = this.client.watch(second.qrId(), second.verifier());
        victimPhone.scan(second.qrId(), victim);
        String code = (String) attackerSocket.awaitState("SCANNED", PUSH).get("matchCode");
        assertThat(victimPhone.confirm(second.qrId(), victim, code).status()).isEqualTo(200);
        Response won = attackerServer.redeem(second.qrId(), second.verifier());
        assertThat(won.status()).isEqualTo(200);
        assertThat(SignedJWT.parse((String) won.body().get("accessToken")).getJWTClaimsSet().getStringClaim("acr"))
            .isEqualTo("urn:qrlogin:acr:qr:number-matching");

        // The same user at their own desk, on the browser's network, is not asked for a code.
        Minted own = this.client.withHeader("X-Forwarded-For", "203.0.113.80").mint();
        Response ownScan = victimPhone.scan(own.qrId(), victim);
        assertThat(ownScan.body()).containsEntry("numberMatching", false);
        assertThat(ownScan.map("risk")).containsEntry("networkMismatch", false).containsEntry("mintedWithoutOrigin", false);
        assertThat(victimPhone.confirm(own.qrId(), victim).status()).isEqualTo(200);
        Response signedIn = this.client.redeem(own.qrId(), own.verifier());
        assertThat(SignedJWT.parse((String) signedIn.body().get("accessToken")).getJWTClaimsSet().getStringClaim("acr"))
            .isEqualTo("urn:qrlogin:acr:qr");
    }

    /**
     * Finding 10, login CSRF by an onlooker: someone who sees the victim's screen scans first and confirms as
     * themselves. The browser is told who confirmed and, before it redeems, may refuse with its verifier; nobody
     * else can refuse for it, and a refused ticket signs nobody in.
     */
    @Test
    void onlookerWhoScannedFirstThenTheBrowserRefusesWithItsVerifierAndNobodyIsSignedIn() throws Exception {
        Minted ticket = SharedSystem.mint();
        assertThat(ticket.response().body()).containsEntry("confirmIdentity", true);
        Watch browser = this.client.watch(ticket.qrId(), ticket.verifier());
        String onlooker = this.client.appToken("oscar");
        this.client.scan(ticket.qrId(), onlooker);
        this.client.confirm(ticket.qrId(), onlooker);
        Map<String, Object> confirmed = browser.awaitState("CONFIRMED", PUSH);
        assertThat(confirmed.get("scannedBy")).isEqualTo(Map.of("name", "Oscar"));

        assertProblem(this.script.decline(ticket.qrId(), LoginClient.verifier()), 401, "invalid_verifier");
        Response refused = this.client.decline(ticket.qrId(), ticket.verifier());
        assertThat(refused.status()).isEqualTo(200);
        assertThat(refused.body()).containsEntry("state", "CANCELLED");

        assertProblem(this.client.redeem(ticket.qrId(), ticket.verifier()), 410, "qr_cancelled");
        assertProblem(this.client.scan(ticket.qrId(), onlooker), 410, "qr_cancelled");
    }

    /** How often session-service served the demo identity provider's JWKS (scan-service's only fetcher). */
    private static double keySetFetches() throws Exception {
        java.net.http.HttpResponse<String> response = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                        SharedSystem.get().managementUrl("session-service") + "/actuator/prometheus"))
                    .timeout(Duration.ofSeconds(10)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        double sum = 0;
        for (String line : response.body().split("\n")) {
            if (line.startsWith("http_server_requests_seconds_count{") && line.contains("uri=\"/api/demo/jwks.json\"")) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return sum;
    }

    /** Opening the socket failed because the gateway answered the handshake with {@code status}. */
    private static void assertHandshakeRefused(Throwable thrown, int status) {
        assertThat(thrown).isInstanceOf(IOException.class)
            .cause()
            .isInstanceOf(ExecutionException.class)
            .cause()
            .isInstanceOfSatisfying(WebSocketHandshakeException.class,
                    (handshake) -> assertThat(handshake.getResponse().statusCode()).isEqualTo(status));
    }

    private static void assertProblem(Response response, int status, String code) {
        assertThat(response.status()).isEqualTo(status);
        assertThat(response.body()).containsEntry("code", code).containsEntry("status", status);
        assertThat(response.body().toString()).doesNotContain("Exception", "at java.", "at io.", "at org.");
    }

    /** A problem, and sent as a problem document. */
    private static void assertProblemDocument(Response response, int status, String code) {
        assertThat(response.header("Content-Type")).hasValue("application/problem+json");
        assertProblem(response, status, code);
    }
}
