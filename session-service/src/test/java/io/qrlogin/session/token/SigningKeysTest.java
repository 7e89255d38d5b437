package io.qrlogin.session.token;

import java.security.SecureRandom;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.util.Base64URL;
import io.qrlogin.testing.TestJwks;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What session-service adds to the shared key set (whose checks {@code SigningKeySetTest} in signing-keys covers). */
class SigningKeysTest {

    private final ECKey old = TestJwks.ec("2026-01");

    private final ECKey current = TestJwks.ec("2026-07");

    @Test
    void ofWhenTwoKeysConfiguredThenBothPublishedAndTheSelectedOneSigns() throws Exception {
        SigningKeys keys = SigningKeys.of(TestJwks.jwks(this.old, this.current), "2026-07", false);

        assertThat(keys.keyId()).isEqualTo("2026-07");
        JWKSet published = JWKSet.parse(keys.publicJwkSet());
        assertThat(published.getKeys()).extracting(JWK::getKeyID).containsExactly("2026-01", "2026-07");
        assertThat(published.getKeys()).noneMatch(JWK::isPrivate);
        assertThat(keys.publicJwkSet()).doesNotContain("\"d\"", this.old.getD().toString(), this.current.getD().toString());
        assertThat(keys.publicKeys()).containsExactly(this.old.toPublicJWK(), this.current.toPublicJWK());

        JWSHeader header = new JWSHeader(JWSAlgorithm.ES256);
        byte[] content = "content".getBytes();
        Base64URL signature = keys.signer(new SecureRandom()).sign(header, content);
        assertThat(new ECDSAVerifier(this.current.toPublicJWK()).verify(header, content, signature)).isTrue();
        assertThat(new ECDSAVerifier(this.old.toPublicJWK()).verify(header, content, signature)).isFalse();
    }

    @Test
    void ofWhenDemoModeWithoutKeysThenAGeneratedKeySignsAndIsPublished() throws Exception {
        SigningKeys keys = SigningKeys.of(null, null, true);

        JWKSet published = JWKSet.parse(keys.publicJwkSet());
        assertThat(published.getKeys()).singleElement().satisfies((key) -> {
            assertThat(key.getKeyID()).isEqualTo(keys.keyId()).isEqualTo(key.computeThumbprint().toString());
            assertThat(key.isPrivate()).isFalse();
            assertThat(((ECKey) key).getCurve()).isEqualTo(Curve.P_256);
            assertThat(key.getAlgorithm()).isEqualTo(JWSAlgorithm.ES256);
        });
    }

    @Test
    void ofWhenGeneratedTwiceThenDifferentKeys() {
        SigningKeys one = SigningKeys.of(null, null, true);
        SigningKeys two = SigningKeys.of(null, null, true);

        assertThat(one.keyId()).isNotEqualTo(two.keyId());
    }

    @Test
    void ofWhenNoKeysOutsideDemoModeThenFails() {
        assertThatIllegalStateException().isThrownBy(() -> SigningKeys.of(null, null, false));
    }

    @Test
    void keyIdWhenUnsetThenTheFirstKeySigns() {
        SigningKeys keys = SigningKeys.of(TestJwks.jwks(this.old, this.current), null, false);

        assertThat(keys.keyId()).isEqualTo("2026-01");
        assertThat(keys.signingKey()).isEqualTo(this.old);
    }

    @Test
    void keyIdWhenSetThenThatKeySigns() {
        SigningKeys keys = SigningKeys.of(TestJwks.jwks(this.old, this.current), "2026-07", false);

        assertThat(keys.signingKey()).isEqualTo(this.current);
    }

    @Test
    void keyIdWithoutKeysThenFails() {
        for (boolean demo : new boolean[] { false, true }) {
            assertThatThrownBy(() -> SigningKeys.of(null, "2026-01", demo))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("qrlogin.session.signing.jwks is not");
        }
    }

    @Test
    void ofWhenTheConfiguredSetIsRefusedThenFailsNamingTheProperty() {
        assertThatThrownBy(() -> SigningKeys.of("{\"keys\":[]}", null, false))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage("qrlogin.session.signing.jwks has no keys");
    }
}
