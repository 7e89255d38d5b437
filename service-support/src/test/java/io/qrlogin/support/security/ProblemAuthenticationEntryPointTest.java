package io.qrlogin.support.security;

import io.qrlogin.support.web.ProblemResponder;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatus;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.http.server.reactive.MockServerHttpResponse;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;

import static org.assertj.core.api.Assertions.assertThat;

class ProblemAuthenticationEntryPointTest {

    private final ProblemAuthenticationEntryPoint entryPoint = new ProblemAuthenticationEntryPoint(
            new ProblemResponder(JsonMapper.builder().build()), "app token");

    @Test
    void commenceWhenNoTokenThenUnauthorized() {
        MockServerHttpResponse response = commence(new AuthenticationCredentialsNotFoundException("none"));

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(response.getBodyAsString().block()).contains("\"code\":\"unauthorized\"");
        assertThat(response.getHeaders().getFirst("WWW-Authenticate")).isEqualTo("Bearer");
    }

    @Test
    void commenceWhenTokenInvalidThenUnauthorizedWithoutTheReason() {
        MockServerHttpResponse response = commence(new InvalidBearerTokenException("Jwt expired at 2026-01-01"));

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(response.getBodyAsString().block()).contains("\"code\":\"unauthorized\"")
            .contains("app token").doesNotContain("2026");
        assertThat(response.getHeaders().getFirst("WWW-Authenticate")).isEqualTo("Bearer error=\"invalid_token\"");
    }

    @Test
    void commenceWhenTokenCannotBeVerifiedThenUnavailable() {
        MockServerHttpResponse response = commence(new AuthenticationServiceException("JWKS unreachable"));

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(response.getBodyAsString().block()).contains("\"code\":\"unavailable\"").doesNotContain("JWKS");
    }

    /** What the entry point answers a call to the API that failed authentication with {@code failure}. */
    private MockServerHttpResponse commence(AuthenticationException failure) {
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.post("/api/scan/x"));
        StepVerifier.create(this.entryPoint.commence(exchange, failure)).verifyComplete();
        return exchange.getResponse();
    }
}
