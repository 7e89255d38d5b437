package io.qrlogin.session.linked;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import com.nimbusds.jose.jwk.JWKSet;
import io.qrlogin.core.problem.ProblemCode;
import io.qrlogin.session.WebSliceConfiguration;
import io.qrlogin.session.events.SessionEvent;
import io.qrlogin.session.events.SessionCommands;
import io.qrlogin.session.events.SessionEventPublisher;
import io.qrlogin.session.store.ActiveSession;
import io.qrlogin.session.store.EndedSession;
import io.qrlogin.session.store.LinkedSession;
import io.qrlogin.session.store.RedisSessionStore;
import io.qrlogin.session.token.SessionToken;
import io.qrlogin.session.token.SessionTokenIssuer;
import io.qrlogin.core.ticket.TicketState;
import io.qrlogin.testing.TestTickets;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webflux.test.autoconfigure.WebFluxTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.data.redis.RedisConnectionFailureException;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.reactive.server.WebTestClient;

import static io.qrlogin.testing.ProblemResponses.expectProblem;
import static io.qrlogin.testing.ProblemResponses.expectUnauthorized;
import static io.qrlogin.testing.TestTickets.ALICE;
import static io.qrlogin.testing.TestTickets.BOB;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;

@WebFluxTest(controllers = LinkedSessionsController.class, properties = { "qrlogin.demo.enabled=true",
        "qrlogin.session.issuer=" + TestAppTokens.ISSUER, "qrlogin.clients.web.name=Web",
        "qrlogin.clients.web.origins=https://login.example.com" })
@Import({ WebSliceConfiguration.class, SessionCommands.class, LinkedSessionsControllerTest.DemoKeys.class })
class LinkedSessionsControllerTest {

    private static final Instant SIGNED_IN = Instant.parse("2026-11-24T08:58:03Z");

    private static final LinkedSession CHROME = new LinkedSession("s-chrome", ALICE.subject(), "web", "Chrome 140",
            "Windows 10", "203.0.113.7", true, "qr", SIGNED_IN, SIGNED_IN.plusSeconds(600));

    private static final LinkedSession DEVICE = new LinkedSession("s-device", ALICE.subject(), "gone", null, null, null,
            null, "device", SIGNED_IN, SIGNED_IN);

    @Autowired
    private WebTestClient client;

    @Autowired
    private SessionTokenIssuer issuer;

    @MockitoBean
    private RedisSessionStore sessions;

    @MockitoBean
    private SessionEventPublisher events;

    @Test
    void listThenTheCallersSessionsWithWhatThePhoneShows() {
        given(this.sessions.linkedSessionsOf(ALICE.subject())).willReturn(Flux.just(CHROME, DEVICE));

        this.client.get().uri("/api/app/sessions").headers(bearer(TestAppTokens.forUser(ALICE)))
            .exchange()
            .expectStatus().isOk()
            .expectHeader().cacheControl(CacheControl.noStore())
            .expectBody(new ParameterizedTypeReference<Map<String, Object>>() {
            })
            .value((body) -> assertThat(body).isEqualTo(Map.of("sessions", List.of(
                    Map.ofEntries(Map.entry("sessionId", "s-chrome"), Map.entry("clientId", "web"),
                            Map.entry("clientName", "Web"), Map.entry("browser", "Chrome 140"),
                            Map.entry("os", "Windows 10"), Map.entry("ip", "203.0.113.7"),
                            Map.entry("sameNetwork", true), Map.entry("method", "qr"),
                            Map.entry("signedInAt", "2026-11-24T08:58:03Z"),
                            Map.entry("lastSeenAt", "2026-11-24T09:08:03Z")),
                    unknowns("s-device", "gone", "device", "2026-11-24T08:58:03Z")))));
        verify(this.sessions, never()).linkedSessionsOf(BOB.subject());
    }

    @Test
    void deleteOfTheCallersSessionThenNoContentAndItsEndAnnouncedAsRevoked() {
        given(this.sessions.revoke(ALICE.subject(), "s-chrome"))
            .willReturn(Mono.just(new EndedSession("s-chrome", ALICE.subject(), "web")));

        this.client.delete().uri("/api/app/sessions/s-chrome").headers(bearer(TestAppTokens.forUser(ALICE)))
            .exchange()
            .expectStatus().isNoContent()
            .expectBody().isEmpty();

        ArgumentCaptor<SessionEvent> event = ArgumentCaptor.forClass(SessionEvent.class);
        verify(this.events).publish(event.capture());
        assertThat(event.getValue().type()).isEqualTo(SessionEvent.Type.SESSION_ENDED);
        assertThat(event.getValue().reason()).isEqualTo(SessionEvent.Reason.REVOKED);
        assertThat(event.getValue().sid()).isEqualTo("s-chrome");
        assertThat(event.getValue().sub()).isEqualTo(ALICE.subject());
    }

