package io.qrlogin.gateway.ratelimit;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import io.qrlogin.gateway.GatewayProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class RateLimitGlobalFilterTest {

    private final RateLimitGlobalFilter filter = new RateLimitGlobalFilter(null, null, null, JsonMapper.builder().build());

    @Test
    void subjectOfABearerTokenIsReadWithoutVerifyingIt() {
        assertThat(this.filter.subject("Bearer " + token("{\"sub\":\"alice\",\"name\":\"Alice\"}"))).isEqualTo("alice");
        assertThat(this.filter.subject("bearer " + token("{\"sub\":\"alice\"}"))).isEqualTo("alice");
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = { "", "Basic YWxpY2U6c2VjcmV0", "Bearer", "Bearer abc", "Bearer a.b", "Bearer a.!!!.c",
            "Bearer e30.bm90IGpzb24.c2ln", "Bearer e30.eyJzdWIiOjQyfQ.c2ln", "Bearer e30.eyJzdWIiOiIifQ.c2ln",
            "Bearer e30.WzFd.c2ln" })
    void noSubjectWhenThereIsNoReadableOne(String authorization) {
        assertThat(this.filter.subject(authorization)).isNull();
    }

    @Test
    void aHugeHeaderIsNotLookedInto() {
        String huge = "Bearer " + token("{\"sub\":\"" + "a".repeat(9000) + "\"}");
        assertThat(this.filter.subject(huge)).isNull();
    }

    @Test
    void keysAreShortHashesApartPerKind() {
        String browser = RateLimitGlobalFilter.key("browser", "198.51.100.7");
        assertThat(browser).startsWith("browser:").doesNotContain("198.51.100.7").hasSize("browser:".length() + 16);
        assertThat(RateLimitGlobalFilter.key("app-address", "198.51.100.7")).doesNotEndWith(browser.substring(8));
        assertThat(RateLimitGlobalFilter.key("browser", "198.51.100.7")).isEqualTo(browser);
    }

    @Test
    void bucketsAreValidatedAndRetryAfterIsWholeSeconds() {
        assertThat(new GatewayProperties.Bucket(10, 100).retryAfterSeconds()).isEqualTo(1);
        assertThat(new GatewayProperties.Bucket(1, 1).retryAfterSeconds()).isEqualTo(1);
        assertThatIllegalArgumentException().isThrownBy(() -> new GatewayProperties.Bucket(10, 5));
    }

    private static String token(String claims) {
        Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
        return base64.encodeToString("{\"alg\":\"ES256\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + base64.encodeToString(claims.getBytes(StandardCharsets.UTF_8)) + ".c2ln";
    }
}
