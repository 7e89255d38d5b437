package io.qrlogin.scan.web;

import io.qrlogin.core.problem.ProblemCode;
import io.qrlogin.core.problem.QrLoginException;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import org.springframework.boot.http.codec.autoconfigure.HttpCodecsProperties;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.util.unit.DataSize;
import org.springframework.web.server.WebFilterChain;

import static org.assertj.core.api.Assertions.assertThat;

class RequestBodyLimitWebFilterTest {

    private final RequestBodyLimitWebFilter filter = new RequestBodyLimitWebFilter(codecs(DataSize.ofKilobytes(16)));

    private boolean passed;

    private final WebFilterChain chain = (exchange) -> Mono.fromRunnable(() -> this.passed = true);

    @Test
    void filterWhenBodyWithinLimitThenPasses() {
        StepVerifier.create(this.filter.filter(exchange(16 * 1024), this.chain)).verifyComplete();

        assertThat(this.passed).isTrue();
    }

    @Test
    void filterWhenNoLengthDeclaredThenPasses() {
        StepVerifier.create(this.filter.filter(MockServerWebExchange.from(MockServerHttpRequest.post("/")), this.chain))
            .verifyComplete();

        assertThat(this.passed).isTrue();
    }

    @Test
    void filterWhenBodyOverLimitThenPayloadTooLarge() {
        StepVerifier.create(this.filter.filter(exchange(16 * 1024 + 1), this.chain))
            .verifyErrorSatisfies((ex) -> assertThat(((QrLoginException) ex).code()).isEqualTo(ProblemCode.PAYLOAD_TOO_LARGE));

        assertThat(this.passed).isFalse();
    }

    @Test
    void filterWhenLimitUnsetThenSpringsDefault() {
        RequestBodyLimitWebFilter unset = new RequestBodyLimitWebFilter(codecs(null));

        StepVerifier.create(unset.filter(exchange(256 * 1024), this.chain)).verifyComplete();
        StepVerifier.create(unset.filter(exchange(256 * 1024 + 1), this.chain)).verifyError(QrLoginException.class);
    }

    private static MockServerWebExchange exchange(long length) {
        return MockServerWebExchange.from(MockServerHttpRequest.post("/").contentLength(length));
    }

    private static HttpCodecsProperties codecs(DataSize limit) {
        HttpCodecsProperties codecs = new HttpCodecsProperties();
        codecs.setMaxInMemorySize(limit);
        return codecs;
    }
}
