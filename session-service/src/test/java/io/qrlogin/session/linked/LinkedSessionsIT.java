package io.qrlogin.session.linked;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

import io.qrlogin.core.pkce.Pkce;
import io.qrlogin.core.problem.ProblemCode;
import io.qrlogin.core.ticket.AppUser;
import io.qrlogin.core.ticket.QrIds;
import io.qrlogin.engine.redis.RedisTicketStore;
import io.qrlogin.engine.testing.RedisTickets;
import io.qrlogin.session.events.SessionExpirySweeper;
import io.qrlogin.testing.EventRecorder;
import io.qrlogin.testing.ServiceIntegrationTest;
import io.qrlogin.testing.TestKafka;
import io.qrlogin.testing.TestTickets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static io.qrlogin.testing.ProblemResponses.expectProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The user's sessions from the phone, end to end: a real server in demo mode (the demo issuer's app tokens),
 * real Redis and Kafka, sessions opened by real redeems, their events read back from the sessions topic,
 * and the OpenID Provider's liveness check.
 */
@ServiceIntegrationTest(properties = { "qrlogin.demo.enabled=true", "qrlogin.session.issuer=https://login.example.com",
        "qrlogin.clients.web.name=Web", "qrlogin.clients.web.origins=https://login.example.com",
        "qrlogin.clients.kiosk.name=Kiosk", "qrlogin.clients.kiosk.origins=https://kiosk.example.com",
        // A kiosk's sessions end after a second unused: what the expiry test waits for.
        "qrlogin.clients.kiosk.session-idle-timeout=1s", "qrlogin.session.expiry-sweep-interval=200ms" })
class LinkedSessionsIT {

    @Autowired
    private WebTestClient client;

    @Autowired
    private SessionExpirySweeper sweeper;

    private final RedisTicketStore store = RedisTickets.store();

    private final ReactiveStringRedisTemplate redis = RedisTickets.redis();

    private final AppUser carol = user("Carol");

    private final AppUser dave = user("Dave");

    private final EventRecorder events = EventRecorder.start(TestKafka.SESSIONS_TOPIC);

    @AfterEach
    void stopRecording() throws InterruptedException {
        this.events.close();
    }

    @Test
    void listThenOnlyMyLiveSessionsWithWhatThePhoneShows() {
        Map<String, Object> first = redeem(this.carol, "web", true);
        Map<String, Object> second = redeem(this.carol, "web", false);
        redeem(this.dave, "web");

        List<Map<String, Object>> listed = list(this.carol);

        assertThat(listed).extracting((session) -> session.get("sessionId") + "/" + session.get("sameNetwork"))
            .containsExactlyInAnyOrder(first.get("sessionId") + "/true", second.get("sessionId") + "/false");
        Map<String, Object> session = listed.get(0);
        assertThat(session).containsOnlyKeys("sessionId", "clientId", "clientName", "browser", "os", "ip", "sameNetwork",
                "method", "signedInAt", "lastSeenAt")
            .containsEntry("clientId", "web")
            .containsEntry("clientName", "Web")
            .containsEntry("browser", "Chrome 140")
            .containsEntry("os", "Linux")
            .containsEntry("ip", TestTickets.BROWSER.ip())
            .containsEntry("method", "qr");
        assertThat(session.get("signedInAt")).isEqualTo(session.get("lastSeenAt"));
    }

    @Test
    void deleteOneThenItsTokenIsRefusedAndTheOthersLive() {
        Map<String, Object> ended = redeem(this.carol, "web");
        Map<String, Object> kept = redeem(this.carol, "web");

        this.client.delete().uri("/api/app/sessions/{id}", ended.get("sessionId")).headers(appToken(this.carol))
            .exchange()
            .expectStatus().isNoContent();

        me(ended).expectStatus().isUnauthorized();
        me(kept).expectStatus().isOk();
        assertThat(list(this.carol)).extracting((session) -> session.get("sessionId"))
            .containsExactly(kept.get("sessionId"));
    }

    @Test
    void deleteOfAnotherUsersSessionThenNotFoundAndItStaysLive() {
        Map<String, Object> daves = redeem(this.dave, "web");

        expectProblem(this.client.delete().uri("/api/app/sessions/{id}", daves.get("sessionId"))
            .headers(appToken(this.carol))
            .exchange(), ProblemCode.SESSION_NOT_FOUND);
        this.client.delete().uri("/api/app/sessions/{id}", "no-such-session").headers(appToken(this.carol))
            .exchange()
            .expectStatus().isNotFound();

        me(daves).expectStatus().isOk();
        assertThat(list(this.dave)).hasSize(1);
    }

