package io.qrlogin.scan;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.nimbusds.jwt.JWTClaimsSet;
import io.qrlogin.engine.testing.RedisTickets;
import io.qrlogin.core.pkce.Pkce;
import io.qrlogin.core.problem.ProblemCode;
import io.qrlogin.testing.EventRecorder;
import io.qrlogin.testing.ServiceIntegrationTest;
import io.qrlogin.testing.TestTickets;
import io.qrlogin.core.ticket.AppUser;
import io.qrlogin.core.ticket.BrowserContext;
import io.qrlogin.engine.redis.RedisTicketStore;
import io.qrlogin.engine.redis.RedisUserCodes;
import io.qrlogin.core.ticket.Ticket;
import io.qrlogin.core.ticket.TicketKind;
import io.qrlogin.core.ticket.TicketLifetimes;
import io.qrlogin.core.ticket.TicketState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static io.qrlogin.testing.EventRecorder.assertThatTicketEvent;
import static io.qrlogin.testing.ProblemResponses.expectProblem;
import static io.qrlogin.testing.TestTickets.ALICE;
import static io.qrlogin.testing.TestTickets.BOB;
import static io.qrlogin.testing.TestTickets.BROWSER;
import static io.qrlogin.testing.TicketResponses.expectTicket;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The scan API end to end: a real server, real Redis and Kafka, and app tokens verified against a
 * real JWKS endpoint.
 */
@ServiceIntegrationTest(properties = {
        "qrlogin.clients.web.name=Web", "qrlogin.clients.web.origins=http://localhost:8080",
        "qrlogin.clients.payroll.name=Payroll", "qrlogin.clients.payroll.origins=https://payroll.example.com",
        "qrlogin.clients.payroll.number-matching=true", "qrlogin.clients.kiosk.name=Kiosk",
        "qrlogin.clients.kiosk.origins=https://kiosk.example.com", "qrlogin.clients.kiosk.number-matching=never" })
// The first request of the JVM (app-token keys fetched, Redis and Kafka connected) may take longer than the
// client's default five seconds on a loaded machine, whichever test JUnit runs first.
@AutoConfigureWebTestClient(timeout = "PT30S")
class ScanServiceIT {

    private static final String CLIENT_IP_HEADER = "X-QrLogin-Client-Ip";

    @DynamicPropertySource
    static void appTokenKeys(DynamicPropertyRegistry registry) {
        registry.add("spring.security.oauth2.resourceserver.jwt.jwk-set-uri", TestAppTokens::jwkSetUri);
        registry.add("spring.security.oauth2.resourceserver.jwt.audiences", () -> TestAppTokens.AUDIENCE);
    }

    @Autowired
    private WebTestClient client;

    private final RedisTicketStore store = RedisTickets.store();

    private final String verifier = TestTickets.verifier();

    private final RedisUserCodes userCodes = new RedisUserCodes(RedisTickets.redis());

