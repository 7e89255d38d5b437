package io.qrlogin.core.client;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class OriginsTest {

    @Test
    void headerIsNormalisedAsBrowsersSendIt() {
        assertThat(Origins.of("HTTPS://Login.Example.com:443")).hasValue("https://login.example.com");
        assertThat(Origins.of("http://localhost:8080")).hasValue("http://localhost:8080");
        assertThat(Origins.of("http://localhost:80")).hasValue("http://localhost");
    }

    @Test
    void headerThatIsNotAnHttpOriginIsNone() {
        assertThat(Origins.of(null)).isEmpty();
        assertThat(Origins.of("null")).isEmpty();
        assertThat(Origins.of("file://")).isEmpty();
        assertThat(Origins.of("https://user@login.example.com")).isEmpty();
        assertThat(Origins.of("https://login.example.com/path")).isEmpty();
        assertThat(Origins.of("https://login.example.com?q")).isEmpty();
        assertThat(Origins.of("not a uri")).isEmpty();
    }

    @Test
    void configuredValueThatIsNotAnOriginFailsNamingTheProperty() {
        assertThatIllegalArgumentException().isThrownBy(() -> Origins.normalize("https://*.example.com", "some.property"))
            .withMessageContaining("some.property");
    }
}
