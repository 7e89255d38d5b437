package io.qrlogin.session;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import io.qrlogin.engine.testing.RedisTickets;
import io.qrlogin.core.pkce.Pkce;
import io.qrlogin.core.problem.ProblemCode;
import io.qrlogin.testing.EventRecorder;
import io.qrlogin.testing.ServiceIntegrationTest;
import io.qrlogin.testing.TestTickets;
import io.qrlogin.engine.redis.RedisTicketStore;
import io.qrlogin.core.ticket.Ticket;
import io.qrlogin.core.ticket.TicketState;
import io.qrlogin.session.store.ActiveSession;
import io.qrlogin.session.redeem.SessionTokenResponses;
import io.qrlogin.session.store.RedisSessionStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.client.WebClient;

import static io.qrlogin.testing.EventRecorder.assertThatTicketEvent;
import static io.qrlogin.testing.ProblemResponses.expectProblem;
import static io.qrlogin.testing.ProblemResponses.expectUnauthorized;
import static io.qrlogin.testing.TestTickets.ALICE;
import static io.qrlogin.testing.TicketResponses.expectTicket;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * The session service end to end, in demo mode with a signing key generated at start: a real
 * server, real Redis and Kafka, tickets brought to each state through the real transitions, and
 * tokens verified as an app backend would, against the keys fetched from the service over HTTP.
 */
@ServiceIntegrationTest(properties = { "qrlogin.demo.enabled=true", "qrlogin.session.issuer=" + SessionServiceIT.ISSUER,
        // The token and session lifetimes these tests' expiry checks are written for.
        "qrlogin.session.token-lifetime=1h", "qrlogin.clients.web.session-max-lifetime=1h",
        "qrlogin.clients.payroll.session-max-lifetime=1h",
        "qrlogin.clients.web.name=Web", "qrlogin.clients.web.origins=https://login.example.com",
        "qrlogin.clients.payroll.name=Payroll", "qrlogin.clients.payroll.origins=https://payroll.example.com",
        "qrlogin.clients.payroll.audience=" + SessionServiceIT.PAYROLL_AUDIENCE })
class SessionServiceIT {

    static final String ISSUER = "https://login.example.com";

    static final String PAYROLL_AUDIENCE = "https://payroll.example.com/api";

    @Autowired
    private WebTestClient client;

    @Autowired
    private RedisSessionStore sessions;

    @LocalServerPort
    private int port;

    private final ReactiveStringRedisTemplate redis = RedisTickets.redis();

    private final RedisTicketStore store = RedisTickets.store();

    private final String verifier = TestTickets.verifier();

    @Test
    void redeemWhenConfirmedThenATokenThatVerifiesAgainstThePublishedKeys() throws Exception {
        Ticket ticket = RedisTickets.inState(TicketState.CONFIRMED, this.verifier);
        Instant before = Instant.now();

        Map<String, Object> body = SessionTokenResponses.sessionTokenOf(ALICE, redeem(ticket.qrId(), this.verifier));
        String token = (String) body.get("accessToken");
        Jwt jwt = verifiedByTheJwkSetOf("/.well-known/jwks.json", token);
        assertThat(jwt.getHeaders()).containsEntry("alg", "ES256").containsEntry("typ", "JWT");
        assertThat(jwt.getHeaders().get("kid")).isEqualTo(publishedKeyIds("/.well-known/jwks.json").get(0));
        assertThat(jwt.getClaims()).containsOnlyKeys("iss", "sub", "name", "aud", "iat", "exp", "jti", "sid", "amr",
                "acr", "auth_time");
        assertThat(jwt.getClaimAsString("acr")).as("confirmed without number matching").isEqualTo("urn:qrlogin:acr:qr");
        assertThat(jwt.getIssuer().toString()).isEqualTo(ISSUER);
        assertThat(jwt.getSubject()).isEqualTo(ALICE.subject());
        assertThat(jwt.getClaimAsString("name")).isEqualTo(ALICE.name());
        assertThat(jwt.getAudience()).containsExactly("web");
        assertThat(jwt.getIssuedAt()).isBetween(before.minusSeconds(1), Instant.now());
        assertThat(jwt.getExpiresAt()).isEqualTo(jwt.getIssuedAt().plus(Duration.ofHours(1)));
        assertThat(jwt.getId()).isNotBlank().isNotEqualTo(body.get("sessionId"));
        assertThat(jwt.getClaimAsString("sid")).isEqualTo(body.get("sessionId"));
        assertThat(jwt.getClaimAsStringList("amr")).containsExactly("qr");
        assertThat(((Number) jwt.getClaim("auth_time")).longValue()).isEqualTo(ticket.confirmedAt().getEpochSecond());
        assertThat(this.store.find(ticket.qrId()).block().state()).isEqualTo(TicketState.REDEEMED);
    }

