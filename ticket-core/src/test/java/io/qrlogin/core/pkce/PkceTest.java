package io.qrlogin.core.pkce;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PkceTest {

    /** RFC 7636 Appendix B. */
    private static final String RFC_VERIFIER = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";

    private static final String RFC_CHALLENGE = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";

    @Test
    void s256WhenRfcExampleThenRfcChallenge() {
        assertThat(Pkce.s256(RFC_VERIFIER)).isEqualTo(RFC_CHALLENGE);
    }

    @Test
    void matchesWhenVerifierHashesToChallengeThenTrue() {
        assertThat(Pkce.matches(RFC_VERIFIER, RFC_CHALLENGE)).isTrue();
    }

    @Test
    void matchesWhenVerifierDiffersThenFalse() {
        String other = RFC_VERIFIER.substring(0, RFC_VERIFIER.length() - 1) + "N";
        assertThat(Pkce.matches(other, RFC_CHALLENGE)).isFalse();
    }

    @Test
    void matchesWhenVerifierMalformedThenFalse() {
        assertThat(Pkce.matches("short", RFC_CHALLENGE)).isFalse();
        assertThat(Pkce.matches(RFC_CHALLENGE, RFC_CHALLENGE)).isFalse();
        assertThat(Pkce.matches(null, RFC_CHALLENGE)).isFalse();
    }

    @Test
    void verifierShapeFollowsRfc7636() {
        assertThat(Pkce.isWellFormedVerifier("a".repeat(43))).isTrue();
        assertThat(Pkce.isWellFormedVerifier("a".repeat(128))).isTrue();
        assertThat(Pkce.isWellFormedVerifier("a".repeat(42))).isFalse();
        assertThat(Pkce.isWellFormedVerifier("a".repeat(129))).isFalse();
        assertThat(Pkce.isWellFormedVerifier("-._~" + "A".repeat(39))).isTrue();
        assertThat(Pkce.isWellFormedVerifier("+" + "A".repeat(42))).isFalse();
    }

    @Test
    void challengeShapeIsUnpaddedBase64UrlOfSha256() {
        assertThat(Pkce.isWellFormedChallenge(RFC_CHALLENGE)).isTrue();
        assertThat(Pkce.isWellFormedChallenge(RFC_CHALLENGE + "=")).isFalse();
        assertThat(Pkce.isWellFormedChallenge(RFC_CHALLENGE.substring(1))).isFalse();
        assertThat(Pkce.isWellFormedChallenge(RFC_CHALLENGE.replace('-', '+'))).isFalse();
    }
}
