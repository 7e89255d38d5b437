package io.qrlogin.core.token;

import java.net.URI;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class IssuersTest {

    @ParameterizedTest
    @ValueSource(strings = { "https://login.example.com", "https://login.example.com/" })
    void normalizeWhenHttpsUrlThenWithoutTrailingSlash(String issuer) {
        assertThat(Issuers.normalize(URI.create(issuer))).isEqualTo(URI.create("https://login.example.com"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "ftp://login.example.com", "https://login.example.com?tenant=a",
            "https://login.example.com#top", "login.example.com", "https://user@login.example.com" })
    void normalizeWhenNotAPlainHttpUrlThenRefusedNamingTheProperty(String issuer) {
        assertThatIllegalArgumentException().isThrownBy(() -> Issuers.normalize(URI.create(issuer)))
            .withMessageContaining("qrlogin.session.issuer must be an http(s) URL without query or fragment");
    }
}
