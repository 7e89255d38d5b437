package io.qrlogin.keys;

import java.util.Map;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import io.qrlogin.testing.TestJwks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class SigningKeySetTest {

    private final ECKey retiring = TestJwks.ec("2026-01");

    private final ECKey current = TestJwks.ec("2026-07");

    @Test
    void ofWhenTwoKeysThenTheSelectedOneSignsAndBothVerify() {
        SigningKeySet keys = SigningKeySet.of(TestJwks.jwks(this.retiring, this.current), "2026-07");

        assertThat(keys.signingKeyId()).isEqualTo("2026-07");
        assertThat(keys.signingKey()).isEqualTo(this.current);
        assertThat(keys.keys()).containsExactly(this.retiring, this.current);
        assertThat(keys.publicKeys()).containsExactly(this.retiring.toPublicJWK(), this.current.toPublicJWK())
            .noneMatch(JWK::isPrivate);
        assertThat(keys.publicJwkSet().getKeys()).isEqualTo(keys.publicKeys());
        assertThat(keys.publicJwkSet().toString()).doesNotContain("\"d\"", this.retiring.getD().toString(),
                this.current.getD().toString());
        assertThat(keys.jwkSet().getKeys()).containsExactly(this.retiring, this.current);
        assertThat(keys.verificationKey("2026-01")).contains(this.retiring.toPublicJWK());
        assertThat(keys.verificationKey("2026-07")).hasValueSatisfying((key) -> assertThat(key.isPrivate()).isFalse());
        assertThat(keys.verificationKey("other")).isEmpty();
        assertThat(keys.verificationKey(null)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = { "", "  " })
    void ofWithoutKeyIdThenTheFirstKeySigns(String blank) {
        String jwks = TestJwks.jwks(this.retiring, this.current);

        assertThat(SigningKeySet.of(jwks, null).signingKey()).isEqualTo(this.retiring);
        assertThat(SigningKeySet.of(jwks, blank).signingKeyId()).isEqualTo("2026-01");
    }

    @Test
    void ofOneGeneratedKeyThenItSignsAndIsNamedByItsThumbprint() throws Exception {
        ECKey generated = SigningKeySet.generate();
        SigningKeySet keys = SigningKeySet.of(generated);

        assertThat(keys.signingKeyId()).isEqualTo(generated.computeThumbprint().toString());
        assertThat(generated.getCurve()).isEqualTo(Curve.P_256);
        assertThat(generated.getAlgorithm()).isEqualTo(JWSAlgorithm.ES256);
        assertThat(generated.getKeyUse()).isEqualTo(KeyUse.SIGNATURE);
        assertThat(SigningKeySet.generate().getKeyID()).isNotEqualTo(generated.getKeyID());
    }

    @Test
    void keyIdNotInTheSetThenFailsNamingTheKnownKids() {
        assertThatIllegalArgumentException()
            .isThrownBy(() -> SigningKeySet.of(TestJwks.jwks(this.retiring, this.current), "2027-01"))
            .withMessageContaining("qrlogin.session.signing.key-id '2027-01'")
            .withMessageContaining("[2026-01, 2026-07]");
    }

    @Test
    void signingKeyWithoutPrivatePartThenFails() {
        assertThatIllegalArgumentException()
            .isThrownBy(() -> SigningKeySet.of(TestJwks.jwks(this.retiring, this.current.toPublicJWK()), "2026-07"))
            .withMessageContaining("no private part");
        assertThatIllegalArgumentException().isThrownBy(() -> SigningKeySet.of(this.current.toPublicJWK()))
            .withMessageContaining("no private part");
    }

    @Test
    void retiredKeyMayBePublicOnly() {
        SigningKeySet keys = SigningKeySet.of(TestJwks.jwks(this.retiring.toPublicJWK(), this.current), "2026-07");

        assertThat(keys.publicKeys()).extracting(JWK::getKeyID).containsExactly("2026-01", "2026-07");
    }

    @Test
    void keysNotEcP256ThenFailNamingTheKey() throws Exception {
        String rsa = TestJwks.jwks(new RSAKeyGenerator(2048).keyID("rsa").generate());
        String p384 = TestJwks.jwks(TestJwks.ec(Curve.P_384, "p384"));

        assertThatIllegalArgumentException().isThrownBy(() -> SigningKeySet.of(rsa, null))
            .withMessageContaining("'rsa' is not an EC P-256 key");
        assertThatIllegalArgumentException().isThrownBy(() -> SigningKeySet.of(p384, null))
            .withMessageContaining("'p384' is not an EC P-256 key");
    }

    @Test
    void keysNotForEs256SigningThenFail() {
        ECKey encryption = new ECKey.Builder(TestJwks.ec("enc")).keyUse(KeyUse.ENCRYPTION).build();
        ECKey es384 = new ECKey.Builder(TestJwks.ec("alg")).algorithm(JWSAlgorithm.ES384).build();

        assertThatIllegalArgumentException().isThrownBy(() -> SigningKeySet.of(TestJwks.jwks(encryption), null))
            .withMessageContaining("not for signing");
        assertThatIllegalArgumentException().isThrownBy(() -> SigningKeySet.of(TestJwks.jwks(es384), null))
            .withMessageContaining("not for ES256");
    }

    @Test
    void keysWithoutOrWithRepeatedKidThenFail() {
        assertThatIllegalArgumentException().isThrownBy(() -> SigningKeySet.of(TestJwks.jwks(TestJwks.ec(null)), null))
            .withMessageContaining("every key needs a kid");
        assertThatIllegalArgumentException()
            .isThrownBy(() -> SigningKeySet.of(TestJwks.jwks(this.retiring, TestJwks.ec("2026-01")), null))
            .withMessageContaining("'2026-01' appears twice");
    }

    @ParameterizedTest
    @ValueSource(strings = { "{\"keys\":[]}", "{}", "not json", "[1,2]", "{\"d\":\"c2VjcmV0LWtleS1tYXRlcmlhbA\"" })
    void notAJwkSetThenFailsWithoutQuotingTheInput(String jwks) {
        assertThatIllegalArgumentException().isThrownBy(() -> SigningKeySet.of(jwks, null))
            .withMessageStartingWith("qrlogin.session.signing.jwks")
            .withNoCause()
            .withMessageNotContaining(jwks)
            .withMessageNotContaining("c2VjcmV0");
    }

    @Test
    void keyWhenMalformedThenFailsWithoutQuotingThePrivateKey() {
        String d = this.retiring.getD().toString();
        String broken = TestJwks.jwks(this.retiring).replace(this.retiring.getX().toString(), this.current.getX().toString());

        assertThatIllegalArgumentException().isThrownBy(() -> SigningKeySet.of(broken, null))
            .withNoCause()
            .withMessageNotContaining(d);
    }

    @Test
    void privatePartNotMatchingThePublicOneThenFails() throws Exception {
        Map<String, Object> json = this.current.toJSONObject();
        json.put("d", this.retiring.getD().toString());
        ECKey mismatched = ECKey.parse(json);

        assertThatIllegalArgumentException().isThrownBy(() -> SigningKeySet.of(TestJwks.jwks(mismatched), null))
            .withMessageContaining("do not match");
        assertThatIllegalArgumentException().isThrownBy(() -> SigningKeySet.of(mismatched))
            .withMessageContaining("do not match");
    }
}
