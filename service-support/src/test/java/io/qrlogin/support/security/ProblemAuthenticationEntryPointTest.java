package io.qrlogin.support.security;

import io.qrlogin.support.web.ProblemResponder;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatus;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;

import static org.assertj.core.api.Assertions.assertThat;

class ProblemAuthenticationEntryPointTest {

    private final ProblemAuthenticationEntryPoint entryPoint = new ProblemAuthenticationEntryPoint(
            new ProblemResponder(JsonMapper.builder().build()), "app token");

    @Test
    void commenceWhenNoTokenThenUnauthorized() {
        MockServerWebExchange exchange = exchange();

        StepVerifier.create(this.entryPoint.commence(exchange, new AuthenticationCredentialsNotFoundException("none")))
            .verifyComplete();

        assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(exchange.getResponse().getBodyAsString().block()).contains("\"code\":\"unauthorized\"");
        assertThat(exchange.getResponse().getHeaders().getFirst("WWW-Authenticate")).isEqualTo("Bearer");
    }

    @Test
    void commenceWhenTokenInvalidThenUnauthorizedWithoutTheReason() {
        MockServerWebExchange exchange = exchange();

        StepVerifier.create(this.entryPoint.commence(exchange, new InvalidBearerTokenException("Jwt expired at 2026-01-01")))
            .verifyComplete();

        assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(exchange.getResponse().getBodyAsString().block()).contains("\"code\":\"unauthorized\"")
            .contains("app token").doesNotContain("2026");
        assertThat(exchange.getResponse().getHeaders().getFirst("WWW-Authenticate")).isEqualTo("Bearer error=\"invalid_token\"");
    }

    @Test
    void commenceWhenTokenCannotBeVerifiedThenUnavailable() {
        MockServerWebExchange exchange = exchange();

        StepVerifier.create(this.entryPoint.commence(exchange, new AuthenticationServiceException("JWKS unreachable")))
            .verifyComplete();

        assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(exchange.getResponse().getBodyAsString().block()).contains("\"code\":\"unavailable\"")
            .doesNotContain("JWKS");
    }

    private static MockServerWebExchange exchange() {
        return MockServerWebExchange.from(MockServerHttpRequest.post("/api/scan/x"));
    }
}
