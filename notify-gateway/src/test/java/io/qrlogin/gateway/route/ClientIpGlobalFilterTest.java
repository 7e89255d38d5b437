package io.qrlogin.gateway.route;

import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.OrderUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.server.ServerWebExchange;

import static org.assertj.core.api.Assertions.assertThat;

class ClientIpGlobalFilterTest {

    private static final String HEADER = "X-QrLogin-Client-Ip";

    private final AtomicReference<ServerWebExchange> forwarded = new AtomicReference<>();

    private final GatewayFilterChain chain = (exchange) -> {
        this.forwarded.set(exchange);
        return Mono.empty();
    };

    @Test
    void filterWhenCallerSentTheHeaderThenReplacedByTheClientIp() {
        MockServerHttpRequest request = MockServerHttpRequest.post("/api/scan/x")
            .remoteAddress(new InetSocketAddress("203.0.113.9", 50000))
            .header(HEADER, "198.51.100.1")
            .header(HEADER.toUpperCase(), "198.51.100.2")
            .build();

        assertThat(forwardedHeaders(0, request).get(HEADER)).containsExactly("203.0.113.9");
    }

    @Test
    void filterWhenBehindTrustedProxyThenTheAddressItSaw() {
        MockServerHttpRequest request = MockServerHttpRequest.post("/api/qr")
            .remoteAddress(new InetSocketAddress("10.0.0.2", 50000))
            .header("X-Forwarded-For", "198.51.100.1, 203.0.113.9")
            .header(HEADER, "198.51.100.1")
            .build();

        assertThat(forwardedHeaders(1, request).get(HEADER)).containsExactly("203.0.113.9");
    }

    @Test
    void filterWhenClientUnknownThenTheCallersValueIsStillDropped() {
        MockServerHttpRequest request = MockServerHttpRequest.post("/api/qr").header(HEADER, "198.51.100.1").build();

        assertThat(forwardedHeaders(0, request).containsHeader(HEADER)).isFalse();
    }

    @Test
    void filterRunsBeforeEveryOtherFilter() {
        // The order Spring Cloud Gateway reads from the class (it sorts its global filters by it).
        assertThat(OrderUtils.getOrder(ClientIpGlobalFilter.class)).isEqualTo(Ordered.HIGHEST_PRECEDENCE);
    }

    /** The headers the filter passes on for {@code request}, behind {@code trustedProxies} proxies. */
    private HttpHeaders forwardedHeaders(int trustedProxies, MockServerHttpRequest request) {
        ClientIpGlobalFilter filter = new ClientIpGlobalFilter(HEADER, new ClientIpResolver(trustedProxies));

        StepVerifier.create(filter.filter(MockServerWebExchange.from(request), this.chain)).verifyComplete();

        return this.forwarded.get().getRequest().getHeaders();
    }
}
