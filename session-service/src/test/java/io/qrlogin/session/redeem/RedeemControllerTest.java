package io.qrlogin.session.redeem;

import java.time.Instant;
import java.util.Map;
import java.util.stream.Stream;

import io.qrlogin.core.problem.ProblemCode;
import io.qrlogin.core.ticket.Ticket;
import io.qrlogin.core.ticket.TicketState;
import io.qrlogin.core.ticket.Transition;
import io.qrlogin.engine.TicketCommands;
import io.qrlogin.session.WebSliceConfiguration;
import io.qrlogin.session.events.SessionCommands;
import io.qrlogin.session.events.SessionEventPublisher;
import io.qrlogin.session.store.RedisSessionStore;
import io.qrlogin.session.token.SessionToken;
import io.qrlogin.testing.TestTickets;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.mockito.ArgumentCaptor;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webflux.test.autoconfigure.WebFluxTest;
import org.springframework.context.annotation.Import;
import org.springframework.data.redis.RedisConnectionFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.reactive.server.WebTestClient;

import static io.qrlogin.testing.ProblemResponses.expectProblem;
import static io.qrlogin.testing.TestTickets.ALICE;
import static io.qrlogin.testing.TicketResponses.expectTicket;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;

/**
 * {@code POST /api/session/redeem} in a web slice: what the controller adds to the redeem command (a
 * stub): the session token, signed by the service's real issuer, and the session recorded (a stub store).
 */
@WebFluxTest(controllers = RedeemController.class, properties = { "qrlogin.demo.enabled=true",
        "qrlogin.session.token-lifetime=1h",
        "qrlogin.session.issuer=https://login.example.com", "qrlogin.clients.web.name=Web",
        "qrlogin.clients.web.origins=https://login.example.com" })
@Import({ WebSliceConfiguration.class, SessionCommands.class, Redemptions.class })
class RedeemControllerTest {

    @Autowired
    private WebTestClient client;

    /** The service's own decoder of session tokens: what /me and /logout accept. */
    @Autowired
    private ReactiveJwtDecoder sessionTokens;

    @MockitoBean
    private TicketCommands tickets;

    @MockitoBean
    private RedisSessionStore sessions;

    @MockitoBean
    private SessionEventPublisher events;

    private final String verifier = TestTickets.verifier();

    private final Ticket redeemed = TestTickets.ticket().state(TicketState.REDEEMED).verifier(this.verifier)
        .scannedBy(ALICE).confirmedAt(Instant.now()).build();

    @BeforeEach
    void sessionsAreRecorded() {
        given(this.sessions.open(any(), any())).willReturn(Mono.empty());
    }

    @Test
    void redeemWhenConfirmedThenASessionTokenForTheUserWhoConfirmedNeverCached() {
        given(this.tickets.redeem(this.redeemed.qrId(), this.verifier))
            .willReturn(Mono.just(new Transition.Applied(this.redeemed, true, false)));

        Map<String, Object> body = SessionTokenResponses.sessionTokenOf(ALICE,
                redeem(Map.of("qrId", this.redeemed.qrId(), "codeVerifier", this.verifier)));

        Jwt token = this.sessionTokens.decode((String) body.get("accessToken")).block();
        assertThat(token.getSubject()).isEqualTo(ALICE.subject());
        assertThat(token.getClaimAsString("sid")).isEqualTo(body.get("sessionId"));
        assertThat(token.getAudience()).containsExactly("web");

        ArgumentCaptor<SessionToken> recorded = ArgumentCaptor.forClass(SessionToken.class);
        verify(this.sessions).open(recorded.capture(), any());
        assertThat(recorded.getValue().value()).isEqualTo(body.get("accessToken"));
    }

    @Test
    void redeemWithAStrayAuthorizationHeaderThenStillRedeemed() {
        given(this.tickets.redeem(this.redeemed.qrId(), this.verifier))
            .willReturn(Mono.just(new Transition.Applied(this.redeemed, true, false)));

        this.client.post().uri("/api/session/redeem").header(HttpHeaders.AUTHORIZATION, "Bearer not-a-jwt")
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue(Map.of("qrId", this.redeemed.qrId(), "codeVerifier", this.verifier))
            .exchange()
            .expectStatus().isOk();
    }

    @ParameterizedTest
    @EnumSource(value = ProblemCode.class, names = { "INVALID_VERIFIER", "QR_NOT_FOUND", "QR_NOT_CONFIRMED",
            "QR_ALREADY_REDEEMED", "QR_CANCELLED", "QR_EXPIRED" })
    void redeemWhenTheCommandIsRejectedThenItsProblemAndNoSession(ProblemCode reason) {
        given(this.tickets.redeem(this.redeemed.qrId(), this.verifier))
            .willReturn(Mono.just(new Transition.Rejected(reason, this.redeemed, false)));

        expectProblem(redeem(Map.of("qrId", this.redeemed.qrId(), "codeVerifier", this.verifier)), reason)
            .jsonPath("$.detail").isEqualTo(RedeemOutcomes.detail(reason))
            .jsonPath("$.title").isEqualTo(reason.title());
        verifyNoInteractions(this.sessions);
    }

