package io.qrlogin.scan.security;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import com.sun.net.httpserver.HttpServer;
import io.qrlogin.scan.ScanProperties;
import io.qrlogin.testing.StartupFailures;
import io.qrlogin.testing.TestJwks;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.OAuth2ResourceServerProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The app-token decoder against a real JWKS endpoint whose answers and key set the tests change. */
class AppTokenDecoderConfigurationTest {

    private static final String AUDIENCE = "qrlogin-app";

    private final ECKey published = key();

    private final AtomicReference<String> jwks = new AtomicReference<>(new JWKSet(this.published.toPublicJWK()).toString());

    private final AtomicInteger fetches = new AtomicInteger();

    private final CountDownLatch release = new CountDownLatch(1);

    private volatile boolean hang;

    private final HttpServer server = serve();

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
        .withUserConfiguration(AppTokenDecoderConfiguration.class, Settings.class)
        .withPropertyValues("spring.security.oauth2.resourceserver.jwt.jwk-set-uri=" + jwkSetUri(),
                "spring.security.oauth2.resourceserver.jwt.jws-algorithms=ES256");

    @AfterEach
    void stopTheServer() {
        this.release.countDown();
        this.server.stop(0);
    }

    @Test
    void tokenSignedWithAPublishedKeyThenVerified() {
        ReactiveJwtDecoder decoder = decoder(Map.of());
        StepVerifier.create(decoder.decode(token(this.published, AUDIENCE)))
            .assertNext((jwt) -> assertThat(jwt.getSubject()).isEqualTo("alice"))
            .verifyComplete();
    }

    @Test
    void tokenOfTheTestIdentityProviderWithTypAndEitherAlgorithmAllowedThenVerified() {
        OAuth2ResourceServerProperties resourceServer = new OAuth2ResourceServerProperties();
        resourceServer.getJwt().setJwkSetUri(io.qrlogin.scan.TestAppTokens.jwkSetUri());
        resourceServer.getJwt().setJwsAlgorithms(List.of("ES256", " RS256"));
        resourceServer.getJwt().setAudiences(List.of(io.qrlogin.scan.TestAppTokens.AUDIENCE));
        ReactiveJwtDecoder decoder = new AppTokenDecoderConfiguration().appTokenDecoder(resourceServer,
                new Binder(new MapConfigurationPropertySource(Map.of())).bindOrCreate("qrlogin", ScanProperties.class));
        StepVerifier.create(decoder.decode(io.qrlogin.scan.TestAppTokens.forUser(io.qrlogin.testing.TestTickets.ALICE)))
            .assertNext((jwt) -> assertThat(jwt.getSubject()).isEqualTo(io.qrlogin.testing.TestTickets.ALICE.subject()))
            .verifyComplete();
    }

    @Test
    void tokensWithUnknownKidsThenRefusedAndTheKeySetFetchedAtMostOnceForThem() {
        ReactiveJwtDecoder decoder = decoder(Map.of());
        StepVerifier.create(decoder.decode(token(this.published, AUDIENCE))).expectNextCount(1).verifyComplete();
        int before = this.fetches.get();

        for (int i = 0; i < 25; i++) {
            StepVerifier.create(decoder.decode(token(key(), AUDIENCE))).expectError(BadJwtException.class).verify();
        }

        assertThat(this.fetches.get() - before).as("one refresh for the first unknown kid, then none until "
                + "the minimum interval passed").isLessThanOrEqualTo(1);
        StepVerifier.create(decoder.decode(token(this.published, AUDIENCE))).expectNextCount(1).verifyComplete();
    }

