package io.qrlogin.bench.load;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Browser + phone pairs playing whole logins through the gateway: mint → subscribe → scan →
 * SCANNED push → confirm → CONFIRMED push → redeem, each pair again as soon as (or, with a rate,
 * when the schedule says) its previous flow ends. With an {@link OidcLogin}, each flow is an
 * OpenID Connect login around the same steps: authorization request → the provider's QR login page
 * → the QR flow → hand-over → code → tokens.
 */
final class WholeFlows {

    private final Gateway gateway;

    private final List<String> appTokens;

    private final FlowStats stats;

    private final String mintBody;

    private final Duration timeout;

    private final @Nullable OidcLogin oidc;

    private final AtomicBoolean running = new AtomicBoolean();

    /** Browser logins to the client {@code web}, or OIDC logins through the provider when {@code oidc} is given. */
    WholeFlows(Gateway gateway, List<String> appTokens, FlowStats stats, String image, Duration timeout,
            @Nullable OidcLogin oidc) {
        this.gateway = gateway;
        this.appTokens = appTokens;
        this.stats = stats;
        String clientId = (oidc != null) ? OidcLogin.CLIENT_ID : "web";
        this.mintBody = "\",\"codeChallengeMethod\":\"S256\",\"clientId\":\"" + clientId + "\",\"imageFormat\":\""
                + image + "\"}";
        this.timeout = timeout;
        this.oidc = oidc;
    }

    /**
     * Starts {@code pairs} pairs; with {@code rate} > 0 they share that many flows per second, else
     * each starts its next flow at once.
     */
    Disposable start(int pairs, double rate) {
        this.running.set(true);
        return Flux.range(0, pairs)
            .flatMap((pair) -> pair(pair, pairs, rate), pairs)
            .subscribe();
    }

    void stop() {
        this.running.set(false);
    }

    private Mono<Void> pair(int pair, int pairs, double rate) {
        long period = (rate > 0) ? (long) (pairs * 1e9 / rate) : 0;
        long[] next = { System.nanoTime() + (period * pair) / Math.max(1, pairs) };
        String token = this.appTokens.get(pair % this.appTokens.size());
        return Mono.defer(() -> {
            long wait = next[0] - System.nanoTime();
            next[0] = Math.max(next[0] + period, System.nanoTime() - period);
            Mono<Void> flow = flow(token).onErrorResume((ex) -> {
                this.stats.error(FlowFailure.of("flow", ex).getMessage());
                return Mono.empty();
            });
            return (period > 0 && wait > 0) ? Mono.delay(Duration.ofNanos(wait)).then(flow) : flow;
        }).repeat(this.running::get).then();
    }

    /** One whole login; completes when the browser holds a session token. */
    Mono<Void> flow(String appToken) {
        // Deferred: the clock starts when the flow does, not when a paced pair assembles it.
        return Mono.defer(() -> timedFlow(appToken));
    }

    private Mono<Void> timedFlow(String appToken) {
        long start = System.nanoTime();
        Mono<String> login = (this.oidc != null) ? this.oidc.login(() -> qrLogin(appToken)) : qrLogin(appToken);
        return login.doOnNext((token) -> {
            this.stats.record(Step.FLOW, System.nanoTime() - start);
            this.stats.flowCompleted();
        }).then();
    }

    /** The QR flow, mint to redeem; emits the session token. */
    private Mono<String> qrLogin(String appToken) {
        PkcePair pkce = PkcePair.random();
        long start = System.nanoTime();
        return this.gateway.post("mint", "/api/qr", "{\"codeChallenge\":\"" + pkce.challenge() + this.mintBody, 201)
            .flatMap((minted) -> {
                long subscribed = System.nanoTime();
                this.stats.record(Step.MINT, subscribed - start);
                String qrId = Json.string(minted, "qrId");
                if (qrId == null) {
                    return Mono.error(new FlowFailure("mint: no qrId"));
                }
                WaitingSocket socket = WaitingSocket.open(this.gateway.sockets(), qrId, pkce.verifier());
                return socket.await("PENDING", this.timeout)
                    .flatMap((pending) -> {
                        this.stats.record(Step.SUBSCRIBE, pending - subscribed);
                        return call(Step.SCAN, "scan", "/api/scan/" + qrId, appToken, 200);
                    })
                    .flatMap((scanSent) -> socket.await("SCANNED", this.timeout).map((pushed) -> {
                        this.stats.record(Step.SCAN_PUSH, pushed - scanSent);
                        return pushed;
                    }))
                    .flatMap((scannedPush) -> call(Step.CONFIRM, "confirm", "/api/scan/" + qrId + "/confirm", appToken, 200))
                    .flatMap((confirmSent) -> socket.await("CONFIRMED", this.timeout).map((pushed) -> {
                        this.stats.record(Step.CONFIRM_PUSH, pushed - confirmSent);
                        return pushed;
                    }))
                    .flatMap((confirmedPush) -> {
                        long redeemSent = System.nanoTime();
                        return this.gateway.post("redeem", "/api/session/redeem",
                                "{\"qrId\":\"" + qrId + "\",\"codeVerifier\":\"" + pkce.verifier() + "\"}", 200)
                            .map((redeemed) -> {
                                String sessionToken = Json.string(redeemed, "accessToken");
                                if (sessionToken == null) {
                                    throw new FlowFailure("redeem: no accessToken");
                                }
                                this.stats.record(Step.REDEEM, System.nanoTime() - redeemSent);
                                return sessionToken;
                            });
                    })
                    .doFinally((signal) -> socket.close());
            });
    }

    /** Sends an app call; emits when it was sent, once it answered {@code expected}. */
    private Mono<Long> call(Step step, String name, String path, String appToken, int expected) {
        return Mono.defer(() -> {
            long sent = System.nanoTime();
            return this.gateway.postAsApp(appToken, name, path, expected).map((body) -> {
                this.stats.record(step, System.nanoTime() - sent);
                return sent;
            });
        });
    }
}