    static Stream<String> invalidBodies() {
        String qrId = TestTickets.qrId();
        String verifier = TestTickets.verifier();
        return Stream.of("{}", "{\"qrId\":\"" + qrId + "\"}", "{\"codeVerifier\":\"" + verifier + "\"}",
                "{\"qrId\":\"../../etc\",\"codeVerifier\":\"" + verifier + "\"}",
                "{\"qrId\":\"" + qrId + "\",\"codeVerifier\":\"" + verifier + "!\"}",
                "{\"qrId\":\"" + qrId + "\",\"codeVerifier\":\"too-short\"}",
                "{\"qrId\":[1],\"codeVerifier\":\"" + verifier + "\"}", "[]", "\"text\"", "{not json", "");
    }

    @ParameterizedTest
    @MethodSource("invalidBodies")
    void redeemWhenTheRequestIsInvalidThenInvalidRequestAndNoCommand(String json) {
        expectProblem(this.client.post().uri("/api/session/redeem").contentType(MediaType.APPLICATION_JSON)
            .bodyValue(json).exchange(), ProblemCode.INVALID_REQUEST);
        verifyNoInteractions(this.tickets, this.sessions);
    }

    @Test
    void redeemWhenNotJsonThenUnsupportedMediaType() {
        expectProblem(this.client.post().uri("/api/session/redeem").contentType(MediaType.TEXT_PLAIN).bodyValue("hello")
            .exchange(), ProblemCode.UNSUPPORTED_MEDIA_TYPE);
        verifyNoInteractions(this.tickets);
    }

    @Test
    void redeemWhenRedisIsUnavailableThenUnavailableAndNoSession() {
        given(this.tickets.redeem(this.redeemed.qrId(), this.verifier))
            .willReturn(Mono.error(new RedisConnectionFailureException("down")));

        expectProblem(redeem(Map.of("qrId", this.redeemed.qrId(), "codeVerifier", this.verifier)),
                ProblemCode.UNAVAILABLE);
        verifyNoInteractions(this.sessions);
    }

    @Test
    void redeemWhenTheSessionCannotBeRecordedThenUnavailableAndNoToken() {
        given(this.tickets.redeem(this.redeemed.qrId(), this.verifier))
            .willReturn(Mono.just(new Transition.Applied(this.redeemed, true, false)));
        given(this.sessions.open(any(), any())).willReturn(Mono.error(new RedisConnectionFailureException("down")));

        expectProblem(redeem(Map.of("qrId", this.redeemed.qrId(), "codeVerifier", this.verifier)),
                ProblemCode.UNAVAILABLE)
            .jsonPath("$.accessToken").doesNotExist();
    }

    @Test
    void declineWithTheVerifierThenCancelledNeverCachedAndNoSession() {
        Ticket cancelled = TestTickets.ticket().state(TicketState.CANCELLED).verifier(this.verifier).scannedBy(ALICE)
            .build();
        given(this.tickets.decline(cancelled.qrId(), this.verifier))
            .willReturn(Mono.just(new Transition.Applied(cancelled, true, false)));

        expectTicket(this.client.post().uri("/api/session/decline").contentType(MediaType.APPLICATION_JSON)
            .bodyValue(Map.of("qrId", cancelled.qrId(), "codeVerifier", this.verifier))
            .exchange(), cancelled.qrId(), TicketState.CANCELLED);
        verifyNoInteractions(this.sessions);
    }

    @Test
    void declineWhenTheCommandIsRejectedThenItsProblem() {
        given(this.tickets.decline(this.redeemed.qrId(), this.verifier))
            .willReturn(Mono.just(new Transition.Rejected(ProblemCode.INVALID_VERIFIER, null, false)));

        expectProblem(this.client.post().uri("/api/session/decline").contentType(MediaType.APPLICATION_JSON)
            .bodyValue(Map.of("qrId", this.redeemed.qrId(), "codeVerifier", this.verifier))
            .exchange(), ProblemCode.INVALID_VERIFIER);
    }

    @Test
    void declineWhenTheRequestIsInvalidThenInvalidRequestAndNoCommand() {
        expectProblem(this.client.post().uri("/api/session/decline").contentType(MediaType.APPLICATION_JSON)
            .bodyValue(Map.of("qrId", "short", "codeVerifier", this.verifier))
            .exchange(), ProblemCode.INVALID_REQUEST);
        verifyNoInteractions(this.tickets);
    }

    @Test
    void getOnTheRedeemPathThenMethodNotAllowed() {
        expectProblem(this.client.get().uri("/api/session/redeem").exchange(), ProblemCode.METHOD_NOT_ALLOWED);
    }

    private WebTestClient.ResponseSpec redeem(Map<String, Object> request) {
        return this.client.post().uri("/api/session/redeem").contentType(MediaType.APPLICATION_JSON)
            .bodyValue(request)
            .exchange();
    }
}
