package io.qrlogin.core.client;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class OriginsTest {

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({ "HTTPS://Login.Example.com:443, https://login.example.com", "http://localhost:8080, http://localhost:8080",
            "http://localhost:80, http://localhost" })
    void headerIsNormalisedAsBrowsersSendIt(String header, String origin) {
        assertThat(Origins.of(header)).hasValue(origin);
    }

    @ParameterizedTest(name = "{0}")
    @NullSource
    @ValueSource(strings = { "null", "file://", "https://user@login.example.com", "https://login.example.com/path",
            "https://login.example.com?q", "not a uri" })
    void headerThatIsNotAnHttpOriginIsNone(String header) {
        assertThat(Origins.of(header)).isEmpty();
    }

    @Test
    void configuredValueThatIsNotAnOriginFailsNamingTheProperty() {
        assertThatIllegalArgumentException().isThrownBy(() -> Origins.normalize("https://*.example.com", "some.property"))
            .withMessageContaining("some.property");
    }
}