    @Test
    void deleteAllThenAllMineEndedAndNoneOfAnotherUsers() {
        List<Map<String, Object>> mine = List.of(redeem(this.carol, "web"), redeem(this.carol, "kiosk"));
        Map<String, Object> daves = redeem(this.dave, "web");

        this.client.delete().uri("/api/app/sessions").headers(appToken(this.carol)).exchange()
            .expectStatus().isNoContent();

        mine.forEach((session) -> me(session).expectStatus().isUnauthorized());
        assertThat(list(this.carol)).isEmpty();
        me(daves).expectStatus().isOk();
        assertThat(list(this.dave)).hasSize(1);
    }

    @Test
    void redeemLogoutAndRevokeThenStartedAndEndedEventsWithoutSecrets() {
        Map<String, Object> loggedOut = redeem(this.carol, "web");
        Map<String, Object> revoked = redeem(this.carol, "web");
        String loggedOutId = (String) loggedOut.get("sessionId");
        String revokedId = (String) revoked.get("sessionId");

        this.client.post().uri("/api/session/logout").headers(bearer((String) loggedOut.get("accessToken"))).exchange()
            .expectStatus().isNoContent();
        this.client.delete().uri("/api/app/sessions/{id}", revokedId).headers(appToken(this.carol)).exchange()
            .expectStatus().isNoContent();

        await().untilAsserted(() -> {
            assertThat(this.events.eventsFor(loggedOutId)).extracting((event) -> event.get("type") + "/" + event.get("reason"))
                .containsExactly("SESSION_STARTED/null", "SESSION_ENDED/logout");
            assertThat(this.events.eventsFor(revokedId)).extracting((event) -> event.get("type") + "/" + event.get("reason"))
                .containsExactly("SESSION_STARTED/null", "SESSION_ENDED/revoked");
        });
        Map<String, Object> started = this.events.eventsFor(loggedOutId).get(0);
        assertThat(started).containsOnlyKeys("eventId", "type", "sid", "sub", "clientId", "occurredAt")
            .containsEntry("sid", loggedOutId)
            .containsEntry("sub", this.carol.subject())
            .containsEntry("clientId", "web");
        assertThat(this.events.eventsFor(loggedOutId).get(1))
            .containsOnlyKeys("eventId", "type", "sid", "sub", "clientId", "reason", "occurredAt");
        for (ConsumerRecord<String, String> record : this.events.recordsFor(loggedOutId)) {
            assertThat(record.key()).isEqualTo(QrIds.hash(loggedOutId)).isNotEqualTo(loggedOutId);
            assertThat(record.value()).doesNotContain((String) loggedOut.get("accessToken"))
                .doesNotContain(((String) loggedOut.get("accessToken")).split("\\.")[2]);
        }
    }

