package io.qrlogin.session.demo;

import io.qrlogin.core.problem.ProblemCode;
import io.qrlogin.core.problem.QrLoginException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class DemoTokenRequestTest {

    @ParameterizedTest
    @ValueSource(strings = { "alice", "a", "Bob.Smith_2-x", "0123456789012345678901234567890123456789012345678901234567890123" })
    void validUsernameWhenWellFormedThenIt(String username) {
        assertThat(new DemoTokenRequest(username).validUsername()).isEqualTo(username);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = { "alice smith", "alice@example.com", "ålice", "../admin",
            "01234567890123456789012345678901234567890123456789012345678901234" })
    void validUsernameWhenMalformedThenInvalidRequest(String username) {
        assertThatExceptionOfType(QrLoginException.class).isThrownBy(() -> new DemoTokenRequest(username).validUsername())
            .satisfies((ex) -> assertThat(ex.code()).isEqualTo(ProblemCode.INVALID_REQUEST));
    }
}
