package io.qrlogin.session.demo;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.qrlogin.session.token.RandomIds;
import io.qrlogin.session.token.SigningKeys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class DemoAppTokensTest {

    private static final Instant NOW = Instant.parse("2026-11-24T09:00:00Z");

    private final ECKey key = SigningKeys.generate();

    private final DemoAppTokens tokens = new DemoAppTokens(this.key, "http://localhost:8080", Duration.ofHours(12),
            new RandomIds(new SecureRandom()), new SecureRandom(), Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void issueThenAnAppTokenForTheAppAudienceFromTheDemoIssuer() throws Exception {
        SignedJWT jwt = SignedJWT.parse(this.tokens.issue("alice"));

        assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.ES256);
        assertThat(jwt.getHeader().getKeyID()).isEqualTo(this.key.getKeyID()).isEqualTo(this.tokens.keyId());
        assertThat(jwt.getHeader().getType()).isEqualTo(JOSEObjectType.JWT);
        assertThat(jwt.verify(new ECDSAVerifier(this.key.toPublicJWK()))).isTrue();
        JWTClaimsSet claims = jwt.getJWTClaimsSet();
        assertThat(claims.getIssuer()).isEqualTo("http://localhost:8080/demo");
        assertThat(claims.getAudience()).containsExactly("qrlogin-app");
        assertThat(claims.getSubject()).isEqualTo("alice");
        assertThat(claims.getStringClaim("name")).isEqualTo("Alice");
        assertThat(claims.getIssueTime()).isEqualTo(Date.from(NOW));
        assertThat(claims.getExpirationTime()).isEqualTo(Date.from(NOW.plus(Duration.ofHours(12))));
        assertThat(claims.getJWTID()).isNotBlank();
        assertThat(claims.getClaim("amr")).isNull();
    }

    @Test
    void publicJwkSetThenOnlyThePublicDemoKey() throws Exception {
        JWKSet set = JWKSet.parse(this.tokens.publicJwkSet());

        assertThat(set.getKeys()).singleElement().isEqualTo(this.key.toPublicJWK());
        assertThat(this.tokens.publicJwkSet()).doesNotContain(this.key.getD().toString());
    }

    @ParameterizedTest
    @CsvSource({ "alice, Alice", "bob.smith, Bob Smith", "jean-luc_picard, Jean Luc Picard", "r2d2, R2d2",
            "..., ...", "x, X", "_alice_, Alice", "ALICE, ALICE" })
    void displayNameThenReadableFromTheUserName(String username, String name) {
        assertThat(DemoAppTokens.displayName(username)).isEqualTo(name);
    }
}