    @Test
    void sessionIdleLongerThanItsClientsIdleTimeoutThenRefusedUnlistedAndEndedOnceAsExpired() {
        Map<String, Object> kiosk = redeem(this.carol, "kiosk");
        String sessionId = (String) kiosk.get("sessionId");

        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(this.events.eventsFor(sessionId))
            .extracting((event) -> event.get("type") + "/" + event.get("reason"))
            .containsExactly("SESSION_STARTED/null", "SESSION_ENDED/expired"));
        me(kiosk).expectStatus().isUnauthorized();
        assertThat(list(this.carol)).isEmpty();
        assertThat(this.redis.hasKey("qrlogin:session:{" + sessionId + "}").block()).isFalse();
        // Another round finds nothing more to end.
        assertThat(this.sweeper.sweep().block()).isZero();
        assertThat(this.events.eventsFor(sessionId)).hasSize(2);
    }

    @Test
    void touchThenNoContentWhileLiveAndNotFoundOnceRevoked() {
        Map<String, Object> session = redeem(this.carol, "web");
        String sessionId = (String) session.get("sessionId");

        this.client.post().uri("/internal/sessions/{sid}/touch", sessionId).exchange().expectStatus().isNoContent();

        this.client.delete().uri("/api/app/sessions/{id}", sessionId).headers(appToken(this.carol)).exchange()
            .expectStatus().isNoContent();
        expectProblem(this.client.post().uri("/internal/sessions/{sid}/touch", sessionId).exchange(),
                ProblemCode.SESSION_NOT_FOUND);
        this.client.post().uri("/internal/sessions/{sid}/touch", "no-such-session").exchange()
            .expectStatus().isNotFound();
    }

    @Test
    void endedByTheProviderThenItsTokenIsRefusedUnlistedAndEndedOnceAsLogout() {
        Map<String, Object> session = redeem(this.carol, "web");
        String sessionId = (String) session.get("sessionId");

        this.client.post().uri("/internal/sessions/{sid}/end", sessionId).exchange().expectStatus().isNoContent();

        me(session).expectStatus().isUnauthorized();
        assertThat(list(this.carol)).isEmpty();
        this.client.post().uri("/internal/sessions/{sid}/touch", sessionId).exchange().expectStatus().isNotFound();
        // Ending it again changes nothing and announces nothing.
        expectProblem(this.client.post().uri("/internal/sessions/{sid}/end", sessionId).exchange(),
                ProblemCode.SESSION_NOT_FOUND);
        await().untilAsserted(() -> assertThat(this.events.eventsFor(sessionId))
            .extracting((event) -> event.get("type") + "/" + event.get("reason"))
            .containsExactly("SESSION_STARTED/null", "SESSION_ENDED/logout"));
    }

    @Test
    void sessionTokenOnTheAppApiThenUnauthorized() {
        Map<String, Object> session = redeem(this.carol, "web");

        this.client.get().uri("/api/app/sessions").headers(bearer((String) session.get("accessToken"))).exchange()
            .expectStatus().isUnauthorized();
        this.client.get().uri("/api/app/sessions").exchange().expectStatus().isUnauthorized();
    }

    private List<Map<String, Object>> list(AppUser user) {
        Map<String, List<Map<String, Object>>> body = this.client.get().uri("/api/app/sessions").headers(appToken(user))
            .exchange()
            .expectStatus().isOk()
            .expectBody(new ParameterizedTypeReference<Map<String, List<Map<String, Object>>>>() {
            })
            .returnResult().getResponseBody();
        return body.get("sessions");
    }

    private WebTestClient.ResponseSpec me(Map<String, Object> redeemed) {
        return this.client.get().uri("/api/session/me").headers(bearer((String) redeemed.get("accessToken"))).exchange();
    }

    /** A session of {@code user} on {@code clientId}'s site: minted, scanned and confirmed by the user, redeemed over HTTP. */
    private Map<String, Object> redeem(AppUser user, String clientId) {
        return redeem(user, clientId, null);
    }

    /** As {@link #redeem(AppUser, String)}, the scan judging the phone on the browser's network or not ({@code null}: unjudged). */
    private Map<String, Object> redeem(AppUser user, String clientId, Boolean sameNetwork) {
        String verifier = TestTickets.verifier();
        String qrId = this.store.mint(TestTickets.qrId(), clientId, Pkce.s256(verifier), TestTickets.BROWSER, false).block().qrId();
        this.store.scan(qrId, user, RedisTickets.MATCH_CODE, false, sameNetwork).block();
        this.store.confirm(qrId, user, null).block();
        return this.client.post().uri("/api/session/redeem").contentType(MediaType.APPLICATION_JSON)
            .bodyValue(Map.of("qrId", qrId, "codeVerifier", verifier))
            .exchange()
            .expectStatus().isOk()
            .expectBody(new ParameterizedTypeReference<Map<String, Object>>() {
            })
            .returnResult().getResponseBody();
    }

    private Consumer<HttpHeaders> appToken(AppUser user) {
        String token = (String) this.client.post().uri("/api/demo/app-token").contentType(MediaType.APPLICATION_JSON)
            .bodyValue(Map.of("username", user.subject()))
            .exchange()
            .expectStatus().isOk()
            .expectBody(new ParameterizedTypeReference<Map<String, Object>>() {
            })
            .returnResult().getResponseBody().get("accessToken");
        return bearer(token);
    }

    private static Consumer<HttpHeaders> bearer(String token) {
        return (headers) -> headers.setBearerAuth(token);
    }

    private static AppUser user(String name) {
        return new AppUser(name.toLowerCase() + "-" + UUID.randomUUID(), name);
    }
}
