package io.qrlogin.gateway.route;

import java.net.InetAddress;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The public routes against stand-ins for the four services: each path prefix reaches its owner
 * unchanged, the client IP the services trust is the one the gateway saw, the OpenID Provider learns the
 * public URL it is reached at, and nothing else is routed.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "qrlogin.public-base-url=" + GatewayRoutesIT.PUBLIC_URL)
@AutoConfigureWebTestClient
class GatewayRoutesIT extends StubbedGateway {

    /** Where browsers and app backends reach the gateway (behind, say, a TLS-terminating load balancer). */
    static final String PUBLIC_URL = "https://login.example.com";

    private static final String CLIENT_IP_HEADER = "X-QrLogin-Client-Ip";

    private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {
    };

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource({ "POST, /api/qr, qr", "GET, /api/qr/3q2-7wEjRWeJq83vASNFZ4mrze8BI0Vn, qr",
            "GET, /q/3q2-7wEjRWeJq83vASNFZ4mrze8BI0Vn, qr", "POST, /api/scan/3q2-7wEjRWeJq83vASNFZ4mrze8BI0Vn, scan",
            "POST, /api/scan/3q2-7wEjRWeJq83vASNFZ4mrze8BI0Vn/confirm, scan", "POST, /api/session/redeem, session",
            "GET, /api/session/me, session", "POST, /api/session/logout, session", "POST, /api/demo/app-token, session",
            "GET, /.well-known/jwks.json, session", "GET, /.well-known/openid-configuration, oidc",
            "GET, /.well-known/oauth-authorization-server, oidc", "GET, /oauth2/authorize, oidc",
            "POST, /oauth2/token, oidc", "POST, /oauth2/revoke, oidc", "POST, /oauth2/introspect, oidc",
            "POST, /oauth2/device_authorization, oidc", "GET, /userinfo, oidc", "POST, /userinfo, oidc",
            "GET, /connect/logout, oidc", "POST, /connect/logout, oidc", "GET, /login, oidc", "POST, /login/qr, oidc",
            "GET, /v3/api-docs/qr, qr", "GET, /v3/api-docs/qr.yaml, qr", "GET, /v3/api-docs/scan, scan",
            "GET, /v3/api-docs/scan.yaml, scan", "GET, /v3/api-docs/session, session",
            "GET, /v3/api-docs/session.yaml, session", "GET, /api/app/sessions, session",
            "DELETE, /api/app/sessions/Xb3kq9Zr2mC1fL0aTq7w, session", "DELETE, /api/app/sessions, session" })
    void requestThenRoutedUnchangedToTheServiceThatOwnsThePath(String method, String path, String service) {
        Map<String, Object> received = call(HttpMethod.valueOf(method), path + "?lang=en", new HttpHeaders());

        assertThat(received).containsEntry("service", service)
            .containsEntry("method", method)
            .containsEntry("path", path)
            .containsEntry("query", "lang=en");
    }

