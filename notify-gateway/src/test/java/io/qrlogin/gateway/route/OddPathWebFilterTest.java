package io.qrlogin.gateway.route;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.http.server.RequestPath;

import static org.assertj.core.api.Assertions.assertThat;

class OddPathWebFilterTest {

    @ParameterizedTest
    @ValueSource(strings = { "/api/scan/..%2F..%2Fetc%2Fpasswd", "/api/scan/abc%2fdef", "/api/scan/abc%5Cdef",
            "/api/scan/%2e%2e/x", "/api/../q/x", "/api/./qr", "/api//qr", "/api;x/qr", "/api/qr;jsessionid=1",
            "/api/scan/a\\b", "/api/scan/%00", "/api/scan/%0a", "/api/scan/%25%32%66", "/api/scan/%", "/api/scan/%zz",
            "/api/scan/%2", "/..", "//api/qr" })
    void pathsUsedOnlyForTraversalOrFilterBypassAreOdd(String rawPath) {
        assertThat(OddPathWebFilter.isOdd(rawPath)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = { "/", "/api/qr", "/api/qr/", "/api/scan/3q2-7wEjRWeJq83vASNFZ4mrze8BI0Vn/confirm",
            "/q/3q2-7wEjRWeJq83vASNFZ4mrze8BI0Vn", "/.well-known/openid-configuration", "/%61pi/qr", "/widget/qr-login.js",
            "/api/scan/user-code" })
    void pathsOurPagesAndApisUseAreNotOdd(String rawPath) {
        assertThat(OddPathWebFilter.isOdd(rawPath)).isFalse();
    }

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({ "/api/qr, /api/qr", "/%61pi/qr, /api/qr", "/api;x/qr, /api/qr", "/%41PI/qr, /API/qr",
            "/q/abc, /q/abc" })
    void checksSeeThePathTheRoutesMatch(String rawPath, String normalized) {
        assertThat(OddPathWebFilter.normalized(RequestPath.parse(rawPath, null))).isEqualTo(normalized);
    }
}
