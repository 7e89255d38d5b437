package io.qrlogin.testing;

import io.qrlogin.core.problem.ProblemCode;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The RFC 9457 problem every service answers a refused call with (one writer, codes from
 * {@link ProblemCode}), asserted the same way by every slice test and integration test.
 */
public final class ProblemResponses {

    private ProblemResponses() {
    }

    /**
     * Asserts that {@code response} is the problem {@code code}: its status, {@code application/problem+json},
     * never cached, and a body with the status, the stable code and a detail. Returns the body for checks of
     * its own.
     */
    public static WebTestClient.BodyContentSpec expectProblem(WebTestClient.ResponseSpec response, ProblemCode code) {
        return response.expectStatus().isEqualTo(code.status())
            .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
            .expectHeader().cacheControl(CacheControl.noStore())
            .expectBody()
            .jsonPath("$.status").isEqualTo(code.status())
            .jsonPath("$.code").isEqualTo(code.code())
            .jsonPath("$.detail").isNotEmpty();
    }

    /**
     * Asserts that {@code response} is the {@code unauthorized} problem with a bearer challenge: RFC 6750 §3
     * asks for a bare challenge without a token and {@code error="invalid_token"} with a bad one.
     */
    public static WebTestClient.BodyContentSpec expectUnauthorized(WebTestClient.ResponseSpec response) {
        response.expectHeader().value(HttpHeaders.WWW_AUTHENTICATE, (challenge) -> assertThat(challenge).startsWith("Bearer"));
        return expectProblem(response, ProblemCode.UNAUTHORIZED);
    }
}
