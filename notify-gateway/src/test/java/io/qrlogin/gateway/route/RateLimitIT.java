package io.qrlogin.gateway.route;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.IntFunction;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The edge's rate limits against stand-ins for the services, with real Redis buckets: browser calls
 * (the OpenID Provider's included) per client address block (an IPv6 {@code /64} is one), app calls per
 * app token with a per-address backstop; a refused call is a {@code 429 rate_limited} problem with {@code Retry-After}, and nobody
 * else is slowed by it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        // Behind one trusted proxy, so each test can play callers from addresses of its own.
        "qrlogin.gateway.trusted-proxies=1", "qrlogin.ratelimit.browser.replenish-rate=1",
        "qrlogin.ratelimit.browser.burst-capacity=3", "qrlogin.ratelimit.app.replenish-rate=1",
        "qrlogin.ratelimit.app.burst-capacity=2", "qrlogin.ratelimit.app-address.replenish-rate=1",
        "qrlogin.ratelimit.app-address.burst-capacity=6" })
@AutoConfigureWebTestClient
class RateLimitIT extends StubbedGateway {

    private static final String SCAN_PATH = "/api/scan/3q2-7wEjRWeJq83vASNFZ4mrze8BI0Vn";

    @Autowired
    private ReactiveStringRedisTemplate redis;

    @Test
    void browserBurstFromOneAddressThenRateLimitedWithRetryAfterWhileOtherAddressesAreServed() {
        String office = address();

        Burst burst = burst((call) -> browserCall(office));

        burst.assertServedAbout(3);
        assertRateLimited(burst.refused(), office);
        browserCall(address()).expectStatus().isOk();
        appCallAs(office, "alice-" + office).expectStatus().isOk();
        // The bucket refills: the same address is served again a moment later.
        await().untilAsserted(() -> browserCall(office).expectStatus().isOk());
    }

    @Test
    void openIdProviderCallsCountedPerAddressLikeBrowserCalls() {
        String office = address();

        Burst burst = burst((call) -> this.client.post().uri("/oauth2/token")
            .header(ClientIpResolver.X_FORWARDED_FOR, office)
            .exchange());

        burst.assertServedAbout(3);
        assertRateLimited(burst.refused(), office);
        browserCall(address()).expectStatus().isOk();
    }

    @Test
    void appCallsCountedPerToken() {
        String office = address();
        String alice = "alice-" + office;

        Burst burst = burst((call) -> appCallAs(office, alice));

        burst.assertServedAbout(2);
        assertRateLimited(burst.refused(), alice);
        // Another user from the same address has a bucket of their own, and browsers there too.
        appCallAs(office, "bob-" + office).expectStatus().isOk();
        browserCall(office).expectStatus().isOk();
    }

    @Test
    void appCallsForTheSignedInBrowsersCountedPerTokenLikeScans() {
        String office = address();
        String token = unsignedToken("carol-" + office, "signature");

        Burst burst = burst((call) -> this.client.get().uri("/api/app/sessions")
            .header(ClientIpResolver.X_FORWARDED_FOR, office)
            .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
            .exchange());

        burst.assertServedAbout(2);
        assertRateLimited(burst.refused(), "carol-" + office);
        // Browsers at the address have a bucket of their own.
        browserCall(office).expectStatus().isOk();
    }

    @Test
    void forgedTokensNamingAUserNeverSpendThatUsersBucket() {
        String attacker = address();
        String victim = "victim-" + attacker;

        // Each forged token names the victim and differs from the victim's own (another signature):
        // only the attacker's address backstop runs out.
        Burst burst = burst((call) -> appCall(attacker, unsignedToken(victim, "forged-" + call)));

        burst.assertServedAbout(6);
        assertRateLimited(burst.refused(), attacker);
        appCall(address(), unsignedToken(victim, "real")).expectStatus().isOk();
    }