    @Test
    void redeemThenTheTokensAudienceIsTheRegisteredAudienceOfTheTicketsClient() throws Exception {
        Ticket ticket = this.store.mint(TestTickets.qrId(), "payroll", Pkce.s256(this.verifier), TestTickets.BROWSER, false)
            .block();
        this.store.scan(ticket.qrId(), ALICE, RedisTickets.MATCH_CODE).block();
        this.store.confirm(ticket.qrId(), ALICE, null).block();

        Jwt jwt = verifiedByTheJwkSetOf("/.well-known/jwks.json", accessToken(redeem(ticket.qrId(), this.verifier)));

        assertThat(jwt.getAudience()).containsExactly(PAYROLL_AUDIENCE);
    }

    @Test
    void redeemThenExactlyOneRedeemedEventWithoutSecrets() throws Exception {
        Ticket ticket = RedisTickets.inState(TicketState.CONFIRMED, this.verifier);
        try (EventRecorder recorder = EventRecorder.start()) {
            String token = accessToken(redeem(ticket.qrId(), this.verifier));
            expectProblem(redeem(ticket.qrId(), this.verifier), ProblemCode.QR_ALREADY_REDEEMED);
            // Published after the replay: once the recorder has read it (one broker serves every
            // partition in one fetch), anything the replay had published would have been read too.
            String markerVerifier = TestTickets.verifier();
            Ticket marker = RedisTickets.inState(TicketState.CONFIRMED, markerVerifier);
            redeem(marker.qrId(), markerVerifier).expectStatus().isOk();

            await().until(() -> !recorder.eventsFor(marker.qrId()).isEmpty());
            await().until(() -> !recorder.eventsFor(ticket.qrId()).isEmpty());
            assertThat(recorder.eventsFor(ticket.qrId())).singleElement()
                .satisfies((event) -> assertThatTicketEvent(event, ticket.qrId())
                    .containsEntry("type", "REDEEMED")
                    .containsEntry("clientId", "web")
                    .containsEntry("subject", ALICE.subject()));
            recorder.assertNoRecordOf(ticket.qrId(), this.verifier, Pkce.s256(this.verifier), token);
        }
    }

    @Test
    void redeemRacedByManyCallersThenExactlyOneToken() {
        Ticket ticket = RedisTickets.inState(TicketState.CONFIRMED, this.verifier);
        WebClient web = WebClient.create("http://localhost:" + this.port);

        List<Integer> statuses = Flux.range(0, 20)
            .flatMap((i) -> web.post().uri("/api/session/redeem").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("qrId", ticket.qrId(), "codeVerifier", this.verifier))
                .exchangeToMono((response) -> Mono.just(response.statusCode().value())), 20)
            .collectList()
            .block(Duration.ofSeconds(30));