    @Test
    void scanThenShowsWhoIsAskingFromTheSameNetwork() {
        Ticket ticket = RedisTickets.pending(this.store, this.verifier);

        expectTicket(call(ticket.qrId(), "", ALICE).exchange()
            .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_JSON), ticket.qrId(), TicketState.SCANNED)
            .jsonPath("$.expiresAt").isEqualTo(ticket.expiresAt().toString())
            .jsonPath("$.numberMatching").isEqualTo(false)
            .jsonPath("$.request.clientId").isEqualTo("web")
            .jsonPath("$.request.clientName").isEqualTo("Web")
            .jsonPath("$.request.ip").isEqualTo(BROWSER.ip())
            .jsonPath("$.request.userAgent").isEqualTo(BROWSER.userAgent())
            .jsonPath("$.request.browser").isEqualTo("Chrome 140")
            .jsonPath("$.request.os").isEqualTo("Linux")
            .jsonPath("$.request.requestedAt").isEqualTo(ticket.createdAt().toString())
            .jsonPath("$.request.sameNetwork").isEqualTo(true)
            .jsonPath("$.request.origin").isEqualTo("http://localhost:8080")
            .jsonPath("$.risk.networkMismatch").isEqualTo(false)
            .jsonPath("$.risk.mintedWithoutOrigin").isEqualTo(true)
            .jsonPath("$.request.kind").isEqualTo("browser");
    }

    @Test
    void scanByUserCodeHoweverTypedThenTheDevicesTicketScannedAndConfirmableByItsId() {
        String userCode = userCode();
        Ticket device = deviceTicketFor(userCode);

        expectTicket(userCodeScan(" " + userCode.toLowerCase().replace("-", " ") + " ", ALICE), device.qrId(),
                TicketState.SCANNED)
            .jsonPath("$.expiresAt").isEqualTo(device.expiresAt().toString())
            .jsonPath("$.request.clientId").isEqualTo("web")
            .jsonPath("$.request.clientName").isEqualTo("Web")
            .jsonPath("$.request.kind").isEqualTo("device");
        assertThat(this.store.find(device.qrId()).block().scannedBy()).isEqualTo(ALICE);

        call(device.qrId(), "/confirm", ALICE).exchange()
            .expectStatus().isOk()
            .expectBody().jsonPath("$.state").isEqualTo("CONFIRMED");
    }

    @Test
    void scanByUserCodeOfAnotherUsersDeviceThenAlreadyScannedAsForTheQrCode() {
        String userCode = userCode();
        deviceTicketFor(userCode);
        userCodeScan(userCode, ALICE).expectStatus().isOk();

        expectProblem(userCodeScan(userCode, BOB), ProblemCode.QR_ALREADY_SCANNED);
    }

    @Test
    void scanByUserCodeWhenUnknownOrExpiredThenNotFound() {
        expectProblem(userCodeScan(userCode(), ALICE), ProblemCode.QR_NOT_FOUND);

        String expired = userCode();
        this.userCodes.link(expired, TestTickets.qrId(), Duration.ofMillis(100)).block();
        await().until(() -> this.userCodes.find(expired).block() == null);
        expectProblem(userCodeScan(expired, ALICE), ProblemCode.QR_NOT_FOUND);
    }

    @ParameterizedTest
    @ValueSource(strings = { "{\"userCode\":\"WDJB-MJH\"}", "{\"userCode\":\"WDJB-MJHTX\"}", "{}",
            "{\"userCode\":42}", "not json" })
    void scanByUserCodeWhenNoUserCodeThenBadRequest(String body) {
        expectProblem(this.client.post()
            .uri("/api/scan/user-code")
            .header(HttpHeaders.AUTHORIZATION, "Bearer " + TestAppTokens.forUser(ALICE))
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue(body)
            .exchange(), ProblemCode.INVALID_REQUEST);
    }

    @Test
    void scanByUserCodeWithoutAnAppTokenThenUnauthorized() {
        expectProblem(this.client.post()
            .uri("/api/scan/user-code")
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue("{\"userCode\":\"WDJB-MJHT\"}")
            .exchange(), ProblemCode.UNAUTHORIZED);
    }

    @Test
    void scanOfANumberMatchingClientsTicketThenAsksForTheCodeWithoutRevealingIt() {
        Ticket ticket = numberMatching();

        byte[] body = call(ticket.qrId(), "", ALICE).exchange()
            .expectStatus().isOk()
            .expectBody()
            .jsonPath("$.state").isEqualTo("SCANNED")
            .jsonPath("$.numberMatching").isEqualTo(true)
            .jsonPath("$.request.clientId").isEqualTo("payroll")
            .jsonPath("$.request.clientName").isEqualTo("Payroll")
            .returnResult().getResponseBodyContent();

        String matchCode = this.store.find(ticket.qrId()).block().matchCode();
        assertThat(matchCode).matches("[1-9][0-9]");
        assertThat(new String(body, StandardCharsets.UTF_8)).doesNotContain("\"" + matchCode + "\"")
            .doesNotContain("matchCode");
        scan(ticket.qrId(), ALICE);
        assertThat(this.store.find(ticket.qrId()).block().matchCode()).as("a repeated scan keeps the code")
            .isEqualTo(matchCode);
    }

    @Test
    void confirmWithTheMatchCodeTheBrowserShowsThenConfirmed() throws Exception {
        Ticket ticket = numberMatching();
        scan(ticket.qrId(), ALICE);
        String matchCode = this.store.find(ticket.qrId()).block().matchCode();

        try (EventRecorder recorder = EventRecorder.start()) {
            confirm(ticket.qrId(), ALICE, "{\"matchCode\":\"" + matchCode + "\"}")
                .expectStatus().isOk()
                .expectBody().jsonPath("$.state").isEqualTo("CONFIRMED");

            await().until(() -> !recorder.eventsFor(ticket.qrId()).isEmpty());
            assertThat(recorder.eventsFor(ticket.qrId())).extracting((event) -> event.get("type"))
                .containsExactly("CONFIRMED");
            assertThat(recorder.recordsFor(ticket.qrId())).allSatisfy((record) ->
                    assertThat(record.value()).doesNotContain("matchCode").doesNotContain("\"" + matchCode + "\""));
        }
        assertThat(this.store.find(ticket.qrId()).block().state()).isEqualTo(TicketState.CONFIRMED);
    }

    @Test
    void confirmWithAWrongMatchCodeThenMismatchAndTheLoginIsCancelledAndAnnounced() throws Exception {
        Ticket ticket = numberMatching();
        scan(ticket.qrId(), ALICE);
        String matchCode = this.store.find(ticket.qrId()).block().matchCode();
        String wrong = (matchCode.equals("42")) ? "24" : "42";

        try (EventRecorder recorder = EventRecorder.start()) {
            expectProblem(confirm(ticket.qrId(), ALICE, "{\"matchCode\":\"" + wrong + "\"}"),
                    ProblemCode.MATCH_CODE_MISMATCH);

            await().until(() -> !recorder.eventsFor(ticket.qrId()).isEmpty());
            assertThat(recorder.eventsFor(ticket.qrId())).singleElement().satisfies((event) -> assertThat(event)
                .containsEntry("type", "CANCELLED").containsEntry("subject", ALICE.subject()));
            assertThat(recorder.recordsFor(ticket.qrId())).allSatisfy((record) ->
                    assertThat(record.value()).doesNotContain("matchCode"));
        }
        assertThat(this.store.find(ticket.qrId()).block().state()).isEqualTo(TicketState.CANCELLED);
        expectProblem(confirm(ticket.qrId(), ALICE, "{\"matchCode\":\"" + matchCode + "\"}"), ProblemCode.QR_CANCELLED);
    }

    @ParameterizedTest(name = "body: {0}")
    @ValueSource(strings = { "", "{}", "{\"matchCode\":null}" })
    void confirmWithoutTheMatchCodeThenMismatchAndTheLoginIsCancelled(String body) {
        Ticket ticket = numberMatching();
        scan(ticket.qrId(), ALICE);

        expectProblem(confirm(ticket.qrId(), ALICE, body), ProblemCode.MATCH_CODE_MISMATCH);
        assertThat(this.store.find(ticket.qrId()).block().state()).isEqualTo(TicketState.CANCELLED);
    }

    @ParameterizedTest(name = "body: {0}")
    @ValueSource(strings = { "{\"matchCode\":\"4\"}", "{\"matchCode\":4}", "{\"matchCode\":\"abc\"}", "[]", "{not json" })
    void confirmWithAMalformedBodyThenInvalidRequestAndTheTicketUntouched(String body) {
        Ticket ticket = numberMatching();
        scan(ticket.qrId(), ALICE);

        expectProblem(confirm(ticket.qrId(), ALICE, body), ProblemCode.INVALID_REQUEST);
        assertThat(this.store.find(ticket.qrId()).block().state()).isEqualTo(TicketState.SCANNED);
    }

    @Test
    void confirmWithAMatchCodeWhenTheTicketNeedsNoneThenConfirmed() {
        Ticket ticket = RedisTickets.pending(this.store, this.verifier);
        scan(ticket.qrId(), ALICE);

        confirm(ticket.qrId(), ALICE, "{\"matchCode\":\"42\"}").expectStatus().isOk()
            .expectBody().jsonPath("$.state").isEqualTo("CONFIRMED");
    }

    @Test
    void scanFromAnotherNetworkThenNotSameNetwork() {
        Ticket ticket = RedisTickets.pending(this.store, this.verifier);

        scanFromAnotherNetwork(ticket.qrId())
            .jsonPath("$.state").isEqualTo("SCANNED")
            .jsonPath("$.request.sameNetwork").isEqualTo(false);
    }

    @Test
    void scanFromAnotherNetworkOfAnOnRiskClientsTicketThenNumberMatchingIsRequiredAndTheRiskShown() {
        Ticket ticket = RedisTickets.pending(this.store, this.verifier);

        scanFromAnotherNetwork(ticket.qrId())
            .jsonPath("$.numberMatching").isEqualTo(true)
            .jsonPath("$.risk.networkMismatch").isEqualTo(true)
            .jsonPath("$.risk.mintedWithoutOrigin").isEqualTo(true);
        assertThat(this.store.find(ticket.qrId()).block().matchCode()).matches("[1-9][0-9]");
        expectProblem(confirm(ticket.qrId(), ALICE, ""), ProblemCode.MATCH_CODE_MISMATCH);
    }

    @Test
    void scanFromAnotherNetworkOfAClientThatNeverMatchesNumbersThenNoneRequired() {
        Ticket ticket = this.store.mint(TestTickets.qrId(), "kiosk", Pkce.s256(this.verifier),
                new BrowserContext(BROWSER.ip(), BROWSER.userAgent(), "https://kiosk.example.com"), false).block();

        scanFromAnotherNetwork(ticket.qrId())
            .jsonPath("$.numberMatching").isEqualTo(false)
            .jsonPath("$.request.origin").isEqualTo("https://kiosk.example.com")
            .jsonPath("$.risk.networkMismatch").isEqualTo(true)
            .jsonPath("$.risk.mintedWithoutOrigin").isEqualTo(false);
        confirm(ticket.qrId(), ALICE, "").expectStatus().isOk();
    }

    @Test
    void scanTwiceBySameUserThenSameAnswer() {
        Ticket ticket = RedisTickets.pending(this.store, this.verifier);
        byte[] first = scan(ticket.qrId(), ALICE);

        byte[] second = scan(ticket.qrId(), ALICE);

        assertThat(new String(second, StandardCharsets.UTF_8)).isEqualTo(new String(first, StandardCharsets.UTF_8));
    }

    /** Calls a pending ticket refuses: the call, whether Alice scanned the ticket first, who calls, and the answer. */
    static Stream<Arguments> refusedCalls() {
        return Stream.of(
                Arguments.of("scan when scanned by another user then conflict", "", true, BOB, ProblemCode.QR_ALREADY_SCANNED),
                Arguments.of("confirm when not scanned then conflict", "/confirm", false, ALICE, ProblemCode.QR_NOT_SCANNED),
                Arguments.of("confirm when scanned by another user then forbidden", "/confirm", true, BOB, ProblemCode.FORBIDDEN),
                Arguments.of("cancel when scanned by another user then forbidden", "/cancel", true, BOB, ProblemCode.FORBIDDEN));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedCalls")
    void callWhenTheTicketIsNotTheCallersOrNotScannedThenTheProblem(String call, String action, boolean scannedByAlice,
            AppUser caller, ProblemCode problem) {
        Ticket ticket = RedisTickets.pending(this.store, this.verifier);
        if (scannedByAlice) {
            scan(ticket.qrId(), ALICE);
        }

        expectProblem(call(ticket.qrId(), action, caller).exchange(), problem);
    }

    @Test
    void confirmWhenCancelledThenGone() {
        Ticket ticket = RedisTickets.pending(this.store, this.verifier);
        scan(ticket.qrId(), ALICE);

        expectTicket(call(ticket.qrId(), "/cancel", ALICE).exchange(), ticket.qrId(), TicketState.CANCELLED);

        expectProblem(call(ticket.qrId(), "/confirm", ALICE).exchange(), ProblemCode.QR_CANCELLED);
    }

    @Test
    void scanWhenExpiredThenGoneAndExpiryAnnounced() throws Exception {
        RedisTicketStore shortLived = RedisTickets.store(new TicketLifetimes(Duration.ofMillis(1), null, null));
        Ticket ticket = RedisTickets.pending(shortLived, this.verifier);
        await().until(() -> shortLived.find(ticket.qrId()).block().state() == TicketState.EXPIRED);

        try (EventRecorder recorder = EventRecorder.start()) {
            expectProblem(call(ticket.qrId(), "", ALICE).exchange(), ProblemCode.QR_EXPIRED);

            await().until(() -> !recorder.eventsFor(ticket.qrId()).isEmpty());
            assertThat(recorder.eventsFor(ticket.qrId())).singleElement()
                .satisfies((event) -> assertThat(event).containsEntry("type", "EXPIRED").doesNotContainKey("subject"));
        }
    }

    @Test
    void scanWhenUnknownThenNotFound() {
        expectProblem(call(TestTickets.qrId(), "", ALICE).exchange(), ProblemCode.QR_NOT_FOUND);
    }

    @ParameterizedTest
    @ValueSource(strings = { "too-short", "0123456789abcdef0123456789abcdef0", "0123456789abcdef0123456789abcde.",
            "0123456789abcdef0123456789abcde=" })
    void callWhenIdMalformedThenInvalidRequest(String qrId) {
        for (String action : List.of("", "/confirm", "/cancel")) {
            expectProblem(call(qrId, action, ALICE).exchange(), ProblemCode.INVALID_REQUEST);
        }
    }

    static Stream<Arguments> unacceptableTokens() {
        return Stream.of(Arguments.of("missing", null), Arguments.of("garbage", "not-a-jwt"),
                Arguments.of("expired", TestAppTokens.expired(ALICE)),
                Arguments.of("signed with another key", TestAppTokens.signedWithAnotherKey(ALICE)),
                Arguments.of("alg none", TestAppTokens.unsigned(ALICE)),
                Arguments.of("for another audience", TestAppTokens.forAnotherAudience(ALICE)),
                Arguments.of("without subject", TestAppTokens.withClaims(new JWTClaimsSet.Builder().claim("name", "Nobody")
                    .audience(TestAppTokens.AUDIENCE)
                    .expirationTime(new Date(System.currentTimeMillis() + 60_000))
                    .build())));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unacceptableTokens")
    void scanWhenTokenUnacceptableThenUnauthorized(String kind, String token) {
        Ticket ticket = RedisTickets.pending(this.store, this.verifier);
        WebTestClient.RequestBodySpec request = this.client.post().uri("/api/scan/{qrId}", ticket.qrId());
        if (token != null) {
            request.header(HttpHeaders.AUTHORIZATION, "Bearer " + token);
        }

        WebTestClient.ResponseSpec response = request.exchange();

        // RFC 6750 §3: a bare challenge when no token came, invalid_token when one did.
        response.expectHeader().valueEquals(HttpHeaders.WWW_AUTHENTICATE,
                (token != null) ? "Bearer error=\"invalid_token\"" : "Bearer");
        byte[] body = expectProblem(response, ProblemCode.UNAUTHORIZED).returnResult().getResponseBodyContent();

        String text = new String(body, StandardCharsets.UTF_8);
        assertThat(text).doesNotContain(ticket.qrId());
        if (token != null) {
            assertThat(text).doesNotContain(token);
        }
        assertThat(this.store.find(ticket.qrId()).block().state()).isEqualTo(TicketState.PENDING);
    }

    @Test
    void scanWhenBodyTooLargeThenPayloadTooLarge() {
        Ticket ticket = RedisTickets.pending(this.store, this.verifier);

        expectProblem(call(ticket.qrId(), "", ALICE).contentType(MediaType.APPLICATION_JSON)
            .bodyValue(new byte[64 * 1024])
            .exchange(), ProblemCode.PAYLOAD_TOO_LARGE);
        assertThat(this.store.find(ticket.qrId()).block().state()).isEqualTo(TicketState.PENDING);
    }

    @Test
    void callOutsideTheScanApiThenForbidden() {
        this.client.get()
            .uri("/api/elsewhere")
            .header(HttpHeaders.AUTHORIZATION, "Bearer " + TestAppTokens.forUser(ALICE))
            .exchange()
            .expectStatus().isForbidden()
            .expectBody()
            .jsonPath("$.code").isEqualTo("forbidden");
    }

    @Test
    void scanAndConfirmThenOneEventEachWithoutSecrets() throws Exception {
        Ticket ticket = RedisTickets.pending(this.store, this.verifier);
        String token = TestAppTokens.forUser(ALICE);
        try (EventRecorder recorder = EventRecorder.start()) {
            scan(ticket.qrId(), ALICE);
            scan(ticket.qrId(), ALICE);
            expectTicket(this.client.post().uri("/api/scan/{qrId}/confirm", ticket.qrId())
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .exchange(), ticket.qrId(), TicketState.CONFIRMED);

            // One ticket's events share a partition in order, so once CONFIRMED is in, a SCANNED
            // from the repeated scan would be too.
            await().until(() -> recorder.eventsFor(ticket.qrId()).stream().anyMatch((e) -> "CONFIRMED".equals(e.get("type"))));
            List<Map<String, Object>> events = recorder.eventsFor(ticket.qrId());
            assertThat(events).extracting((event) -> event.get("type")).containsExactly("SCANNED", "CONFIRMED");
            assertThat(events).allSatisfy((event) -> assertThatTicketEvent(event, ticket.qrId())
                .containsEntry("clientId", "web")
                .containsEntry("subject", ALICE.subject()));
            recorder.assertNoRecordOf(ticket.qrId(), this.verifier, Pkce.s256(this.verifier), token);
        }
    }

    @Test
    void scanThenCancelThenOneEventEachAndRejectedCallsAnnounceNothing() throws Exception {
        Ticket ticket = RedisTickets.pending(this.store, this.verifier);
        try (EventRecorder recorder = EventRecorder.start()) {
            scan(ticket.qrId(), ALICE);
            expectProblem(call(ticket.qrId(), "/confirm", BOB).exchange(), ProblemCode.FORBIDDEN);
            call(ticket.qrId(), "/cancel", ALICE).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.state").isEqualTo("CANCELLED");
            expectProblem(call(ticket.qrId(), "/confirm", ALICE).exchange(), ProblemCode.QR_CANCELLED);
            // Published after the rejected call: once the recorder has read it (one broker serves every
            // partition in one fetch), anything the rejected call had published would have been read too.
            Ticket marker = RedisTickets.pending(this.store, this.verifier);
            scan(marker.qrId(), ALICE);

            await().until(() -> !recorder.eventsFor(marker.qrId()).isEmpty());
            await().until(() -> recorder.eventsFor(ticket.qrId()).size() >= 2);
            assertThat(recorder.eventsFor(ticket.qrId())).extracting((event) -> event.get("type"))
                .containsExactly("SCANNED", "CANCELLED");
            assertThat(recorder.eventsFor(ticket.qrId()).get(1)).containsEntry("subject", ALICE.subject());
        }
    }

    private WebTestClient.ResponseSpec userCodeScan(String userCode, AppUser user) {
        return this.client.post()
            .uri("/api/scan/user-code")
            .header(HttpHeaders.AUTHORIZATION, "Bearer " + TestAppTokens.forUser(user))
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue(Map.of("userCode", userCode))
            .exchange();
    }

    /** A fresh device sign-in's ticket, found by {@code userCode} for the next two minutes. */
    private Ticket deviceTicketFor(String userCode) {
        Ticket device = this.store.mint(TestTickets.qrId(), "web", Pkce.s256(this.verifier), BROWSER, false,
                TicketKind.DEVICE).block();
        this.userCodes.link(userCode, device.qrId(), Duration.ofMinutes(2)).block();
        return device;
    }

    /** A user code no other test uses: letters and digits of a fresh ticket id. */
    private static String userCode() {
        String letters = TestTickets.qrId().toUpperCase().replaceAll("[^A-Z0-9]", "");
        return letters.substring(0, 4) + "-" + letters.substring(4, 8);
    }

    private byte[] scan(String qrId, AppUser user) {
        return call(qrId, "", user).exchange()
            .expectStatus().isOk()
            .expectBody()
            .jsonPath("$.state").isEqualTo("SCANNED")
            .returnResult()
            .getResponseBodyContent();
    }

    private Ticket numberMatching() {
        return this.store.mint(TestTickets.qrId(), "payroll", Pkce.s256(this.verifier), BROWSER, true).block();
    }

    private WebTestClient.ResponseSpec confirm(String qrId, AppUser user, String body) {
        WebTestClient.RequestBodySpec request = call(qrId, "/confirm", user);
        return body.isEmpty() ? request.exchange() : request.contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
    }

    /** A call from a phone on the browser's network, as most logins are. */
    private WebTestClient.RequestBodySpec call(String qrId, String action, AppUser user) {
        return callFrom(BROWSER.ip(), qrId, action, user);
    }

    /** Alice's scan of {@code qrId} from a network other than the browser's, answered. */
    private WebTestClient.BodyContentSpec scanFromAnotherNetwork(String qrId) {
        return callFrom("198.51.100.9", qrId, "", ALICE).exchange().expectStatus().isOk().expectBody();
    }

    private WebTestClient.RequestBodySpec callFrom(String appIp, String qrId, String action, AppUser user) {
        return this.client.post()
            .uri("/api/scan/" + qrId + action)
            .header(CLIENT_IP_HEADER, appIp)
            .header(HttpHeaders.AUTHORIZATION, "Bearer " + TestAppTokens.forUser(user));
    }
}