    @Test
    void requestWithSpoofedClientIpThenTheServiceGetsTheAddressTheGatewaySaw() throws Exception {
        HttpHeaders headers = new HttpHeaders();
        headers.add(CLIENT_IP_HEADER, "198.51.100.66");
        headers.add(CLIENT_IP_HEADER.toLowerCase(), "198.51.100.67");
        headers.add(ClientIpResolver.X_FORWARDED_FOR, "198.51.100.68");
        headers.add("Forwarded", "for=198.51.100.69");

        Map<String, Object> received = call(HttpMethod.POST, "/api/scan/3q2-7wEjRWeJq83vASNFZ4mrze8BI0Vn", headers);

        List<String> clientIp = header(received, CLIENT_IP_HEADER);
        assertThat(clientIp).hasSize(1);
        assertThat(InetAddress.getByName(clientIp.get(0)).isLoopbackAddress()).as(clientIp.get(0)).isTrue();
        assertThat(received.get("headers").toString()).doesNotContain("198.51.100.");
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({ "GET, /oauth2/authorize", "POST, /oauth2/token", "POST, /oauth2/revoke", "POST, /oauth2/introspect",
            "POST, /oauth2/device_authorization", "GET, /userinfo", "GET, /connect/logout", "GET, /login",
            "POST, /login/qr", "GET, /.well-known/openid-configuration" })
    void providerPathThenForwardedAsAddressedToThePublicUrlWhateverTheCallerClaims(String method, String path)
            throws Exception {
        HttpHeaders spoofed = new HttpHeaders();
        spoofed.add("X-Forwarded-Proto", "http");
        spoofed.add("X-Forwarded-Host", "evil.example");
        spoofed.add("X-Forwarded-Port", "8443");
        spoofed.add("X-Forwarded-Prefix", "/evil");
        spoofed.add(ClientIpResolver.X_FORWARDED_FOR, "198.51.100.70");
        spoofed.add("Forwarded", "for=198.51.100.71;host=evil.example;proto=http");

        Map<String, Object> received = call(HttpMethod.valueOf(method), path, spoofed);

        assertThat(received).containsEntry("service", "oidc");
        assertThat(header(received, "X-Forwarded-Proto")).containsExactly("https");
        assertThat(header(received, "X-Forwarded-Host")).containsExactly("login.example.com");
        assertThat(header(received, "X-Forwarded-Port")).containsExactly("443");
        assertThat(header(received, "X-Forwarded-Prefix")).isEmpty();
        assertThat(header(received, "Forwarded")).isEmpty();
        List<String> forwardedFor = header(received, ClientIpResolver.X_FORWARDED_FOR);
        assertThat(forwardedFor).hasSize(1);
        assertThat(InetAddress.getByName(forwardedFor.get(0)).isLoopbackAddress()).as(forwardedFor.get(0)).isTrue();
        assertThat(header(received, CLIENT_IP_HEADER)).isEqualTo(forwardedFor);
        assertThat(received.get("headers").toString()).doesNotContain("evil", "198.51.100.");
    }

    @ParameterizedTest
    @ValueSource(strings = { "/api/qr", "/api/scan/3q2-7wEjRWeJq83vASNFZ4mrze8BI0Vn", "/api/session/redeem",
            "/.well-known/jwks.json" })
    void serviceOtherThanTheProviderThenNoForwardedHeaders(String path) {
        HttpHeaders spoofed = new HttpHeaders();
        spoofed.add("X-Forwarded-Host", "evil.example");

        Map<String, Object> received = call(HttpMethod.POST, path, spoofed);

        assertThat(headers(received).keySet()).noneMatch((name) -> name.startsWith("x-forwarded-"));
    }

    @Test
    void discoveryThenTheOpenIdProvidersDocumentAndSessionServicesKeys() {
        assertThat(call(HttpMethod.GET, "/.well-known/openid-configuration", new HttpHeaders()))
            .containsEntry("service", "oidc");
        assertThat(call(HttpMethod.GET, "/.well-known/jwks.json", new HttpHeaders())).containsEntry("service", "session");
    }

    @Test
    void requestWithoutClientIpThenTheServiceGetsTheAddressTheGatewaySaw() throws Exception {
        Map<String, Object> received = call(HttpMethod.POST, "/api/qr", new HttpHeaders());

        List<String> clientIp = header(received, CLIENT_IP_HEADER);
        assertThat(clientIp).hasSize(1);
        assertThat(InetAddress.getByName(clientIp.get(0)).isLoopbackAddress()).isTrue();
    }

    @ParameterizedTest
    @CsvSource({ "POST, /api/qr", "GET, /q/3q2-7wEjRWeJq83vASNFZ4mrze8BI0Vn", "POST, /api/scan/3q2-7wEjRWeJq83vASNFZ4mrze8BI0Vn",
            "GET, /.well-known/jwks.json", "GET, /oauth2/authorize", "GET, /login", "GET, /no/such/path", "GET, /ws/qr" })
    void everyResponseOfTheEdgeThenSecurityHeaders(String method, String path) {
        this.client.method(HttpMethod.valueOf(method))
            .uri(path)
            .exchange()
            .expectHeader().valueEquals("X-Content-Type-Options", "nosniff")
            .expectHeader().valueEquals("Referrer-Policy", "no-referrer")
            .expectHeader().valueEquals("X-Frame-Options", "DENY")
            .expectHeader().valueEquals("Content-Security-Policy", "frame-ancestors 'none'")
            .expectHeader().doesNotExist("Strict-Transport-Security");
    }

    @ParameterizedTest
    @ValueSource(strings = { "/", "/api", "/api/qrx", "/api/other/thing", "/admin", "/actuator/health",
            "/actuator/prometheus", "/v3/api-docs", "/v3/api-docs/other", "/v3/api-docs/qr/extra",
            "/v3/api-docs/swagger-config", "/swagger-ui.html", "/api-docs/swagger-ui/index.html", "/ws/qr/other",
            "/.well-known/other", "/loginx", "/userinfo/extra", "/oauth2x", "/internal/sessions/Xb3kq9Zr2mC1fL0aTq7w/touch",
            "/internal", "/api/appx" })
    void requestOutsideTheRoutesThenNotFoundProblem(String path) {
        assertProblem(this.client.get().uri(path).exchange(), HttpStatus.NOT_FOUND, "not_found");
    }

    @Test
    void apiDocsUiThenSwaggerUiOverTheThreeDocumentsFromThisOriginOnly() {
        String page = this.client.get()
            .uri("/api-docs")
            .exchange()
            .expectStatus().isOk()
            .expectHeader().contentTypeCompatibleWith(MediaType.TEXT_HTML)
            .expectHeader().valueEquals("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; "
                    + "style-src 'self' 'unsafe-inline'; connect-src 'self'; object-src 'none'; base-uri 'none'; "
                    + "form-action 'self'; frame-ancestors 'none'")
            .expectHeader().valueEquals("X-Frame-Options", "DENY")
            .expectBody(String.class)
            .returnResult()
            .getResponseBody();
        assertThat(page).contains("/api-docs/swagger-ui/swagger-ui-bundle.js", "/api-docs/initializer.js")
            .doesNotContain("http://", "https://");

        this.client.get()
            .uri("/api-docs/initializer.js")
            .exchange()
            .expectStatus().isOk()
            .expectBody(String.class)
            .value((script) -> assertThat(script).contains("'/v3/api-docs/qr'", "'/v3/api-docs/scan'",
                    "'/v3/api-docs/session'", "validatorUrl: null"));
    }

    @ParameterizedTest
    @CsvSource({ "swagger-ui-bundle.js, text/javascript", "swagger-ui-standalone-preset.js, text/javascript",
            "swagger-ui.css, text/css", "favicon-32x32.png, image/png" })
    void apiDocsUiFilesThenServedFromTheWebjar(String file, String type) {
        // The Swagger UI bundle is about 1.5 MB.
        this.client.mutate()
            .codecs((codecs) -> codecs.defaultCodecs().maxInMemorySize(4 * 1024 * 1024))
            .build()
            .get()
            .uri("/api-docs/swagger-ui/" + file)
            .exchange()
            .expectStatus().isOk()
            .expectHeader().contentTypeCompatibleWith(MediaType.parseMediaType(type))
            .expectHeader().exists("Content-Security-Policy")
            .expectBody(byte[].class)
            .value((body) -> assertThat(body).hasSizeGreaterThan(500));
    }

    @Test
    void webSocketUpgradeOnARoutedPathThenNotFoundAndNothingProxied() {
        assertProblem(this.client.get()
            .uri("/api/qr/3q2-7wEjRWeJq83vASNFZ4mrze8BI0Vn")
            .headers(GatewayRoutesIT::webSocketHandshake)
            .exchange(), HttpStatus.NOT_FOUND, "not_found");
    }

    @Test
    void socketPathWithoutUpgradeThenInvalidRequest() {
        assertProblem(this.client.get().uri("/ws/qr").header(HttpHeaders.ORIGIN, "http://localhost:8080").exchange(),
                HttpStatus.BAD_REQUEST, "invalid_request");
    }

    @Test
    void socketPathFromOriginNotAllowedThenForbidden() {
        assertProblem(this.client.get()
            .uri("/ws/qr")
            .header(HttpHeaders.ORIGIN, "https://evil.example")
            .headers(GatewayRoutesIT::webSocketHandshake)
            .exchange(), HttpStatus.FORBIDDEN, "forbidden");
    }

    /** What a browser's {@code new WebSocket(url)} adds to its GET (RFC 6455 §4.1). */
    private static void webSocketHandshake(HttpHeaders headers) {
        headers.set(HttpHeaders.UPGRADE, "websocket");
        headers.set(HttpHeaders.CONNECTION, "Upgrade");
        headers.set("Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==");
        headers.set("Sec-WebSocket-Version", "13");
    }

    /** The edge's refusal: a problem of {@code status} with the stable {@code code}, never a service's answer. */
    private static void assertProblem(WebTestClient.ResponseSpec response, HttpStatus status, String code) {
        response.expectStatus().isEqualTo(status)
            .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
            .expectBody()
            .jsonPath("$.status").isEqualTo(status.value())
            .jsonPath("$.code").isEqualTo(code);
    }

    private Map<String, Object> call(HttpMethod method, String uri, HttpHeaders headers) {
        Map<String, Object> received = this.client.method(method)
            .uri(uri)
            .headers((request) -> request.addAll(headers))
            .exchange()
            .expectStatus().isOk()
            .expectBody(JSON)
            .returnResult()
            .getResponseBody();
        assertThat(received).isNotNull();
        return received;
    }

    private static List<String> header(Map<String, Object> received, String name) {
        return headers(received).getOrDefault(name.toLowerCase(), List.of());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, List<String>> headers(Map<String, Object> received) {
        return (Map<String, List<String>>) received.get("headers");
    }
}
