package io.qrlogin.session.security;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import io.qrlogin.session.token.SigningKeys;
import io.qrlogin.testing.TestJwks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import reactor.test.StepVerifier;

import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;

import static org.assertj.core.api.Assertions.assertThat;

class SessionTokenDecodersTest {

    private static final String ISSUER = "https://login.example.com";

    private static final ECKey OLD = TestJwks.ec("2026-01");

    private static final ECKey CURRENT = TestJwks.ec("2026-07");

    private final ReactiveJwtDecoder decoder = SessionTokenDecoders.sessionTokens(
            SigningKeys.of(TestJwks.jwks(OLD, CURRENT), "2026-07", false), ISSUER);

    @Test
    void decodeWhenSessionTokenThenItsClaims() {
        StepVerifier.create(this.decoder.decode(TestJwks.sign(CURRENT, claims().build(), JOSEObjectType.JWT)))
            .assertNext((jwt) -> {
                assertThat(jwt.getSubject()).isEqualTo("alice-sub");
                assertThat(jwt.getClaimAsString("sid")).isEqualTo("session-1");
                assertThat(jwt.getClaimAsStringList("amr")).containsExactly("qr");
            })
            .verifyComplete();
    }

    @Test
    void decodeWhenSignedWithAnOlderPublishedKeyThenAccepted() {
        StepVerifier.create(this.decoder.decode(TestJwks.sign(OLD, claims().build(), JOSEObjectType.JWT)))
            .expectNextCount(1)
            .verifyComplete();
    }

    @Test
    void decodeWhenExpiredWithinTheClockSkewThenAccepted() {
        Instant expiredAt = Instant.now().minusSeconds(10);
        JWTClaimsSet claims = claims().issueTime(Date.from(expiredAt.minusSeconds(3600))).expirationTime(Date.from(expiredAt)).build();

        StepVerifier.create(this.decoder.decode(TestJwks.sign(CURRENT, claims, JOSEObjectType.JWT)))
            .expectNextCount(1)
            .verifyComplete();
    }

    static Stream<Arguments> unacceptable() {
        return Stream.of(
                claims("expired", (c) -> c.issueTime(Date.from(Instant.now().minusSeconds(3600)))
                    .expirationTime(Date.from(Instant.now().minusSeconds(120)))),
                claims("without expiry", (c) -> c.expirationTime(null)),
                claims("from another issuer", (c) -> c.issuer("https://login.example.com/demo")),
                claims("without issuer", (c) -> c.issuer(null)),
                claims("without amr", (c) -> c.claim("amr", null)),
                claims("with amr but not qr", (c) -> c.claim("amr", List.of("pwd"))),
                claims("with amr not a list", (c) -> c.claim("amr", "qr")),
                claims("without subject", (c) -> c.subject(null)),
                claims("without session id", (c) -> c.claim("sid", null)),
                claims("without token id", (c) -> c.jwtID(null)),
                Arguments.of("without typ", TestJwks.sign(CURRENT, claims().build(), null)),
                Arguments.of("of another typ", TestJwks.sign(CURRENT, claims().build(), new JOSEObjectType("at+jwt"))),
                Arguments.of("signed by an unpublished key under a published kid",
                        TestJwks.sign(TestJwks.ec("2026-07"), claims().build(), JOSEObjectType.JWT)),
                Arguments.of("signed by an unknown key", TestJwks.sign(TestJwks.ec("demo"), claims().build(), JOSEObjectType.JWT)),
                Arguments.of("signed with HS256", hs256(claims().build())),
                Arguments.of("unsigned", new PlainJWT(claims().build()).serialize()),
                Arguments.of("garbage", "not-a-jwt"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unacceptable")
    void decodeWhenTokenUnacceptableThenBadJwt(String kind, String token) {
        StepVerifier.create(this.decoder.decode(token)).verifyError(BadJwtException.class);
    }

    private static Arguments claims(String kind, UnaryOperator<JWTClaimsSet.Builder> change) {
        return Arguments.of(kind, TestJwks.sign(CURRENT, change.apply(claims()).build(), JOSEObjectType.JWT));
    }

    private static JWTClaimsSet.Builder claims() {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder().issuer(ISSUER)
            .subject("alice-sub")
            .claim("name", "Alice Example")
            .audience("web")
            .issueTime(Date.from(now))
            .expirationTime(Date.from(now.plusSeconds(600)))
            .jwtID("token-1")
            .claim("sid", "session-1")
            .claim("amr", List.of("qr"))
            .claim("auth_time", now.getEpochSecond());
    }

    private static String hs256(JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID("2026-07").type(JOSEObjectType.JWT).build(),
                    claims);
            jwt.sign(new MACSigner(new byte[32]));
            return jwt.serialize();
        }
        catch (Exception ex) {
            throw new IllegalStateException(ex);
        }
    }
}