    @Test
    void deleteOfASessionTheCallerDoesNotHoldThenSessionNotFoundAndNothingAnnounced() {
        given(this.sessions.revoke(BOB.subject(), "s-chrome")).willReturn(Mono.empty());

        expectProblem(this.client.delete().uri("/api/app/sessions/s-chrome").headers(bearer(TestAppTokens.forUser(BOB)))
            .exchange(), ProblemCode.SESSION_NOT_FOUND);
        verify(this.sessions, never()).revoke(ALICE.subject(), "s-chrome");
        verifyNoInteractions(this.events);
    }

    @Test
    void deleteAllThenEveryOneOfTheCallersSessionsEndedAndAnnounced() {
        given(this.sessions.sessionsOf(ALICE.subject())).willReturn(Flux.just(
                new ActiveSession("s-1", SIGNED_IN.plusSeconds(3600)), new ActiveSession("s-2", SIGNED_IN.plusSeconds(3600))));
        given(this.sessions.revoke(ALICE.subject(), "s-1")).willReturn(Mono.just(new EndedSession("s-1", ALICE.subject(), "web")));
        given(this.sessions.revoke(ALICE.subject(), "s-2")).willReturn(Mono.empty());

        this.client.delete().uri("/api/app/sessions").headers(bearer(TestAppTokens.forUser(ALICE)))
            .exchange()
            .expectStatus().isNoContent();

        verify(this.sessions).revoke(ALICE.subject(), "s-1");
        verify(this.sessions).revoke(ALICE.subject(), "s-2");
        verify(this.sessions, never()).sessionsOf(BOB.subject());
        verify(this.events).publish(any());
    }

    @Test
    void withoutAnAppTokenThenUnauthorizedAndTheStoreUntouched() {
        SessionToken sessionToken = this.issuer.issue(TestTickets.ticket().state(TicketState.REDEEMED).scannedBy(ALICE)
            .confirmedAt(Instant.now()).build());
        List<Consumer<HttpHeaders>> refused = List.of((headers) -> {
        }, bearer("not-a-jwt"), bearer(sessionToken.value()),
                bearer(TestAppTokens.sign(ALICE, "https://idp.example.com", "qrlogin-app")),
                bearer(TestAppTokens.sign(ALICE, TestAppTokens.ISSUER + "/demo", "calendar")));
        for (Consumer<HttpHeaders> headers : refused) {
            expectUnauthorized(this.client.get().uri("/api/app/sessions").headers(headers).exchange());
            this.client.delete().uri("/api/app/sessions/s-chrome").headers(headers).exchange()
                .expectStatus().isUnauthorized();
        }
        verifyNoInteractions(this.sessions, this.events);
    }

    @Test
    void listWhenRedisIsUnavailableThenUnavailable() {
        given(this.sessions.linkedSessionsOf(anyString()))
            .willReturn(Flux.error(new RedisConnectionFailureException("down")));

        expectProblem(this.client.get().uri("/api/app/sessions").headers(bearer(TestAppTokens.forUser(ALICE))).exchange(),
                ProblemCode.UNAVAILABLE);
    }

    /** A session of an unregistered client, of which nothing but its times and method is known: each unknown is null. */
    private static Map<String, Object> unknowns(String sessionId, String clientId, String method, String at) {
        Map<String, Object> entry = new HashMap<>();
        entry.put("sessionId", sessionId);
        entry.put("clientId", clientId);
        for (String unknown : List.of("clientName", "browser", "os", "ip", "sameNetwork")) {
            entry.put(unknown, null);
        }
        entry.put("method", method);
        entry.put("signedInAt", at);
        entry.put("lastSeenAt", at);
        return entry;
    }

    private static Consumer<HttpHeaders> bearer(String token) {
        return (headers) -> headers.setBearerAuth(token);
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class DemoKeys {

        @Bean
        JWKSet demoAppTokenKeys() {
            return TestAppTokens.keys();
        }
    }
}
