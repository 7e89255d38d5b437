package io.qrlogin.qr.mint;

import java.time.Duration;
import java.util.Map;
import java.util.Properties;

import io.qrlogin.core.problem.ProblemCode;
import io.qrlogin.core.pkce.Pkce;
import io.qrlogin.core.ticket.Ticket;
import io.qrlogin.core.ticket.TicketState;
import io.qrlogin.core.ticket.Transition;
import io.qrlogin.engine.redis.RedisTicketStore;
import io.qrlogin.engine.testing.RedisTickets;
import io.qrlogin.testing.ServiceIntegrationTest;
import io.qrlogin.testing.TestTickets;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static io.qrlogin.testing.ProblemResponses.expectProblem;
import static io.qrlogin.testing.TestTickets.ALICE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The mint guard against a real Redis whose {@code maxmemory} is brought just above what it uses: new QR
 * codes are refused ({@code 503 unavailable}, {@code Retry-After}) while the logins under way still
 * write, and served again once there is room.
 */
@ServiceIntegrationTest(properties = { "qrlogin.mint-guard.sample-interval=100ms",
        "qrlogin.mint-guard.retry-after=7s" })
class MintGuardIT {

    @Autowired
    private WebTestClient client;

    private final ReactiveStringRedisTemplate redis = RedisTickets.redis();

    private final RedisTicketStore store = RedisTickets.store();

    @Test
    void mintWhileRedisIsNearlyFullThenUnavailableWhileLoginsUnderWayGoOnAndServedAgainOnceThereIsRoom() {
        String verifier = TestTickets.verifier();
        Ticket underWay = RedisTickets.pending(this.store, verifier);
        try {
            // 90 % of maxmemory in use: over the guard's 80 %, with room left for every other write.
            setMaxMemory(Math.round(usedMemory() / 0.9));

            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> expectProblem(mint()
                .expectHeader().valueEquals(HttpHeaders.RETRY_AFTER, "7"), ProblemCode.UNAVAILABLE));

            assertThat(this.store.scan(underWay.qrId(), ALICE, RedisTickets.MATCH_CODE).block())
                .isInstanceOf(Transition.Applied.class);
            assertThat(this.store.confirm(underWay.qrId(), ALICE, null).block()).isInstanceOf(Transition.Applied.class);
            assertThat(this.store.redeem(underWay.qrId(), verifier).block()).isInstanceOfSatisfying(Transition.Applied.class,
                    (redeemed) -> assertThat(redeemed.ticket().state()).isEqualTo(TicketState.REDEEMED));
        }
        finally {
            setMaxMemory(0);
        }
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> mint().expectStatus().isCreated());
    }

    private WebTestClient.ResponseSpec mint() {
        return this.client.post().uri("/api/qr").contentType(MediaType.APPLICATION_JSON)
            .bodyValue(Map.of("codeChallenge", Pkce.s256(TestTickets.verifier()), "codeChallengeMethod", "S256"))
            .exchange();
    }

    private long usedMemory() {
        Properties info = this.redis.execute((connection) -> connection.serverCommands().info("memory")).blockFirst();
        return Long.parseLong(info.getProperty("used_memory"));
    }

    private void setMaxMemory(long bytes) {
        this.redis.execute((connection) -> connection.serverCommands().setConfig("maxmemory", Long.toString(bytes)))
            .blockLast();
    }
}
