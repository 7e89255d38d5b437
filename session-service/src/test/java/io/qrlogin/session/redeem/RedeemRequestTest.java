package io.qrlogin.session.redeem;

import io.qrlogin.core.problem.ProblemCode;
import io.qrlogin.core.problem.QrLoginException;
import io.qrlogin.testing.TestTickets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class RedeemRequestTest {

    private final String qrId = TestTickets.qrId();

    private final String verifier = TestTickets.verifier();

    @Test
    void validateWhenWellFormedThenBoth() {
        RedeemRequest.Valid valid = new RedeemRequest(this.qrId, this.verifier).validate();

        assertThat(valid.qrId()).isEqualTo(this.qrId);
        assertThat(valid.codeVerifier()).isEqualTo(this.verifier);
    }

    @Test
    void validateWhenVerifierHasEveryAllowedCharacterThenAccepted() {
        String verifier = "AZaz09-._~".repeat(5);

        assertThat(new RedeemRequest(this.qrId, verifier).validate().codeVerifier()).isEqualTo(verifier);
    }

    @ParameterizedTest
    @CsvSource(nullValues = "null", value = { "null, qrId", "'', qrId", "too-short, qrId", "../../../etc/passwd/aaaaaaaaaaaaa, qrId" })
    void validateWhenIdMalformedThenInvalidRequest(String qrId, String field) {
        assertInvalid(new RedeemRequest(qrId, this.verifier), field);
    }

    @ParameterizedTest
    @CsvSource(nullValues = "null", value = { "null", "''", "short", "'has spaces in it and is long enough to pass length checks'",
            "'ends with a plus sign so it is not RFC 7636 material at all+'" })
    void validateWhenVerifierMalformedThenInvalidRequest(String verifier) {
        assertInvalid(new RedeemRequest(this.qrId, verifier), "codeVerifier");
    }

    @Test
    void validateWhenVerifierTooLongThenInvalidRequest() {
        assertInvalid(new RedeemRequest(this.qrId, "a".repeat(129)), "codeVerifier");
    }

    @Test
    void toStringNeverShowsTheVerifierOrTheId() {
        RedeemRequest request = new RedeemRequest(this.qrId, this.verifier);

        assertThat(request.toString()).doesNotContain(this.verifier).doesNotContain(this.qrId);
        assertThat(request.validate().toString()).doesNotContain(this.verifier).doesNotContain(this.qrId);
    }

    private static void assertInvalid(RedeemRequest request, String field) {
        assertThatExceptionOfType(QrLoginException.class).isThrownBy(request::validate).satisfies((ex) -> {
            assertThat(ex.code()).isEqualTo(ProblemCode.INVALID_REQUEST);
            assertThat(ex.getMessage()).startsWith(field);
        });
    }
}
