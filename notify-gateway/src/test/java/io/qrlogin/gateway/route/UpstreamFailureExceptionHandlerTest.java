package io.qrlogin.gateway.route;

import java.net.ConnectException;
import java.util.concurrent.TimeoutException;

import io.qrlogin.support.web.ProblemResponder;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatus;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.server.ResponseStatusException;

import static org.assertj.core.api.Assertions.assertThat;

class UpstreamFailureExceptionHandlerTest {

    private final UpstreamFailureExceptionHandler handler = new UpstreamFailureExceptionHandler(
            new ProblemResponder(JsonMapper.builder().build()));

    @Test
    void handleWhenServiceRefusesConnectionsThenUnavailableProblem() {
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/api/qr"));

        StepVerifier.create(this.handler.handle(exchange, new IllegalStateException(new ConnectException("refused"))))
            .verifyComplete();

        assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        StepVerifier.create(exchange.getResponse().getBodyAsString())
            .assertNext((body) -> assertThat(body).contains("\"code\":\"unavailable\"").doesNotContain("refused"))
            .verifyComplete();
    }

    @Test
    void handleWhenServiceTooSlowThenUnavailableProblem() {
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/api/qr"));

        StepVerifier.create(this.handler.handle(exchange, new ResponseStatusException(HttpStatus.GATEWAY_TIMEOUT)))
            .verifyComplete();

        assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
    }

    @Test
    void handleWhenAnythingElseThenLeftToTheProblemResponder() {
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/api/qr"));
        TimeoutException other = new TimeoutException();

        StepVerifier.create(this.handler.handle(exchange, other)).verifyErrorSatisfies((ex) -> assertThat(ex).isSameAs(other));
        StepVerifier.create(this.handler.handle(exchange, new ResponseStatusException(HttpStatus.NOT_FOUND)))
            .verifyError(ResponseStatusException.class);
    }
}
