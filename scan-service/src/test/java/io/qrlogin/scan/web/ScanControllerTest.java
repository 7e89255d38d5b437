package io.qrlogin.scan.web;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.HashSet;
import java.util.stream.Stream;

import io.qrlogin.core.problem.ProblemCode;
import io.qrlogin.core.ticket.AppUser;
import io.qrlogin.core.ticket.MatchCodes;
import io.qrlogin.core.ticket.Ticket;
import io.qrlogin.core.ticket.TicketState;
import io.qrlogin.core.ticket.Transition;
import io.qrlogin.engine.TicketCommands;
import io.qrlogin.scan.WebSliceConfiguration;
import io.qrlogin.testing.TestTickets;
import io.qrlogin.support.useragent.UserAgents;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.mockito.ArgumentCaptor;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webflux.test.autoconfigure.WebFluxTest;
import org.springframework.context.annotation.Import;
import org.springframework.data.redis.RedisConnectionFailureException;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.reactive.server.WebTestClient;

import static io.qrlogin.testing.ProblemResponses.expectProblem;
import static io.qrlogin.testing.TestTickets.ALICE;
import static io.qrlogin.testing.TestTickets.BOB;
import static io.qrlogin.testing.TestTickets.BROWSER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;

/**
 * The app's calls in a web slice, behind the service's own security configuration: what the controller
 * adds to the ticket commands (a stub). App tokens are "verified" by a stubbed decoder; the rest of the
 * resource server (the app user converter, the problem entry point) is the real one.
 */
@WebFluxTest(controllers = ScanController.class, properties = { "qrlogin.clients.web.name=Web",
        "qrlogin.clients.web.origins=http://localhost:8080", "qrlogin.clients.payroll.name=Payroll",
        "qrlogin.clients.payroll.origins=https://payroll.example.com", "qrlogin.clients.payroll.number-matching=true" })
@Import({ WebSliceConfiguration.class, UserAgents.class, ScanResponses.class, Scans.class })
class ScanControllerTest {

    private static final String CLIENT_IP_HEADER = "X-QrLogin-Client-Ip";

    @Autowired
    private WebTestClient client;

    @MockitoBean
    private TicketCommands tickets;

    @MockitoBean
    private ReactiveJwtDecoder appTokens;

    private final String qrId = TestTickets.qrId();

    @BeforeEach
    void aliceAndBobHoldAppTokensAndNoOtherTokenVerifies() {
        given(this.appTokens.decode(anyString())).willReturn(Mono.error(new BadJwtException("Signature invalid")));
        for (AppUser user : List.of(ALICE, BOB)) {
            Jwt jwt = Jwt.withTokenValue(token(user)).header("alg", "ES256").subject(user.subject())
                .claim("name", user.name()).issuedAt(Instant.now()).expiresAt(Instant.now().plusSeconds(300)).build();
            given(this.appTokens.decode(token(user))).willReturn(Mono.just(jwt));
        }
        given(this.tickets.find(anyString())).willReturn(Mono.empty());
        given(this.tickets.find(this.qrId)).willReturn(Mono.just(ticket(TicketState.PENDING).build()));
    }

    @Test
    void scanThenWhoIsAskingForTheConfirmScreenNeverCached() {
        Ticket scanned = ticket(TicketState.SCANNED).scannedBy(ALICE).build();
        given(this.tickets.scan(eq(this.qrId), eq(ALICE), anyString(), anyBoolean(), any())).willReturn(applied(scanned));

        call("", ALICE).header(CLIENT_IP_HEADER, BROWSER.ip())
            .exchange()
            .expectStatus().isOk()
            .expectHeader().cacheControl(CacheControl.noStore())
            .expectHeader().contentType(MediaType.APPLICATION_JSON)
            .expectBody()
            .json("""
                    {"qrId": "%s", "state": "SCANNED", "expiresAt": "%s", "numberMatching": false,
                     "request": {"clientId": "web", "clientName": "Web", "origin": "http://localhost:8080", "ip": "%s",
                                 "userAgent": "%s", "browser": "Chrome 140", "os": "Linux", "requestedAt": "%s",
                                 "sameNetwork": true, "kind": "browser"},
                     "risk": {"networkMismatch": false, "mintedWithoutOrigin": true}}"""
                .formatted(this.qrId, scanned.expiresAt(), BROWSER.ip(), BROWSER.userAgent(), scanned.createdAt()), true);
    }

