package io.qrlogin.gateway.route;

import java.net.URI;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * CORS at the edge: the registered clients' origins (and {@code qrlogin.gateway.allowed-origins}) get
 * answers a browser lets the page read; any other origin gets no CORS header, a {@code 403 forbidden}
 * problem, and nothing reaches a service. The OpenID Provider's paths are outside the API: browsers
 * reach them by navigation (a relying party's form may post from any site) and relying parties' backends
 * send no {@code Origin}, so no request there is refused for its origin, and none gets a CORS answer.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "qrlogin.clients.web.name=Web", "qrlogin.clients.web.origins=https://login.example.com",
        "qrlogin.clients.payroll.name=Payroll", "qrlogin.clients.payroll.origins=https://payroll.example.com",
        "qrlogin.gateway.allowed-origins=https://status.example.com" })
@AutoConfigureWebTestClient
class ApiCorsIT extends StubbedGateway {

    @LocalServerPort
    private int port;

    @ParameterizedTest
    @ValueSource(strings = { "https://payroll.example.com", "https://login.example.com", "https://status.example.com" })
    void preflightFromAnAllowedOriginThenAllowedWithoutCredentials(String origin) {
        preflight("/api/qr", origin).expectStatus().isOk()
            .expectHeader().valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, origin)
            .expectHeader().value(HttpHeaders.ACCESS_CONTROL_ALLOW_METHODS, (methods) -> List.of(methods.split(",\\s*"))
                .containsAll(List.of("GET", "POST")))
            .expectHeader().value(HttpHeaders.ACCESS_CONTROL_ALLOW_HEADERS,
                    (headers) -> headers.toLowerCase().contains("content-type"))
            .expectHeader().valueEquals(HttpHeaders.ACCESS_CONTROL_MAX_AGE, "3600")
            .expectHeader().doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_CREDENTIALS);
    }

    @ParameterizedTest
    @ValueSource(strings = { "https://evil.example", "https://payroll.example.com.evil.example", "http://payroll.example.com",
            "null" })
    void preflightFromAForeignOriginThenForbiddenWithoutCorsHeaders(String origin) {
        preflight("/api/session/redeem", origin).expectStatus().isForbidden()
            .expectHeader().doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN)
            .expectHeader().doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_METHODS)
            .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
            .expectBody().jsonPath("$.code").isEqualTo("forbidden");
    }

    @Test
    void preflightForAMethodNotAllowedThenForbidden() {
        this.client.options().uri("/api/qr")
            .header(HttpHeaders.ORIGIN, "https://payroll.example.com")
            .header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "DELETE")
            .exchange()
            .expectStatus().isForbidden()
            .expectHeader().doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN);
    }

    @Test
    void requestFromAnAllowedOriginThenProxiedWithTheCorsHeader() {
        jsonPost("/api/qr", "https://payroll.example.com").expectStatus().isOk()
            .expectHeader().valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, "https://payroll.example.com")
            .expectBody().jsonPath("$.service").isEqualTo("qr");
    }

    @Test
    void requestFromAForeignOriginThenForbiddenAndNeverProxied() {
        assertForbiddenAndNeverProxied(jsonPost("/api/session/redeem", "https://evil.example"));
    }

    /**
     * {@code /%61pi/qr} is routed as {@code /api/qr}, so the origin check must see it as that (in 0.2
     * it compared the raw text and let a foreign page through).
     */
    @Test
    void requestFromAForeignOriginOnAnEncodedApiPathThenForbiddenAndNeverProxied() {
        assertProxiedWithoutCorsHeaders(jsonPost("/%61pi/qr", null), "qr");

        assertForbiddenAndNeverProxied(jsonPost("/%61pi/qr", "https://evil.example"));
    }

    /** Paths only traversal and filter-bypass tricks use: a problem at the edge, never a service's bare 400. */
    @ParameterizedTest
    @ValueSource(strings = { "/api/scan/..%2F..%2Fetc%2Fpasswd", "/api;x/qr", "/api/qr;x", "/api/%2e%2e/qr",
            "/api//qr", "/q/..%5C..%5Cx" })
    void oddPathThenInvalidRequestProblemAndNeverProxied(String path) {
        for (String origin : new String[] { null, "https://evil.example" }) {
            post(path, origin).exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN)
                .expectBody().jsonPath("$.code").isEqualTo("invalid_request").jsonPath("$.status").isEqualTo(400)
                .jsonPath("$.service").doesNotExist();
        }
    }

    @Test
    void requestWithoutAnOriginThenNotCorsAndProxied() {
        assertProxiedWithoutCorsHeaders(jsonPost("/api/qr", null), "qr");
    }

    @Test
    void pathsOutsideTheApiGetNoCorsAnswers() {
        this.client.get().uri("/.well-known/jwks.json")
            .header(HttpHeaders.ORIGIN, "https://payroll.example.com")
            .exchange()
            .expectHeader().doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN);
    }

    @ParameterizedTest
    @ValueSource(strings = { "/connect/logout", "/oauth2/authorize", "/login/qr" })
    void formPostToTheProviderFromAnyOriginThenProxiedWithoutCorsHeaders(String path) {
        assertProxiedWithoutCorsHeaders(formPost(path, "https://evil.example", "state=xyz"), "oidc");
    }

    @Test
    void tokenRequestFromARelyingPartysBackendThenProxied() {
        assertProxiedWithoutCorsHeaders(formPost("/oauth2/token", null, "grant_type=authorization_code"), "oidc");
    }

    @ParameterizedTest
    @ValueSource(strings = { "/oauth2/token", "/userinfo", "/.well-known/openid-configuration" })
    void preflightToTheProviderThenNoCorsAnswer(String path) {
        preflight(path, "https://payroll.example.com")
            .expectHeader().doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN)
            .expectHeader().doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_METHODS);
    }

    /** A POST to {@code path} taken as written, from a page of {@code origin} (none: the app or a backend). */
    private WebTestClient.RequestBodySpec post(String path, @Nullable String origin) {
        WebTestClient.RequestBodySpec request = this.client.post().uri(raw(path));
        if (origin != null) {
            request.header(HttpHeaders.ORIGIN, origin);
        }
        return request;
    }

    /** A URI taken as written: a URI template would escape the {@code %} of an escape. */
    private URI raw(String path) {
        return URI.create("http://localhost:" + this.port + path);
    }

    /** An API call as the widget sends it. */
    private WebTestClient.ResponseSpec jsonPost(String path, @Nullable String origin) {
        return post(path, origin).contentType(MediaType.APPLICATION_JSON).bodyValue("{}").exchange();
    }

    /** A form as a relying party's page posts it, or its backend (no {@code origin}). */
    private WebTestClient.ResponseSpec formPost(String path, @Nullable String origin, String form) {
        return post(path, origin).contentType(MediaType.APPLICATION_FORM_URLENCODED).bodyValue(form).exchange();
    }

    private static void assertProxiedWithoutCorsHeaders(WebTestClient.ResponseSpec response, String service) {
        response.expectStatus().isOk()
            .expectHeader().doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN)
            .expectBody().jsonPath("$.service").isEqualTo(service);
    }

    private static void assertForbiddenAndNeverProxied(WebTestClient.ResponseSpec response) {
        response.expectStatus().isForbidden()
            .expectHeader().doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN)
            .expectBody().jsonPath("$.code").isEqualTo("forbidden").jsonPath("$.service").doesNotExist();
    }

    private WebTestClient.ResponseSpec preflight(String path, String origin) {
        return this.client.options().uri(path)
            .header(HttpHeaders.ORIGIN, origin)
            .header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "POST")
            .header(HttpHeaders.ACCESS_CONTROL_REQUEST_HEADERS, "content-type")
            .exchange();
    }
}