        assertThat(statuses).filteredOn((status) -> status == 200).hasSize(1);
        assertThat(statuses).filteredOn((status) -> status == 410).hasSize(19);
    }

    @Test
    void redeemWithAWrongVerifierThenInvalidVerifierAndStillRedeemableWithTheRightOne() {
        Ticket ticket = RedisTickets.inState(TicketState.CONFIRMED, this.verifier);

        expectProblem(redeem(ticket.qrId(), TestTickets.verifier()), ProblemCode.INVALID_VERIFIER);

        assertThat(this.store.find(ticket.qrId()).block().state()).isEqualTo(TicketState.CONFIRMED);
        redeem(ticket.qrId(), this.verifier).expectStatus().isOk();
    }

    @Test
    void redeemOfALoginConfirmedWithNumberMatchingThenTheTokensAcrSaysSo() throws Exception {
        Ticket ticket = this.store.mint(TestTickets.qrId(), "web", Pkce.s256(this.verifier), TestTickets.BROWSER, true)
            .block();
        this.store.scan(ticket.qrId(), ALICE, "42").block();
        this.store.confirm(ticket.qrId(), ALICE, "42").block();

        Jwt jwt = verifiedByTheJwkSetOf("/.well-known/jwks.json", accessToken(redeem(ticket.qrId(), this.verifier)));

        assertThat(jwt.getClaimAsString("acr")).isEqualTo("urn:qrlogin:acr:qr:number-matching");
    }

    @Test
    void declineOfAConfirmedLoginWithTheVerifierThenCancelledAndNoLongerRedeemable() throws Exception {
        Ticket ticket = RedisTickets.inState(TicketState.CONFIRMED, this.verifier);

        try (EventRecorder events = EventRecorder.start()) {
            expectTicket(decline(ticket.qrId(), this.verifier), ticket.qrId(), TicketState.CANCELLED);
            await().until(() -> events.eventsFor(ticket.qrId()).stream()
                .anyMatch((event) -> "CANCELLED".equals(event.get("type"))));
        }
        decline(ticket.qrId(), this.verifier).expectStatus().isOk();
        expectProblem(redeem(ticket.qrId(), this.verifier), ProblemCode.QR_CANCELLED);
    }

    @Test
    void declineWithAWrongVerifierThenInvalidVerifierAndTheLoginStands() {
        Ticket ticket = RedisTickets.inState(TicketState.CONFIRMED, this.verifier);

        expectProblem(decline(ticket.qrId(), TestTickets.verifier()), ProblemCode.INVALID_VERIFIER);

        redeem(ticket.qrId(), this.verifier).expectStatus().isOk();
    }

    @Test
    void declineOfARedeemedLoginThenAlreadyRedeemed() {
        Ticket ticket = RedisTickets.inState(TicketState.REDEEMED, this.verifier);
        expectProblem(decline(ticket.qrId(), this.verifier), ProblemCode.QR_ALREADY_REDEEMED);
    }

    /**
     * Wrong verifiers never burn the ticket (in 0.2 the fifth wrong one expired it): each is refused,
     * nothing is announced, and the browser that holds the verifier still redeems.
     */
    @Test
    void redeemGuessedManyTimesThenEveryGuessRefusedAndTheRightVerifierStillRedeems() throws Exception {
        Ticket ticket = RedisTickets.inState(TicketState.CONFIRMED, this.verifier);
        try (EventRecorder recorder = EventRecorder.start()) {
            for (int guess = 0; guess < 10; guess++) {
                expectProblem(redeem(ticket.qrId(), TestTickets.verifier()), ProblemCode.INVALID_VERIFIER);
            }
            assertThat(this.store.find(ticket.qrId()).block().state()).isEqualTo(TicketState.CONFIRMED);

            redeem(ticket.qrId(), this.verifier).expectStatus().isOk();
            await().until(() -> !recorder.eventsFor(ticket.qrId()).isEmpty());
            assertThat(recorder.eventsFor(ticket.qrId())).extracting((event) -> event.get("type")).containsExactly("REDEEMED");
        }
    }

    @ParameterizedTest
    @CsvSource({ "PENDING, QR_NOT_CONFIRMED", "SCANNED, QR_NOT_CONFIRMED", "REDEEMED, QR_ALREADY_REDEEMED",
            "CANCELLED, QR_CANCELLED", "EXPIRED, QR_EXPIRED" })
    void redeemWhenNotRedeemableThenTheTicketsProblem(TicketState state, ProblemCode problem) {
        Ticket ticket = RedisTickets.inState(state, this.verifier);

        expectProblem(redeem(ticket.qrId(), this.verifier), problem);

        assertThat(this.store.find(ticket.qrId()).block().state()).isEqualTo(state);
    }

    @Test
    void redeemWhenUnknownThenNotFound() {
        expectProblem(redeem(TestTickets.qrId(), this.verifier), ProblemCode.QR_NOT_FOUND);
    }

    static Stream<Arguments> malformedBodies() {
        String qrId = TestTickets.qrId();
        String verifier = TestTickets.verifier();
        return Stream.of("", "{not json", "[]", "\"text\"", "null", "42", "{}",
                "{\"qrId\":\"" + qrId + "\"}", "{\"codeVerifier\":\"" + verifier + "\"}",
                "{\"qrId\":{\"a\":1},\"codeVerifier\":\"" + verifier + "\"}",
                "{\"qrId\":[\"" + qrId + "\"],\"codeVerifier\":\"" + verifier + "\"}",
                "{\"qrId\":\"" + qrId + "\",\"codeVerifier\":12345}",
                "{\"qrId\":\"short\",\"codeVerifier\":\"" + verifier + "\"}",
                "{\"qrId\":\"" + qrId + "=\",\"codeVerifier\":\"" + verifier + "\"}",
                "{\"qrId\":\"" + qrId + "\",\"codeVerifier\":\"too-short\"}",
                "{\"qrId\":\"" + qrId + "\",\"codeVerifier\":\"" + verifier + " \"}",
                "{\"qrId\":\"" + qrId + "\",\"codeVerifier\":\"" + "a".repeat(129) + "\"}")
            .map(Arguments::of);
    }

    @ParameterizedTest
    @MethodSource("malformedBodies")
    void redeemWhenBodyMalformedThenInvalidRequest(String json) {
        expectProblem(this.client.post().uri("/api/session/redeem").contentType(MediaType.APPLICATION_JSON)
            .bodyValue(json).exchange(), ProblemCode.INVALID_REQUEST);
    }

    @Test
    void redeemWhenFieldMalformedThenInvalidRequestAndTheTicketUntouched() {
        Ticket ticket = RedisTickets.inState(TicketState.CONFIRMED, this.verifier);

        expectProblem(redeem(ticket.qrId(), this.verifier + "!"), ProblemCode.INVALID_REQUEST);

        assertThat(this.store.find(ticket.qrId()).block().state()).isEqualTo(TicketState.CONFIRMED);
    }

    @Test
    void redeemWhenNotJsonThenUnsupportedMediaType() {
        expectProblem(this.client.post().uri("/api/session/redeem").contentType(MediaType.TEXT_PLAIN).bodyValue("hello")
            .exchange(), ProblemCode.UNSUPPORTED_MEDIA_TYPE);
    }

    @Test
    void redeemWhenBodyTooLargeThenPayloadTooLarge() {
        String huge = "{\"qrId\":\"" + "a".repeat(64 * 1024) + "\",\"codeVerifier\":\"x\"}";

        expectProblem(this.client.post().uri("/api/session/redeem").contentType(MediaType.APPLICATION_JSON)
            .bodyValue(huge).exchange(), ProblemCode.PAYLOAD_TOO_LARGE);
    }

    @Test
    void redeemWithAStrayAuthorizationHeaderThenStillRedeemed() {
        Ticket ticket = RedisTickets.inState(TicketState.CONFIRMED, this.verifier);

        this.client.post().uri("/api/session/redeem").header(HttpHeaders.AUTHORIZATION, "Bearer not-a-jwt")
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue(Map.of("qrId", ticket.qrId(), "codeVerifier", this.verifier))
            .exchange()
            .expectStatus().isOk();
    }

    @Test
    void getOnRedeemThenMethodNotAllowed() {
        expectProblem(this.client.get().uri("/api/session/redeem").exchange(), ProblemCode.METHOD_NOT_ALLOWED);
    }

    @Test
    void meWithTheTokenThenWhoItIs() {
        Map<String, Object> redeemed = redeemConfirmed();

        this.client.get().uri("/api/session/me").headers(bearer((String) redeemed.get("accessToken")))
            .exchange()
            .expectStatus().isOk()
            .expectHeader().cacheControl(CacheControl.noStore())
            .expectBody(new ParameterizedTypeReference<Map<String, Object>>() {
            })
            .isEqualTo(Map.of("sub", ALICE.subject(), "name", ALICE.name(), "sessionId", redeemed.get("sessionId"),
                    "amr", List.of("qr")));
    }

    @Test
    void redeemThenTheSessionIsRecordedAndListedUntilTheTokenExpires() {
        Map<String, Object> redeemed = redeemConfirmed();
        String sessionId = (String) redeemed.get("sessionId");
        Jwt jwt = verifiedByTheJwkSetOf("/.well-known/jwks.json", (String) redeemed.get("accessToken"));

        Map<Object, Object> session = this.redis.opsForHash().entries("qrlogin:session:{" + sessionId + "}")
            .collectMap(Map.Entry::getKey, Map.Entry::getValue).block();
        assertThat(session).containsOnlyKeys("sub", "name", "jti", "clientId", "iat", "exp", "method", "browser", "os",
                "ip", "signedInAt", "lastSeenAt", "deadline", "idle")
            .containsEntry("sub", ALICE.subject())
            .containsEntry("name", ALICE.name())
            .containsEntry("jti", jwt.getId())
            .containsEntry("clientId", "web")
            .containsEntry("method", "qr")
            .containsEntry("exp", Long.toString(jwt.getExpiresAt().getEpochSecond()));
        assertThat(this.redis.getExpire("qrlogin:session:{" + sessionId + "}").block())
            .isBetween(Duration.ofMinutes(59), Duration.ofMinutes(61));
        String index = "qrlogin:user:{" + ALICE.subject() + "}:sessions";
        assertThat(this.redis.opsForZSet().score(index, sessionId).block())
            .isEqualTo((double) jwt.getExpiresAt().getEpochSecond());
        assertThat(this.redis.getExpire(index).block()).isBetween(Duration.ofMinutes(59), Duration.ofMinutes(61));
        assertThat(this.sessions.sessionsOf(ALICE.subject()).collectList().block())
            .contains(new ActiveSession(sessionId, jwt.getExpiresAt()));
    }

    @Test
    void logoutThenTheTokenIsDeadAndTheSessionLeavesTheUsersIndex() {
        Map<String, Object> redeemed = redeemConfirmed();
        String token = (String) redeemed.get("accessToken");
        String sessionId = (String) redeemed.get("sessionId");
        String tokenId = verifiedByTheJwkSetOf("/.well-known/jwks.json", token).getId();
        assertThat(this.sessions.sessionsOf(ALICE.subject()).map(ActiveSession::sessionId).collectList().block())
            .contains(sessionId);

        this.client.post().uri("/api/session/logout").headers(bearer(token)).exchange()
            .expectStatus().isNoContent()
            .expectBody().isEmpty();

        expectUnauthorized(this.client.get().uri("/api/session/me").headers(bearer(token)).exchange());
        expectUnauthorized(this.client.post().uri("/api/session/logout").headers(bearer(token)).exchange());
        assertThat(this.sessions.sessionsOf(ALICE.subject()).map(ActiveSession::sessionId).collectList().block())
            .doesNotContain(sessionId);
        assertThat(this.redis.hasKey("qrlogin:session:{" + sessionId + "}").block()).isFalse();
        assertThat(this.redis.opsForValue().get("qrlogin:revoked:{" + tokenId + "}").block()).isEqualTo(sessionId);
        assertThat(this.redis.getExpire("qrlogin:revoked:{" + tokenId + "}").block())
            .isBetween(Duration.ofMinutes(59), Duration.ofMinutes(61));
    }

    @Test
    void logoutOfOneSessionThenTheOthersLive() {
        String first = (String) redeemConfirmed().get("accessToken");
        String second = (String) redeemConfirmed().get("accessToken");

        this.client.post().uri("/api/session/logout").headers(bearer(first)).exchange().expectStatus().isNoContent();

        this.client.get().uri("/api/session/me").headers(bearer(second)).exchange().expectStatus().isOk();
    }

    static Stream<Arguments> unacceptableTokens() {
        return Stream.of(Arguments.of("missing", null), Arguments.of("garbage", "not-a-jwt"),
                Arguments.of("not a bearer", "Basic YWxpY2U6c2VjcmV0"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unacceptableTokens")
    void meWhenTokenUnacceptableThenUnauthorized(String kind, String authorization) {
        WebTestClient.RequestHeadersSpec<?> request = this.client.get().uri("/api/session/me");
        if (authorization != null) {
            request.header(HttpHeaders.AUTHORIZATION, authorization.startsWith("Basic") ? authorization : "Bearer " + authorization);
        }

        expectUnauthorized(request.exchange());
    }

    @Test
    void meWithADemoAppTokenThenUnauthorized() {
        String appToken = demoAppToken("alice");

        expectUnauthorized(this.client.get().uri("/api/session/me").headers(bearer(appToken)).exchange());
        expectUnauthorized(this.client.post().uri("/api/session/logout").headers(bearer(appToken)).exchange());
    }

    @Test
    void jwksThenThePublicSigningKeyCacheable() throws Exception {
        String body = this.client.get().uri("/.well-known/jwks.json").exchange()
            .expectStatus().isOk()
            .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
            .expectHeader().cacheControl(CacheControl.maxAge(Duration.ofSeconds(300)).cachePublic())
            .expectBody(String.class).returnResult().getResponseBody();

        JWKSet set = JWKSet.parse(body);
        assertThat(set.getKeys()).singleElement().satisfies((key) -> {
            assertThat(key.isPrivate()).isFalse();
            assertThat(key.getKeyType().getValue()).isEqualTo("EC");
            assertThat(key.toJSONObject()).containsEntry("crv", "P-256").doesNotContainKey("d");
            assertThat(key.getKeyID()).isNotBlank();
        });
    }

    @Test
    void openidConfigurationThenIssuerKeysAndOnlyWhatIsSupported() {
        this.client.get().uri("/.well-known/openid-configuration").exchange()
            .expectStatus().isOk()
            .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
            .expectHeader().cacheControl(CacheControl.maxAge(Duration.ofSeconds(300)).cachePublic())
            .expectBody(new ParameterizedTypeReference<Map<String, Object>>() {
            })
            .value((configuration) -> assertThat(configuration)
                .containsEntry("issuer", ISSUER)
                .containsEntry("jwks_uri", ISSUER + "/.well-known/jwks.json")
                .containsEntry("id_token_signing_alg_values_supported", List.of("ES256"))
                .containsEntry("subject_types_supported", List.of("public"))
                .containsEntry("token_endpoint_auth_methods_supported", List.of("none"))
                .containsEntry("response_types_supported", List.of())
                .containsEntry("grant_types_supported", List.of())
                .containsEntry("claims_supported", List.of("iss", "sub", "name", "aud", "iat", "exp", "jti", "sid",
                        "amr", "acr", "auth_time")));
    }

    @Test
    void demoAppTokenThenWhatScanServiceTrustsInDemoMode() {
        String appToken = demoAppToken("jean-luc.picard");

        Jwt jwt = verifiedByTheJwkSetOf("/api/demo/jwks.json", appToken, ISSUER + "/demo");
        assertThat(jwt.getSubject()).isEqualTo("jean-luc.picard");
        assertThat(jwt.getClaimAsString("name")).isEqualTo("Jean Luc Picard");
        assertThat(jwt.getAudience()).containsExactly("qrlogin-app");
        assertThat(jwt.getHeaders()).containsEntry("typ", "JWT").containsEntry("alg", "ES256");
        assertThat(jwt.getExpiresAt()).isEqualTo(jwt.getIssuedAt().plus(Duration.ofHours(12)));
        assertThat(publishedKeyIds("/api/demo/jwks.json")).doesNotContainAnyElementsOf(publishedKeyIds("/.well-known/jwks.json"));
    }

    @Test
    void sessionTokenThenNotAnAppToken() {
        String token = (String) redeemConfirmed().get("accessToken");

        assertThatExceptionOfType(BadJwtException.class)
            .isThrownBy(() -> verifiedByTheJwkSetOf("/api/demo/jwks.json", token, ISSUER + "/demo"));
    }

    @ParameterizedTest
    @CsvSource(nullValues = "null", value = { "''", "alice smith", "alice@example.com", "null" })
    void demoAppTokenWhenUsernameMalformedThenInvalidRequest(String username) {
        Map<String, Object> body = (username != null) ? Map.of("username", username) : Map.of();

        expectProblem(this.client.post().uri("/api/demo/app-token").contentType(MediaType.APPLICATION_JSON)
            .bodyValue(body).exchange(), ProblemCode.INVALID_REQUEST);
    }

    @Test
    void callOutsideTheApiThenUnauthorizedEvenWithAToken() {
        String token = (String) redeemConfirmed().get("accessToken");

        expectUnauthorized(this.client.get().uri("/api/elsewhere").exchange());
        expectUnauthorized(this.client.get().uri("/api/elsewhere").headers(bearer(token)).exchange());
    }

    private Map<String, Object> redeemConfirmed() {
        String verifier = TestTickets.verifier();
        Ticket ticket = RedisTickets.inState(TicketState.CONFIRMED, verifier);
        return redeem(ticket.qrId(), verifier).expectStatus().isOk()
            .expectBody(new ParameterizedTypeReference<Map<String, Object>>() {
            })
            .returnResult().getResponseBody();
    }

    private WebTestClient.ResponseSpec redeem(String qrId, String verifier) {
        return this.client.post().uri("/api/session/redeem").contentType(MediaType.APPLICATION_JSON)
            .bodyValue(Map.of("qrId", qrId, "codeVerifier", verifier))
            .exchange();
    }

    private WebTestClient.ResponseSpec decline(String qrId, String verifier) {
        return this.client.post().uri("/api/session/decline").contentType(MediaType.APPLICATION_JSON)
            .bodyValue(Map.of("qrId", qrId, "codeVerifier", verifier))
            .exchange();
    }

    private static String accessToken(WebTestClient.ResponseSpec response) {
        return (String) response.expectStatus().isOk()
            .expectBody(new ParameterizedTypeReference<Map<String, Object>>() {
            })
            .returnResult().getResponseBody().get("accessToken");
    }

    private String demoAppToken(String username) {
        return accessToken(this.client.post().uri("/api/demo/app-token").contentType(MediaType.APPLICATION_JSON)
            .bodyValue(Map.of("username", username)).exchange()
            .expectHeader().cacheControl(CacheControl.noStore()));
    }

    private Jwt verifiedByTheJwkSetOf(String path, String token) {
        return verifiedByTheJwkSetOf(path, token, ISSUER);
    }

    /** Verifies as an app backend would: the JWK set fetched over HTTP, ES256, the issuer and the times. */
    private Jwt verifiedByTheJwkSetOf(String path, String token, String issuer) {
        NimbusReactiveJwtDecoder decoder = NimbusReactiveJwtDecoder.withJwkSetUri("http://localhost:" + this.port + path)
            .jwsAlgorithm(SignatureAlgorithm.ES256)
            .build();
        decoder.setJwtValidator(JwtValidators.createDefaultWithIssuer(issuer));
        return decoder.decode(token).block(Duration.ofSeconds(10));
    }

    private List<String> publishedKeyIds(String path) {
        String body = this.client.get().uri(path).exchange().expectStatus().isOk()
            .expectBody(String.class).returnResult().getResponseBody();
        try {
            return JWKSet.parse(body).getKeys().stream().map(JWK::getKeyID).toList();
        }
        catch (java.text.ParseException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static java.util.function.Consumer<HttpHeaders> bearer(String token) {
        return (headers) -> headers.setBearerAuth(token);
    }
}
