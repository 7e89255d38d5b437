package io.qrlogin.support.web;

import io.qrlogin.core.problem.ProblemCode;
import io.qrlogin.core.problem.QrLoginException;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.codec.DecodingException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebInputException;

import static org.assertj.core.api.Assertions.assertThat;

class ProblemResponderTest {

    private final JsonMapper json = JsonMapper.builder().build();

    private final ProblemResponder responder = new ProblemResponder(this.json);

    @Test
    void handleWhenQrLoginExceptionThenProblemWithItsCode() {
        Map<String, Object> body = handle(new QrLoginException(ProblemCode.QR_EXPIRED, "This QR code has expired."), 410);
        assertThat(body).containsEntry("code", "qr_expired").containsEntry("status", 410)
            .containsEntry("title", "QR code expired").containsEntry("detail", "This QR code has expired.")
            .doesNotContainKey("instance");
    }

    @Test
    void handleWhenMalformedBodyThenInvalidRequest() {
        Map<String, Object> body = handle(new ServerWebInputException("bad", null, new DecodingException("JSON parse error: secret-input")), 400);
        assertThat(body).containsEntry("code", "invalid_request");
        assertThat(body.get("detail").toString()).doesNotContain("secret-input");
    }

    @Test
    void handleWhenBodyOverLimitThenPayloadTooLarge() {
        ServerWebInputException ex = new ServerWebInputException("bad", null, new DataBufferLimitException("Exceeded limit"));
        assertThat(handle(ex, 413)).containsEntry("code", "payload_too_large");
    }

    @Test
    void handleWhenUnknownRouteThenNotFound() {
        assertThat(handle(new ResponseStatusException(HttpStatus.NOT_FOUND), 404)).containsEntry("code", "not_found");
    }

    @Test
    void handleWhenRedisTimesOutThenUnavailable() {
        assertThat(handle(new QueryTimeoutException("Redis command timed out"), 503)).containsEntry("code", "unavailable");
    }

    @Test
    void handleWhenUnexpectedThenInternalErrorWithoutDetails() {
        Map<String, Object> body = handle(new IllegalStateException("secret internals"), 500);
        assertThat(body).containsEntry("code", "internal_error");
        assertThat(body.toString()).doesNotContain("secret internals").doesNotContain("IllegalStateException");
    }

    private Map<String, Object> handle(Throwable ex, int expectedStatus) {
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.post("/api/scan/abc"));
        this.responder.handle(exchange, ex).block();
        assertThat(exchange.getResponse().getStatusCode().value()).isEqualTo(expectedStatus);
        assertThat(exchange.getResponse().getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(exchange.getResponse().getHeaders().getCacheControl()).isEqualTo("no-store");
        String text = exchange.getResponse().getBodyAsString().block();
        return this.json.readValue(text, new TypeReference<Map<String, Object>>() {
        });
    }
}