    @Test
    void scanOffersAFreshWellFormedMatchCodeEachTime() {
        given(this.tickets.scan(eq(this.qrId), eq(ALICE), anyString(), anyBoolean(), any()))
            .willReturn(applied(ticket(TicketState.SCANNED).scannedBy(ALICE).build()));

        for (int i = 0; i < 20; i++) {
            call("", ALICE).exchange().expectStatus().isOk();
        }

        ArgumentCaptor<String> offered = ArgumentCaptor.forClass(String.class);
        verify(this.tickets, times(20)).scan(eq(this.qrId), eq(ALICE), offered.capture(), anyBoolean(), any());
        assertThat(offered.getAllValues()).allMatch(MatchCodes::isWellFormed);
        assertThat(new HashSet<>(offered.getAllValues())).as("drawn afresh for each scan").hasSizeGreaterThan(1);
    }

    @Test
    void scanFromAnotherNetworkOfANumberMatchingClientThenSaysSoAndNeverTheCode() {
        Ticket ticket = ticket(TicketState.SCANNED).clientId("payroll").scannedBy(ALICE).numberMatching("42").build();
        given(this.tickets.scan(eq(this.qrId), eq(ALICE), anyString(), anyBoolean(), any())).willReturn(applied(ticket));

        byte[] body = call("", ALICE).header(CLIENT_IP_HEADER, "198.51.100.9")
            .exchange()
            .expectStatus().isOk()
            .expectBody()
            .jsonPath("$.numberMatching").isEqualTo(true)
            .jsonPath("$.request.clientName").isEqualTo("Payroll")
            .jsonPath("$.request.sameNetwork").isEqualTo(false)
            .returnResult().getResponseBodyContent();
        assertThat(new String(body)).doesNotContain("matchCode").doesNotContain("\"42\"");
    }

    @Test
    void scanFromTheBrowsersNetworkOfAnOnRiskClientsTicketThenNoNumberMatchingAsked() {
        given(this.tickets.scan(eq(this.qrId), eq(ALICE), anyString(), anyBoolean(), any()))
            .willReturn(applied(ticket(TicketState.SCANNED).scannedBy(ALICE).build()));

        call("", ALICE).header(CLIENT_IP_HEADER, BROWSER.ip()).exchange().expectStatus().isOk();

        // The same-network verdict is kept with the ticket, for the session's entry in the signed-in browsers.
        verify(this.tickets).scan(eq(this.qrId), eq(ALICE), anyString(), eq(false), eq(true));
    }

    @Test
    void scanFromAnotherNetworkOfAnOnRiskClientsTicketThenNumberMatchingAsked() {
        given(this.tickets.scan(eq(this.qrId), eq(ALICE), anyString(), anyBoolean(), any()))
            .willReturn(applied(ticket(TicketState.SCANNED).scannedBy(ALICE).numberMatching("42").build()));

        call("", ALICE).header(CLIENT_IP_HEADER, "198.51.100.9").exchange()
            .expectStatus().isOk()
            .expectBody()
            .jsonPath("$.numberMatching").isEqualTo(true)
            .jsonPath("$.risk.networkMismatch").isEqualTo(true);

        verify(this.tickets).scan(eq(this.qrId), eq(ALICE), anyString(), eq(true), eq(false));
    }

    @Test
    void scanOfAnAlwaysClientsTicketFromTheBrowsersNetworkThenNumberMatchingAsked() {
        given(this.tickets.find(this.qrId)).willReturn(Mono.just(ticket(TicketState.PENDING).clientId("payroll").build()));
        given(this.tickets.scan(eq(this.qrId), eq(ALICE), anyString(), anyBoolean(), any()))
            .willReturn(applied(ticket(TicketState.SCANNED).clientId("payroll").scannedBy(ALICE).numberMatching("42")
                .build()));

        call("", ALICE).header(CLIENT_IP_HEADER, BROWSER.ip()).exchange().expectStatus().isOk();

        verify(this.tickets).scan(eq(this.qrId), eq(ALICE), anyString(), eq(true), any());
    }