    @Test
    void browserCallsFromOneIpv6Slash64ShareOneBucket() {
        String site = "2001:db8:" + Integer.toHexString(ThreadLocalRandom.current().nextInt(1, 0xffff)) + ":";
        String prefix = site + Integer.toHexString(ThreadLocalRandom.current().nextInt(1, 0xffff)) + ":";

        // A new address of the /64 for every call, as an attacker holding the whole block would send.
        Burst burst = burst((call) -> browserCall(prefix + Integer.toHexString(call + 1) + "::1"));

        burst.assertServedAbout(3);
        assertRateLimited(burst.refused(), prefix);
        // The next /64 is someone else.
        browserCall(site + "0::1").expectStatus().isOk();
    }

    @Test
    void madeUpUsersCannotOutrunTheAddressBackstop() {
        String office = address();

        Burst burst = burst((call) -> appCallAs(office, "user-" + call + "-" + office));

        burst.assertServedAbout(6);
        assertRateLimited(burst.refused(), office);
    }

    @Test
    void bucketKeysInRedisNameNoAddressAndNoUser() {
        String office = address();
        appCallAs(office, "dora-" + office).expectStatus().isOk();
        browserCall(office).expectStatus().isOk();

        List<String> keys = this.redis.keys("request_rate_limiter*").collectList().block();
        assertThat(keys).isNotEmpty().noneMatch((key) -> key.contains(office) || key.contains("dora"));
    }

    /**
     * Calls until refused (at most 30 times). The buckets refill one call a second by Redis's clock in
     * whole seconds, so a burst that spans a second boundary earns one more call per boundary crossed.
     */
    private static Burst burst(IntFunction<WebTestClient.ResponseSpec> call) {
        long started = System.nanoTime();
        int served = 0;
        for (int attempt = 0; attempt < 30; attempt++) {
            EntityExchangeResult<byte[]> result = call.apply(attempt).expectBody().returnResult();
            if (result.getStatus().value() == HttpStatus.TOO_MANY_REQUESTS.value()) {
                return new Burst(served, result, Duration.ofNanos(System.nanoTime() - started));
            }
            assertThat(result.getStatus().value()).isEqualTo(200);
            served++;
        }
        throw new AssertionError("Never refused after " + served + " calls");
    }

    private static void assertRateLimited(EntityExchangeResult<byte[]> refused, String secret) {
        assertThat(refused.getResponseHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("1");
        assertThat(refused.getResponseHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        String body = new String(refused.getResponseBody(), StandardCharsets.UTF_8);
        assertThat(body).contains("\"code\":\"rate_limited\"").contains("\"status\":429").doesNotContain(secret);
    }

    private record Burst(int served, EntityExchangeResult<byte[]> refused, Duration took) {

        void assertServedAbout(int burstCapacity) {
            assertThat(this.served).as("served before the first refusal, in %s", this.took)
                .isBetween(burstCapacity, burstCapacity + (int) this.took.toSeconds() + 1);
        }
    }

    private WebTestClient.ResponseSpec browserCall(String address) {
        return this.client.post().uri("/api/qr").header(ClientIpResolver.X_FORWARDED_FOR, address).exchange();
    }

    private WebTestClient.ResponseSpec appCall(String address, String token) {
        return this.client.post().uri(SCAN_PATH).header(ClientIpResolver.X_FORWARDED_FOR, address)
            .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
            .exchange();
    }

    private WebTestClient.ResponseSpec appCallAs(String address, String user) {
        return appCall(address, unsignedToken(user, "signature"));
    }

    /** The limiter never verifies a token; the service behind it would verify the signature. */
    private static String unsignedToken(String subject, String signature) {
        Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
        String header = base64.encodeToString("{\"alg\":\"ES256\"}".getBytes(StandardCharsets.UTF_8));
        String claims = base64.encodeToString(("{\"sub\":\"" + subject + "\"}").getBytes(StandardCharsets.UTF_8));
        return header + "." + claims + "." + base64.encodeToString(signature.getBytes(StandardCharsets.UTF_8));
    }

    private static String address() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return "10." + random.nextInt(256) + "." + random.nextInt(256) + "." + random.nextInt(1, 255);
    }
}
