package io.qrlogin.oidc.keys;

import java.util.Map;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import io.qrlogin.oidc.TestKeys;
import io.qrlogin.testing.TestJwks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class SigningKeysTest {

    @Test
    void ofWhenTwoKeysThenTheSelectedOneSignsAndBothVerify() {
        SigningKeys keys = SigningKeys.of(TestKeys.deployed(), "2026-07");

        assertThat(keys.signingKeyId()).isEqualTo("2026-07");
        assertThat(keys.publicJwkSet().getKeys()).containsExactly(TestKeys.RETIRING.toPublicJWK(),
                TestKeys.CURRENT.toPublicJWK()).noneMatch(JWK::isPrivate);
        assertThat(keys.verificationKey("2026-01")).contains(TestKeys.RETIRING.toPublicJWK());
        assertThat(keys.verificationKey("2026-07")).hasValueSatisfying((key) -> assertThat(key.isPrivate()).isFalse());
        assertThat(keys.verificationKey("other")).isEmpty();
        assertThat(keys.verificationKey(null)).isEmpty();
    }

    @Test
    void ofWithoutKeyIdThenTheFirstKeySigns() {
        assertThat(SigningKeys.of(TestKeys.deployed(), null).signingKeyId()).isEqualTo("2026-01");
    }

    @Test
    void keyIdNotInTheSetThenFailsNamingTheKnownKids() {
        assertThatIllegalArgumentException().isThrownBy(() -> SigningKeys.of(TestKeys.deployed(), "2027-01"))
            .withMessageContaining("qrlogin.session.signing.key-id '2027-01'").withMessageContaining("[2026-01, 2026-07]");
    }

    @Test
    void signingKeyWithoutPrivatePartThenFails() {
        assertThatIllegalArgumentException()
            .isThrownBy(() -> SigningKeys.of(TestJwks.jwks(TestKeys.RETIRING, TestKeys.CURRENT.toPublicJWK()), "2026-07"))
            .withMessageContaining("no private part");
    }

    @Test
    void keysNotEcP256OrNotForEs256SigningThenFail() throws Exception {
        assertThatIllegalArgumentException()
            .isThrownBy(() -> SigningKeys.of(TestJwks.jwks(TestJwks.ec(Curve.P_384, "p384")), null))
            .withMessageContaining("not an EC P-256 key");
        ECKey encryption = new ECKey.Builder(TestJwks.ec("enc")).keyUse(KeyUse.ENCRYPTION).build();
        assertThatIllegalArgumentException().isThrownBy(() -> SigningKeys.of(TestJwks.jwks(encryption), null))
            .withMessageContaining("not for signing");
        ECKey es384 = new ECKey.Builder(TestJwks.ec("alg")).algorithm(JWSAlgorithm.ES384).build();
        assertThatIllegalArgumentException().isThrownBy(() -> SigningKeys.of(TestJwks.jwks(es384), null))
            .withMessageContaining("not for ES256");
    }

    @Test
    void keysWithoutOrWithRepeatedKidThenFail() throws Exception {
        Map<String, Object> json = TestJwks.ec("x").toJSONObject();
        json.remove("kid");
        assertThatIllegalArgumentException().isThrownBy(() -> SigningKeys.of(TestJwks.jwks(ECKey.parse(json)), null))
            .withMessageContaining("every key needs a kid");
        assertThatIllegalArgumentException()
            .isThrownBy(() -> SigningKeys.of(TestJwks.jwks(TestJwks.ec("same"), TestJwks.ec("same")), null))
            .withMessageContaining("'same' appears twice");
    }

    @ParameterizedTest
    @ValueSource(strings = { "not json", "{\"keys\":[]}", "{\"d\":\"c2VjcmV0LWtleS1tYXRlcmlhbA\"" })
    void notAJwkSetThenFailsWithoutQuotingTheInput(String jwks) {
        assertThatIllegalArgumentException().isThrownBy(() -> SigningKeys.of(jwks, null))
            .withMessageContaining("qrlogin.session.signing.jwks")
            .withMessageNotContaining("c2VjcmV0")
            .withMessageNotContaining("not json");
    }

    @Test
    void privatePartNotMatchingThePublicOneThenFails() throws Exception {
        Map<String, Object> json = TestKeys.CURRENT.toJSONObject();
        json.put("d", TestKeys.RETIRING.getD().toString());

        assertThatIllegalArgumentException().isThrownBy(() -> SigningKeys.of(TestJwks.jwks(ECKey.parse(json)), null))
            .withMessageContaining("do not match");
    }
}
