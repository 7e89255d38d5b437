package io.qrlogin.local;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.qrlogin.local.LoginClient.Minted;
import io.qrlogin.local.LoginClient.Response;
import io.qrlogin.local.LoginClient.Watch;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What the Redis topology tests ({@link RedisClusterIT}, {@link RedisSentinelIT}) do on their own system:
 * whole logins through every Lua script, the rate limiter, sessions, the socket's re-read and the OpenID
 * Provider's session; and a master killed mid-login. One system per topology, kept for its class.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
// The master killed last: the whole login runs on the topology as it started.
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class RedisTopologyLogins {

    private static final Logger logger = LoggerFactory.getLogger(RedisTopologyLogins.class);

    private static final HttpClient HTTP = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5))
        .build();

    /** How long a push may take on a busy machine. */
    static final Duration PUSH = Duration.ofSeconds(10);

    /** The longest a failover may keep a call from succeeding: far above what was measured (docs/reliability.md). */
    static final Duration FAILOVER = Duration.ofSeconds(60);

    private final RedisTopology topology;

    private LocalSystem system;

    RedisTopologyLogins(RedisTopology topology) {
        this.topology = topology;
    }

    @BeforeAll
    void startTheSystem() {
        this.system = start(this.topology);
    }

    @AfterAll
    void stopTheSystem() {
        if (this.system != null) {
            this.system.close();
        }
    }

    @Test
    @Order(1)
    void aWholeLoginAndTheOpenIdProvidersSessionWork() throws Exception {
        aWholeLoginAndItsSessionWork(this.system);
        theOpenIdProvidersSessionWorks(this.system);
    }

    @Test
    @Order(2)
    void masterKilledMidLoginThenClear503sUntilTheFailoverThenTheLoginCompletesOnce() throws Exception {
        aMasterKilledMidLoginThenCallsAreRefusedClearlyUntilTheFailoverAndNothingIsLost(this.system);
    }

    private static LocalSystem start(RedisTopology topology) {
        Path root = Path.of("").toAbsolutePath().getParent().getParent();
        Path logs = Path.of("target", "redis-" + topology.name().toLowerCase(Locale.ROOT) + "-logs");
        LocalSettings settings = LocalSettings.onFreePorts(root, logs.toAbsolutePath())
            .withJvmOptions(TestSystems.JVM_OPTIONS)
            .withSharedProperties(Map.of(
                    // The gateway re-reads followed tickets often: a browser whose event was lost while Redis
                    // failed over hears the state within seconds.
                    "qrlogin.gateway.resync.interval", "5s"));
        LocalSystem system = LocalSystem.start(settings, topology);
        assertThat(system.redisTopology()).isEqualTo(topology);
        for (String service : system.serviceNames()) {
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
                .until(() -> readiness(system, service) == 200);
        }
        warmUp(system);
        return system;
    }

    /**
     * One login through every service before the tests: a service's first call creates its Kafka producer
     * and loads its classes, which on a busy machine can take longer than the gateway's response timeout
     * (a 503). The tests then measure the topology, not a cold start.
     */
    private static void warmUp(LocalSystem system) {
        LoginClient client = new LoginClient(system.gatewayUrl());
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1)).ignoreExceptions().until(() -> {
            Minted ticket = client.mint();
            String warm = client.appToken("warm-up");
            return ticket.response().status() == 201 && client.scan(ticket.qrId(), warm).status() == 200
                    && client.confirm(ticket.qrId(), warm).status() == 200
                    && client.redeem(ticket.qrId(), ticket.verifier()).status() == 200;
        });
    }

    /**
     * A whole login, then the session: mint (mint.lua, the per-address bucket), the socket (find.lua), scan
     * and confirm (transition.lua, the per-user bucket), redeem (transition.lua, the session scripts), the
     * current session, the logout (close and revoke), and a second redeem refused.
     */
    private static void aWholeLoginAndItsSessionWork(LocalSystem system) throws Exception {
        LoginClient client = new LoginClient(system.gatewayUrl());
        Minted ticket = client.mint();
        assertThat(ticket.response().status()).isEqualTo(201);
        Watch browser = client.watch(ticket.qrId(), ticket.verifier());
        browser.awaitState("PENDING", PUSH);
        String alice = client.appToken("alice");
        assertThat(client.scan(ticket.qrId(), alice).status()).isEqualTo(200);
        browser.awaitState("SCANNED", PUSH);
        assertThat(client.confirm(ticket.qrId(), alice).status()).isEqualTo(200);
        browser.awaitState("CONFIRMED", PUSH);
        assertThat(browser.closed().get(10, TimeUnit.SECONDS)).isEqualTo(1000);
        assertThat(browser.states()).containsExactly("PENDING", "SCANNED", "CONFIRMED");

        Response redeemed = client.redeem(ticket.qrId(), ticket.verifier());
        assertThat(redeemed.status()).isEqualTo(200);
        String token = (String) redeemed.body().get("accessToken");
        Response me = client.get("/api/session/me", token);
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.body()).containsEntry("sub", "alice").containsEntry("sessionId", redeemed.body().get("sessionId"));
        assertThat(client.redeem(ticket.qrId(), ticket.verifier()).code()).isEqualTo("qr_already_redeemed");
        assertThat(client.post("/api/session/logout", token, null).status()).isEqualTo(204);
        assertThat(client.get("/api/session/me", token).status()).isEqualTo(401);
    }

    /**
     * The OpenID Provider keeps the browser's session in Redis (Spring Session) before it sends the browser to
     * the QR login page: an authorization request answers a redirect to the login page and a session cookie.
     */
    private static void theOpenIdProvidersSessionWorks(LocalSystem system) throws Exception {
        String redirect = system.settings().demoRpUrl() + LocalSettings.DEMO_RP_CALLBACK;
        String query = "response_type=code&client_id=" + LocalSettings.DEMO_RP + "&scope=openid&state=s1&nonce=n1"
                + "&redirect_uri=" + URLEncoder.encode(redirect, StandardCharsets.UTF_8)
                + "&code_challenge=" + LoginClient.challenge(LoginClient.verifier()) + "&code_challenge_method=S256";
        HttpResponse<String> authorize = HTTP.send(HttpRequest
            .newBuilder(URI.create(system.gatewayUrl() + "/oauth2/authorize?" + query))
            .timeout(Duration.ofSeconds(10))
            .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(authorize.statusCode()).as(authorize.body()).isEqualTo(302);
        assertThat(authorize.headers().firstValue("Location")).hasValueSatisfying(
                (location) -> assertThat(location).contains("/login"));
        assertThat(authorize.headers().allValues("Set-Cookie")).anySatisfy(
                (cookie) -> assertThat(cookie).startsWith("QRLOGIN_OP="));
        assertThat(readiness(system, "oidc-provider")).isEqualTo(200);
    }

    /**
     * The Redis master holding a scanned ticket is killed (SIGKILL); the user confirms anyway. Every answer
     * until the failover is over is the clear 503 {@code unavailable} (the app retries), then the confirm
     * succeeds; the browser hears it once; the ticket is redeemed once; a login confirmed just before
     * another master dies is not lost. Logs how long confirms were refused (docs/reliability.md).
     */
    private static void aMasterKilledMidLoginThenCallsAreRefusedClearlyUntilTheFailoverAndNothingIsLost(LocalSystem system)
            throws Exception {
        LoginClient client = new LoginClient(system.gatewayUrl());
        String bob = client.appToken("bob");
        Minted ticket = client.mint();
        Watch browser = client.watch(ticket.qrId(), ticket.verifier());
        // The socket's first answer is the ticket as the gateway reads it: scanned before that, it would say SCANNED.
        browser.awaitState("PENDING", PUSH);
        assertThat(client.scan(ticket.qrId(), bob).status()).isEqualTo(200);
        browser.awaitState("SCANNED", PUSH);

        String master = system.redisMasterFor(ticketKey(ticket.qrId()));
        Instant killed = Instant.now();
        system.kill(master);
        List<Integer> refusals = new ArrayList<>();
        await().atMost(FAILOVER).pollInterval(Duration.ofMillis(200)).until(() -> {
            Response confirmed = client.confirm(ticket.qrId(), bob);
            if (confirmed.status() == 200) {
                assertThat(confirmed.body()).containsEntry("state", "CONFIRMED");
                return true;
            }
            assertThat(confirmed.status()).as(confirmed.toString()).isEqualTo(503);
            assertThat(confirmed.code()).isEqualTo("unavailable");
            refusals.add(confirmed.status());
            return false;
        });
        Duration outage = Duration.between(killed, Instant.now());
        logger.info("{}: {} killed; confirms refused (503) for {} ms, {} refusals", system.redisTopology(), master,
                outage.toMillis(), refusals.size());

        browser.awaitState("CONFIRMED", PUSH);
        assertThat(browser.closed().get(10, TimeUnit.SECONDS)).isEqualTo(1000);
        assertThat(browser.states()).containsExactly("PENDING", "SCANNED", "CONFIRMED");
        assertThat(client.redeem(ticket.qrId(), ticket.verifier()).status()).isEqualTo(200);
        assertThat(client.redeem(ticket.qrId(), ticket.verifier()).code()).isEqualTo("qr_already_redeemed");

        system.start(master);
        await().atMost(FAILOVER).pollInterval(Duration.ofMillis(200)).until(system::isRedisWhole);

        aConfirmJustBeforeItsMasterDiesIsNotLost(system, client);
        aWholeLoginAndItsSessionWork(system);
    }

    private static void aConfirmJustBeforeItsMasterDiesIsNotLost(LocalSystem system, LoginClient client)
            throws Exception {
        String carol = client.appToken("carol");
        Minted ticket = client.mint();
        assertThat(client.scan(ticket.qrId(), carol).status()).isEqualTo(200);
        assertThat(client.confirm(ticket.qrId(), carol).status()).isEqualTo(200);
        String master = system.redisMasterFor(ticketKey(ticket.qrId()));
        system.kill(master);
        try {
            await().atMost(FAILOVER).pollInterval(Duration.ofMillis(200)).until(() -> {
                Response redeemed = client.redeem(ticket.qrId(), ticket.verifier());
                if (redeemed.status() != 200) {
                    assertThat(redeemed.code()).as(redeemed.toString()).isEqualTo("unavailable");
                }
                return redeemed.status() == 200;
            });
            assertThat(client.redeem(ticket.qrId(), ticket.verifier()).code()).isEqualTo("qr_already_redeemed");
        }
        finally {
            system.start(master);
        }
        await().atMost(FAILOVER).pollInterval(Duration.ofMillis(200)).until(system::isRedisWhole);
    }

    /** Where the ticket engine keeps a ticket (ticket-engine's TicketKeys): its slot is the {qrId} hash tag's. */
    private static String ticketKey(String qrId) {
        return "qrlogin:{" + qrId + "}:ticket";
    }

    private static int readiness(LocalSystem system, String service) {
        try {
            return HTTP.send(HttpRequest
                .newBuilder(URI.create(system.managementUrl(service) + "/actuator/health/readiness"))
                .timeout(Duration.ofSeconds(10))
                .build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        }
        catch (IOException ex) {
            return -1;
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }
}
