package io.qrlogin.gateway.route;

import java.net.InetSocketAddress;
import java.net.URI;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;

import static io.qrlogin.gateway.route.OidcProviderForwardedHeadersFilter.X_FORWARDED_HOST;
import static io.qrlogin.gateway.route.OidcProviderForwardedHeadersFilter.X_FORWARDED_PORT;
import static io.qrlogin.gateway.route.OidcProviderForwardedHeadersFilter.X_FORWARDED_PREFIX;
import static io.qrlogin.gateway.route.OidcProviderForwardedHeadersFilter.X_FORWARDED_PROTO;
import static org.assertj.core.api.Assertions.assertThat;

class OidcProviderForwardedHeadersFilterTest {

    private static final String ROUTE = "oidc-provider";

    @ParameterizedTest(name = "{0}")
    @CsvSource({ "https://login.example.com, https, login.example.com, 443, ",
            "http://localhost:8080, http, localhost, 8080, ", "HTTPS://Login.Example.com:8443/, https, login.example.com, 8443, ",
            "http://[::1]:8080, http, [::1], 8080, ", "https://example.com/sso/, https, example.com, 443, /sso",
            "http://example.com/a/b, http, example.com, 80, /a/b" })
    void providerRouteThenThePublicUrlsParts(String publicUrl, String proto, String host, String port, String prefix) {
        HttpHeaders headers = filter(publicUrl, ROUTE, new HttpHeaders());

        assertThat(headers.get(X_FORWARDED_PROTO)).containsExactly(proto);
        assertThat(headers.get(X_FORWARDED_HOST)).containsExactly(host);
        assertThat(headers.get(X_FORWARDED_PORT)).containsExactly(port);
        if (prefix == null) {
            assertThat(headers.containsHeader(X_FORWARDED_PREFIX)).isFalse();
        }
        else {
            assertThat(headers.get(X_FORWARDED_PREFIX)).containsExactly(prefix);
        }
        assertThat(headers.get(ClientIpResolver.X_FORWARDED_FOR)).containsExactly("203.0.113.9");
    }

    @Test
    void providerRouteThenWhatEarlierFiltersLeftIsReplacedAndTheRestKept() {
        HttpHeaders input = new HttpHeaders();
        input.add("x-forwarded-host", "evil.example");
        input.add(X_FORWARDED_PROTO, "http");
        input.add(X_FORWARDED_PREFIX, "/evil");
        input.add(ClientIpResolver.X_FORWARDED_FOR, "198.51.100.1, 10.0.0.2");
        input.add(HttpHeaders.ACCEPT, "text/html");

        HttpHeaders headers = filter("https://login.example.com", ROUTE, input);

        assertThat(headers.get(X_FORWARDED_HOST)).containsExactly("login.example.com");
        assertThat(headers.get(X_FORWARDED_PROTO)).containsExactly("https");
        assertThat(headers.containsHeader(X_FORWARDED_PREFIX)).isFalse();
        assertThat(headers.get(ClientIpResolver.X_FORWARDED_FOR)).containsExactly("203.0.113.9");
        assertThat(headers.get(HttpHeaders.ACCEPT)).containsExactly("text/html");
        assertThat(input.get(X_FORWARDED_HOST)).as("the input is left alone").containsExactly("evil.example");
    }

    @Test
    void anotherRouteThenNothingAdded() {
        HttpHeaders input = new HttpHeaders();
        input.add(HttpHeaders.ACCEPT, "application/json");

        HttpHeaders headers = filter("https://login.example.com", "qr-service", input);

        assertThat(headers.headerNames()).containsExactly(HttpHeaders.ACCEPT);
    }

    @Test
    void runsOnRequestsOnlyAndAfterTheGatewaysOwnForwardedHeaderFilters() {
        OidcProviderForwardedHeadersFilter filter = new OidcProviderForwardedHeadersFilter(ROUTE,
                URI.create("https://login.example.com"), new ClientIpResolver(0));

        assertThat(filter.supports(HttpHeadersFilter.Type.REQUEST)).isTrue();
        assertThat(filter.supports(HttpHeadersFilter.Type.RESPONSE)).isFalse();
        assertThat(filter.getOrder()).isEqualTo(Ordered.LOWEST_PRECEDENCE);
    }

    private static HttpHeaders filter(String publicUrl, String routeId, HttpHeaders input) {
        OidcProviderForwardedHeadersFilter filter = new OidcProviderForwardedHeadersFilter(ROUTE, URI.create(publicUrl),
                new ClientIpResolver(0));
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/oauth2/authorize")
            .remoteAddress(new InetSocketAddress("203.0.113.9", 50000))
            .build());
        exchange.getAttributes().put(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR, Route.async()
            .id(routeId)
            .uri("http://127.0.0.1:8084")
            .predicate((candidate) -> true)
            .build());
        return filter.filter(input, exchange);
    }
}