    @Test
    void scanOfATicketWhoseClientIsNoLongerRegisteredThenItsIdStandsForItsName() {
        given(this.tickets.scan(eq(this.qrId), eq(ALICE), anyString(), anyBoolean(), any()))
            .willReturn(applied(ticket(TicketState.SCANNED).clientId("retired").scannedBy(ALICE).build()));

        call("", ALICE).exchange()
            .expectStatus().isOk()
            .expectBody().jsonPath("$.request.clientName").isEqualTo("retired");
    }

    @Test
    void confirmWithTheMatchCodeThenConfirmedNeverCached() {
        given(this.tickets.confirm(this.qrId, ALICE, "42"))
            .willReturn(applied(ticket(TicketState.CONFIRMED).scannedBy(ALICE).build()));

        call("/confirm", ALICE).contentType(MediaType.APPLICATION_JSON).bodyValue("{\"matchCode\":\"42\"}")
            .exchange()
            .expectStatus().isOk()
            .expectHeader().cacheControl(CacheControl.noStore())
            .expectBody().json("{\"qrId\": \"%s\", \"state\": \"CONFIRMED\"}".formatted(this.qrId), true);
    }

    @Test
    void confirmWithoutABodyOrWithoutACodeThenConfirmsWithoutACode() {
        given(this.tickets.confirm(eq(this.qrId), eq(ALICE), isNull()))
            .willReturn(applied(ticket(TicketState.CONFIRMED).scannedBy(ALICE).build()));

        call("/confirm", ALICE).exchange().expectStatus().isOk();
        call("/confirm", ALICE).contentType(MediaType.APPLICATION_JSON).bodyValue("{}").exchange().expectStatus().isOk();

        verify(this.tickets, times(2)).confirm(eq(this.qrId), eq(ALICE), isNull());
    }

    @Test
    void cancelThenCancelledNeverCached() {
        given(this.tickets.cancel(this.qrId, BOB))
            .willReturn(applied(ticket(TicketState.CANCELLED).scannedBy(BOB).build()));

        call("/cancel", BOB).exchange()
            .expectStatus().isOk()
            .expectHeader().cacheControl(CacheControl.noStore())
            .expectBody().json("{\"qrId\": \"%s\", \"state\": \"CANCELLED\"}".formatted(this.qrId), true);
    }

