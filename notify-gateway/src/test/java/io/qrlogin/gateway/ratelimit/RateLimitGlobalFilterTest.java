package io.qrlogin.gateway.ratelimit;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import io.qrlogin.gateway.GatewayProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class RateLimitGlobalFilterTest {

    @Test
    void theAppBucketIsTheWholeTokenNeverAClaimReadFromIt() {
        String token = token("{\"sub\":\"alice\",\"name\":\"Alice\"}");
        assertThat(RateLimitGlobalFilter.bearerToken("Bearer " + token)).isEqualTo(token);
        assertThat(RateLimitGlobalFilter.bearerToken("bearer  " + token + " ")).isEqualTo(token);
        // Two tokens naming the same user (a forged one and the real one) are two buckets.
        String forged = token.substring(0, token.lastIndexOf('.')) + ".Zm9yZ2Vk";
        assertThat(RateLimitGlobalFilter.key("app", RateLimitGlobalFilter.bearerToken("Bearer " + forged)))
            .isNotEqualTo(RateLimitGlobalFilter.key("app", token));
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = { "", "Basic YWxpY2U6c2VjcmV0", "Bearer", "Bearer ", "Bearer    " })
    void noAppBucketWhenThereIsNoBearerToken(String authorization) {
        assertThat(RateLimitGlobalFilter.bearerToken(authorization)).isNull();
    }

    @Test
    void aHugeHeaderGetsNoBucketOfItsOwn() {
        String huge = "Bearer " + token("{\"sub\":\"" + "a".repeat(9000) + "\"}");
        assertThat(RateLimitGlobalFilter.bearerToken(huge)).isNull();
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
