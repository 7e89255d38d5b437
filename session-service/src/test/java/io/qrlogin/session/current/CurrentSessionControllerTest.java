package io.qrlogin.session.current;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import io.qrlogin.core.problem.ProblemCode;
import io.qrlogin.core.ticket.TicketState;
import io.qrlogin.session.WebSliceConfiguration;
import io.qrlogin.session.events.SessionCommands;
import io.qrlogin.session.events.SessionEventPublisher;
import io.qrlogin.session.store.RedisSessionStore;
import io.qrlogin.session.token.SessionToken;
import io.qrlogin.session.token.SessionTokenIssuer;
import io.qrlogin.testing.TestTickets;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webflux.test.autoconfigure.WebFluxTest;
import org.springframework.context.annotation.Import;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.data.redis.RedisConnectionFailureException;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.reactive.server.WebTestClient;

import static io.qrlogin.testing.ProblemResponses.expectProblem;
import static io.qrlogin.testing.ProblemResponses.expectUnauthorized;
import static io.qrlogin.testing.TestTickets.ALICE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;

/**
 * {@code /api/session/me} and {@code /logout} in a web slice, behind the service's own security: real
 * session tokens from the real issuer, their sessions live or ended in a stubbed store.
 */
@WebFluxTest(controllers = CurrentSessionController.class, properties = { "qrlogin.demo.enabled=true",
        "qrlogin.session.issuer=https://login.example.com" })
@Import({ WebSliceConfiguration.class, SessionCommands.class })
class CurrentSessionControllerTest {

    @Autowired
    private WebTestClient client;

    @Autowired
    private SessionTokenIssuer issuer;

    @MockitoBean
    private RedisSessionStore sessions;

    @MockitoBean
    private SessionEventPublisher events;

    private SessionToken token;

    @BeforeEach
    void aliceHoldsALiveSession() {
        this.token = this.issuer.issue(TestTickets.ticket().state(TicketState.REDEEMED).scannedBy(ALICE)
            .confirmedAt(Instant.now()).build());
        given(this.sessions.isLive(anyString(), anyString())).willReturn(Mono.just(false));
        given(this.sessions.isLive(this.token.sessionId(), this.token.tokenId())).willReturn(Mono.just(true));
    }

    @Test
    void meThenWhoTheTokenSpeaksForNeverCached() {
        Map<String, Object> body = this.client.get().uri("/api/session/me").headers(bearer(this.token.value()))
            .exchange()
            .expectStatus().isOk()
            .expectHeader().contentType(MediaType.APPLICATION_JSON)
            .expectHeader().cacheControl(CacheControl.noStore())
            .expectBody(new ParameterizedTypeReference<Map<String, Object>>() {
            })
            .returnResult().getResponseBody();

        assertThat(body).isEqualTo(Map.of("sub", ALICE.subject(), "name", ALICE.name(), "sessionId",
                this.token.sessionId(), "amr", List.of("qr")));
    }

    @Test
    void logoutThenTheSessionIsClosedAndNoContentNeverCached() {
        given(this.sessions.logout(ALICE.subject(), this.token.sessionId(), this.token.tokenId(), this.token.expiresAt()))
            .willReturn(Mono.empty());

        this.client.post().uri("/api/session/logout").headers(bearer(this.token.value()))
            .exchange()
            .expectStatus().isNoContent()
            .expectHeader().cacheControl(CacheControl.noStore())
            .expectBody().isEmpty();

        verify(this.sessions).logout(ALICE.subject(), this.token.sessionId(), this.token.tokenId(), this.token.expiresAt());
    }

    @Test
    void logoutWhenRedisIsUnavailableThenUnavailable() {
        given(this.sessions.logout(ALICE.subject(), this.token.sessionId(), this.token.tokenId(), this.token.expiresAt()))
            .willReturn(Mono.error(new RedisConnectionFailureException("down")));

        expectProblem(this.client.post().uri("/api/session/logout").headers(bearer(this.token.value())).exchange(),
                ProblemCode.UNAVAILABLE);
    }

    @Test
    void meOrLogoutWithoutATokenThenUnauthorizedWithABearerChallenge() {
        for (WebTestClient.RequestHeadersSpec<?> request : List.of(this.client.get().uri("/api/session/me"),
                this.client.post().uri("/api/session/logout"))) {
            expectUnauthorized(request.exchange());
        }
        verifyNoInteractions(this.sessions);
    }

    @Test
    void meOrLogoutWithAnEndedSessionsTokenThenUnauthorizedAndNothingClosed() {
        given(this.sessions.isLive(this.token.sessionId(), this.token.tokenId())).willReturn(Mono.just(false));

        expectUnauthorized(this.client.get().uri("/api/session/me").headers(bearer(this.token.value())).exchange());
        expectUnauthorized(this.client.post().uri("/api/session/logout").headers(bearer(this.token.value())).exchange());
        verify(this.sessions, never()).logout(anyString(), anyString(), anyString(), any());
    }

    @Test
    void meWithATokenThatIsNotOneOfOursThenUnauthorized() {
        expectUnauthorized(this.client.get().uri("/api/session/me").headers(bearer(this.token.value() + "x")).exchange());
    }

    private static Consumer<HttpHeaders> bearer(String token) {
        return (headers) -> headers.setBearerAuth(token);
    }
}