    static Stream<Arguments> everyRejectionOfEveryCall() {
        List<Arguments> cases = new ArrayList<>();
        for (String action : List.of("", "/confirm", "/cancel")) {
            for (ProblemCode reason : List.of(ProblemCode.QR_NOT_FOUND, ProblemCode.QR_ALREADY_SCANNED,
                    ProblemCode.QR_NOT_SCANNED, ProblemCode.QR_ALREADY_CONFIRMED, ProblemCode.FORBIDDEN,
                    ProblemCode.MATCH_CODE_MISMATCH, ProblemCode.QR_EXPIRED, ProblemCode.QR_CANCELLED,
                    ProblemCode.QR_ALREADY_REDEEMED)) {
                cases.add(Arguments.of(action, reason));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "\"{0}\" rejected with {1}")
    @MethodSource("everyRejectionOfEveryCall")
    void callWhenTheCommandIsRejectedThenItsProblem(String action, ProblemCode reason) {
        Mono<Transition> rejected = Mono.just(new Transition.Rejected(reason,
                ticket(TicketState.CANCELLED).scannedBy(ALICE).build(), false));
        given(this.tickets.scan(eq(this.qrId), eq(BOB), anyString(), anyBoolean(), any())).willReturn(rejected);
        given(this.tickets.confirm(eq(this.qrId), eq(BOB), any())).willReturn(rejected);
        given(this.tickets.cancel(this.qrId, BOB)).willReturn(rejected);

        expectProblem(call(action, BOB).exchange(), reason)
            .jsonPath("$.detail").isEqualTo(Outcomes.detail(reason))
            .jsonPath("$.title").isEqualTo(reason.title());
    }

    @ParameterizedTest(name = "\"{0}\"")
    @MethodSource("everyCall")
    void callWhenTheIdIsMalformedThenInvalidRequestAndNoCommand(String action) {
        expectProblem(this.client.post().uri("/api/scan/{qrId}" + action, "not-an-id")
            .header(HttpHeaders.AUTHORIZATION, "Bearer " + token(ALICE)).exchange(), ProblemCode.INVALID_REQUEST);
        verifyNoInteractions(this.tickets);
    }

    @ParameterizedTest
    @MethodSource("malformedConfirmBodies")
    void confirmWhenTheBodyIsMalformedThenInvalidRequestAndNoCommand(String body) {
        expectProblem(call("/confirm", ALICE).contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange(),
                ProblemCode.INVALID_REQUEST);
        verifyNoInteractions(this.tickets);
    }

    static Stream<String> malformedConfirmBodies() {
        return Stream.of("{\"matchCode\":\"4\"}", "{\"matchCode\":\"042\"}", "{\"matchCode\":\"ab\"}",
                "{\"matchCode\":{}}", "[]", "{not json");
    }

    @ParameterizedTest(name = "\"{0}\"")
    @MethodSource("everyCall")
    void callWithoutAnAppTokenThenUnauthorizedAndNoCommand(String action) {
        expectProblem(this.client.post().uri("/api/scan/{qrId}" + action, this.qrId).exchange(), ProblemCode.UNAUTHORIZED)
            .jsonPath("$.detail").value((detail) -> assertThat((String) detail).doesNotContain(this.qrId));
        verifyNoInteractions(this.tickets);
    }

    @ParameterizedTest(name = "\"{0}\"")
    @MethodSource("everyCall")
    void callWithATokenThatDoesNotVerifyThenUnauthorizedAndNoCommand(String action) {
        this.client.post().uri("/api/scan/{qrId}" + action, this.qrId)
            .header(HttpHeaders.AUTHORIZATION, "Bearer forged")
            .exchange()
            .expectStatus().isUnauthorized()
            .expectHeader().value(HttpHeaders.WWW_AUTHENTICATE, (challenge) -> assertThat(challenge).startsWith("Bearer"))
            .expectBody().jsonPath("$.code").isEqualTo("unauthorized");
        verifyNoInteractions(this.tickets);
    }

    static Stream<String> everyCall() {
        return Stream.of("", "/confirm", "/cancel");
    }

    @Test
    void callWhenRedisIsUnavailableThenUnavailableNotAnInternalError() {
        given(this.tickets.cancel(this.qrId, ALICE)).willReturn(Mono.error(new RedisConnectionFailureException("down")));

        expectProblem(call("/cancel", ALICE).exchange(), ProblemCode.UNAVAILABLE);
    }

    @Test
    void callWithABodyOverTheLimitThenPayloadTooLargeBeforeAnyTokenIsChecked() {
        this.client.post().uri("/api/scan/{qrId}/confirm", this.qrId).contentType(MediaType.APPLICATION_JSON)
            .bodyValue("{\"matchCode\":\"" + "4".repeat(64 * 1024) + "\"}")
            .exchange()
            .expectStatus().isEqualTo(413)
            .expectBody().jsonPath("$.code").isEqualTo("payload_too_large");
        verifyNoInteractions(this.tickets, this.appTokens);
    }

    @Test
    void getOnACallThenMethodNotAllowed() {
        this.client.get().uri("/api/scan/{qrId}", this.qrId).header(HttpHeaders.AUTHORIZATION, "Bearer " + token(ALICE))
            .exchange()
            .expectStatus().isEqualTo(405)
            .expectBody().jsonPath("$.code").isEqualTo("method_not_allowed");
    }

    private TestTickets.TicketBuilder ticket(TicketState state) {
        return TestTickets.ticket().qrId(this.qrId).state(state);
    }

    private static Mono<Transition> applied(Ticket ticket) {
        return Mono.just(new Transition.Applied(ticket, true, false));
    }

    private WebTestClient.RequestBodySpec call(String action, AppUser user) {
        return this.client.post().uri("/api/scan/{qrId}" + action, this.qrId)
            .header(HttpHeaders.AUTHORIZATION, "Bearer " + token(user));
    }

    private static String token(AppUser user) {
        return "app-token-of-" + user.subject();
    }
}
