package io.qrlogin.session;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.qrlogin.engine.testing.RedisTickets;
import io.qrlogin.core.problem.ProblemCode;
import io.qrlogin.testing.ServiceIntegrationTest;
import io.qrlogin.testing.TestJwks;
import io.qrlogin.testing.TestTickets;
import io.qrlogin.core.ticket.Ticket;
import io.qrlogin.core.ticket.TicketState;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static io.qrlogin.testing.ProblemResponses.expectProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A production-like deployment: demo mode off, two configured keys mid-rotation, the newer one
 * signing. Tokens are forged here with the configured keys to show what verification refuses.
 */
@ServiceIntegrationTest
class ConfiguredKeysIT {

    private static final ECKey RETIRING = TestJwks.ec("2026-01");

    private static final ECKey CURRENT = TestJwks.ec("2026-07");

    @DynamicPropertySource
    static void signingKeys(DynamicPropertyRegistry registry) {
        registry.add("qrlogin.session.signing.jwks", () -> TestJwks.jwks(RETIRING, CURRENT));
        registry.add("qrlogin.session.signing.key-id", () -> "2026-07");
    }

    @Autowired
    private WebTestClient client;

    @LocalServerPort
    private int port;

    @Test
    void jwksThenEveryConfiguredKeyWithoutItsPrivatePart() throws Exception {
        String body = this.client.get().uri("/.well-known/jwks.json").exchange()
            .expectStatus().isOk()
            .expectBody(String.class).returnResult().getResponseBody();

        assertThat(JWKSet.parse(body).getKeys()).containsExactly(RETIRING.toPublicJWK(), CURRENT.toPublicJWK())
            .noneMatch(JWK::isPrivate);
        assertThat(body).doesNotContain(RETIRING.getD().toString(), CURRENT.getD().toString());
    }

    @Test
    void redeemThenSignedWithTheSelectedKey() throws Exception {
        String token = redeemConfirmed();

        assertThat(SignedJWT.parse(token).getHeader().getKeyID()).isEqualTo("2026-07");
        NimbusReactiveJwtDecoder decoder = NimbusReactiveJwtDecoder
            .withJwkSetUri("http://localhost:" + this.port + "/.well-known/jwks.json")
            .jwsAlgorithm(SignatureAlgorithm.ES256)
            .build();
        decoder.setJwtValidator(JwtValidators.createDefaultWithIssuer("http://localhost:8080"));
        Jwt jwt = decoder.decode(token).block();
        assertThat(jwt.getIssuer().toString()).isEqualTo("http://localhost:8080");
        assertThat(jwt.getHeaders()).containsEntry("kid", "2026-07");
    }

    @Test
    void meWhenSignedWithTheRetiringKeyThenStillAcceptedWhileItsSessionLives() throws Exception {
        String forged = resign(redeemConfirmed(), RETIRING, UnaryOperator.identity());

        this.client.get().uri("/api/session/me").headers((headers) -> headers.setBearerAuth(forged)).exchange()
            .expectStatus().isOk()
            .expectBody().jsonPath("$.sub").isEqualTo(TestTickets.ALICE.subject());
    }

    @Test
    void meWhenATokenOfALiveSessionIsNotOneThisServiceWouldIssueThenUnauthorized() throws Exception {
        String token = redeemConfirmed();
        Instant past = Instant.now().minusSeconds(120);

        for (String forged : List.of(resign(token, TestJwks.ec("2026-07"), UnaryOperator.identity()),
                resign(token, CURRENT, (claims) -> claims.issueTime(Date.from(past.minusSeconds(3600)))
                    .expirationTime(Date.from(past))),
                resign(token, CURRENT, (claims) -> claims.issuer("https://elsewhere.example.com")),
                resign(token, CURRENT, (claims) -> claims.claim("amr", List.of("pwd"))),
                resign(token, CURRENT, (claims) -> claims.jwtID("another-token")))) {
            this.client.get().uri("/api/session/me").headers((headers) -> headers.setBearerAuth(forged)).exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"")
                .expectBody().jsonPath("$.code").isEqualTo("unauthorized");
        }
        this.client.get().uri("/api/session/me").headers((headers) -> headers.setBearerAuth(token)).exchange()
            .expectStatus().isOk();
    }

    @Test
    void demoEndpointsWhenDemoModeOffThenNotFound() {
        expectProblem(this.client.post().uri("/api/demo/app-token").contentType(MediaType.APPLICATION_JSON)
            .bodyValue(Map.of("username", "alice")).exchange(), ProblemCode.NOT_FOUND);
        expectProblem(this.client.get().uri("/api/demo/jwks.json").exchange(), ProblemCode.NOT_FOUND);
    }

    private String redeemConfirmed() {
        String verifier = TestTickets.verifier();
        Ticket ticket = RedisTickets.inState(TicketState.CONFIRMED, verifier);
        return (String) this.client.post().uri("/api/session/redeem").contentType(MediaType.APPLICATION_JSON)
            .bodyValue(Map.of("qrId", ticket.qrId(), "codeVerifier", verifier))
            .exchange()
            .expectStatus().isOk()
            .expectBody(new ParameterizedTypeReference<Map<String, Object>>() {
            })
            .returnResult().getResponseBody().get("accessToken");
    }

    /** The claims of {@code token}, changed, signed again with {@code key}. */
    private static String resign(String token, ECKey key, UnaryOperator<JWTClaimsSet.Builder> change) throws Exception {
        JWTClaimsSet claims = SignedJWT.parse(token).getJWTClaimsSet();
        return TestJwks.sign(key, change.apply(new JWTClaimsSet.Builder(claims)).build(), JOSEObjectType.JWT);
    }
}
