package io.qrlogin.session.token;

import java.security.SecureRandom;
import java.util.Map;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import io.qrlogin.session.TestKeys;
import io.qrlogin.testing.TestJwks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
    void keyIdWhenNotInTheSetThenFailsNamingTheKnownKids() {
        assertThatThrownBy(() -> SigningKeys.of(TestJwks.jwks(this.old), "2027-01", false))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("'2027-01'")
            .hasMessageContaining("[2026-01]");
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
    void signingKeyWhenPublicOnlyThenFails() {
        assertThatThrownBy(() -> SigningKeys.of(TestJwks.jwks(this.old.toPublicJWK()), null, false))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("no private part");
    }

    @Test
    void retiredKeyMayBePublicOnly() {
        SigningKeys keys = SigningKeys.of(TestJwks.jwks(this.old.toPublicJWK(), this.current), "2026-07", false);

        assertThat(keys.publicKeys()).extracting(JWK::getKeyID).containsExactly("2026-01", "2026-07");
    }

    @Test
    void keysWhenNotEcP256ThenFails() throws Exception {
        String rsa = TestJwks.jwks(new RSAKeyGenerator(2048).keyID("rsa").generate());
        String p384 = TestJwks.jwks(TestJwks.ec(Curve.P_384, "p384"));

        assertThatThrownBy(() -> SigningKeys.of(rsa, null, false)).hasMessageContaining("'rsa' is not an EC P-256 key");
        assertThatThrownBy(() -> SigningKeys.of(p384, null, false)).hasMessageContaining("'p384' is not an EC P-256 key");
    }

    @Test
    void keysWhenAKidIsMissingOrRepeatedThenFails() {
        String noKid = TestJwks.jwks(TestJwks.ec(null));
        String twice = TestJwks.jwks(this.old, TestJwks.ec("2026-01"));

        assertThatThrownBy(() -> SigningKeys.of(noKid, null, false)).hasMessageContaining("every key needs a kid");
        assertThatThrownBy(() -> SigningKeys.of(twice, null, false)).hasMessageContaining("'2026-01' appears twice");
    }

    @Test
    void keysWhenNotForEs256SigningThenFails() {
        String encryption = "{\"keys\":[" + this.old.toJSONString().replace("{", "{\"use\":\"enc\",") + "]}";
        String es384 = "{\"keys\":[" + this.old.toJSONString().replace("{", "{\"alg\":\"ES384\",") + "]}";

        assertThatThrownBy(() -> SigningKeys.of(encryption, null, false)).hasMessageContaining("not for signing");
        assertThatThrownBy(() -> SigningKeys.of(es384, null, false)).hasMessageContaining("not for ES256");
    }

    @ParameterizedTest
    @ValueSource(strings = { "{\"keys\":[]}", "{}", "not json", "[1,2]" })
    void keysWhenNotAJwkSetThenFailsWithoutQuotingTheInput(String jwks) {
        assertThatThrownBy(() -> SigningKeys.of(jwks, null, false))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageStartingWith("qrlogin.session.signing.jwks")
            .hasNoCause()
            .message().doesNotContain(jwks);
    }

    @Test
    void keyWhenMalformedThenFailsWithoutQuotingThePrivateKey() {
        String d = this.old.getD().toString();
        String broken = TestJwks.jwks(this.old).replace(this.old.getX().toString(), this.current.getX().toString());

        assertThatThrownBy(() -> SigningKeys.of(broken, null, false))
            .isInstanceOf(IllegalArgumentException.class)
            .hasNoCause()
            .message().doesNotContain(d);
    }

    @Test
    void newWhenPrivatePartDoesNotMatchThePublicOneThenFails() throws Exception {
        Map<String, Object> json = this.current.toJSONObject();
        json.put("d", this.old.getD().toString());
        ECKey mismatched = ECKey.parse(json);

        assertThatIllegalArgumentException().isThrownBy(() -> new SigningKeys(mismatched, java.util.List.of(mismatched)))
            .withMessageContaining("do not match");
    }
}