    @Test
    void keyWithdrawnByTheIdentityProviderThenRefusedOnceTheCachedSetExpires() {
        ReactiveJwtDecoder decoder = decoder(Map.of("qrlogin.app-tokens.jwks-ttl", "1s",
                "qrlogin.app-tokens.jwks-refresh-min-interval", "100ms"));
        String withdrawn = token(this.published, AUDIENCE);
        StepVerifier.create(decoder.decode(withdrawn)).expectNextCount(1).verifyComplete();
        ECKey successor = key();

        this.jwks.set(new JWKSet(successor.toPublicJWK()).toString());

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> StepVerifier.create(decoder.decode(withdrawn))
            .expectError(BadJwtException.class).verify());
        StepVerifier.create(decoder.decode(token(successor, AUDIENCE))).expectNextCount(1).verifyComplete();
    }

    @Test
    void keySetThatDoesNotAnswerThenTheTokenIsRefusedAfterTheFetchTimeout() {
        this.hang = true;
        ReactiveJwtDecoder decoder = decoder(Map.of("qrlogin.app-tokens.jwks-timeout", "200ms"));
        StepVerifier.create(decoder.decode(token(this.published, AUDIENCE)))
            .expectError()
            .verify(Duration.ofSeconds(30));
    }

    @Test
    void tokenForAnotherAudienceThenRefused() {
        ReactiveJwtDecoder decoder = decoder(Map.of());
        StepVerifier.create(decoder.decode(token(this.published, "calendar"))).expectError(BadJwtException.class).verify();
    }

    @Test
    void startOutsideDemoModeWithoutAnAudienceThenFailsNamingTheProperty() {
        StartupFailures.assertStartFails(this.runner, "spring.security.oauth2.resourceserver.jwt.audiences must name",
                "qrlogin.demo.enabled=true");
    }

    @Test
    void startInDemoModeWithoutAnAudienceThenStarts() {
        this.runner.withPropertyValues("qrlogin.demo.enabled=true")
            .run((context) -> assertThat(context).hasNotFailed().hasSingleBean(ReactiveJwtDecoder.class));
    }

    @Test
    void startWithAnAudienceThenStarts() {
        this.runner.withPropertyValues("spring.security.oauth2.resourceserver.jwt.audiences=" + AUDIENCE)
            .run((context) -> assertThat(context).hasNotFailed().hasSingleBean(ReactiveJwtDecoder.class));
    }

    @Test
    void startWithoutAKeySetUriThenFailsNamingTheProperty() {
        new ApplicationContextRunner().withUserConfiguration(AppTokenDecoderConfiguration.class, Settings.class)
            .withPropertyValues("spring.security.oauth2.resourceserver.jwt.audiences=" + AUDIENCE)
            .run((context) -> assertThat(StartupFailures.describe(context.getStartupFailure()))
                .contains("spring.security.oauth2.resourceserver.jwt.jwk-set-uri"));
    }

    private ReactiveJwtDecoder decoder(Map<String, String> settings) {
        OAuth2ResourceServerProperties resourceServer = new OAuth2ResourceServerProperties();
        resourceServer.getJwt().setJwkSetUri(jwkSetUri());
        resourceServer.getJwt().setJwsAlgorithms(List.of("ES256"));
        resourceServer.getJwt().setAudiences(List.of(AUDIENCE));
        ScanProperties properties = new Binder(new MapConfigurationPropertySource(settings)).bindOrCreate("qrlogin",
                ScanProperties.class);
        return new AppTokenDecoderConfiguration().appTokenDecoder(resourceServer, properties);
    }

    private String jwkSetUri() {
        return "http://127.0.0.1:" + this.server.getAddress().getPort() + "/jwks.json";
    }

    private HttpServer serve() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/jwks.json", (exchange) -> {
                this.fetches.incrementAndGet();
                if (this.hang) {
                    try {
                        this.release.await();
                    }
                    catch (InterruptedException ex) {
                        Thread.currentThread().interrupt();
                    }
                }
                byte[] body = this.jwks.get().getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
            server.start();
            return server;
        }
        catch (IOException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static String token(ECKey key, String audience) {
        Instant now = Instant.now();
        return TestJwks.sign(key, new JWTClaimsSet.Builder().subject("alice").audience(audience).issueTime(Date.from(now))
            .expirationTime(Date.from(now.plusSeconds(300))).jwtID(UUID.randomUUID().toString()).build(), null);
    }

    private static ECKey key() {
        return TestJwks.ec(UUID.randomUUID().toString());
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties({ ScanProperties.class, OAuth2ResourceServerProperties.class })
    static class Settings {

    }
}
