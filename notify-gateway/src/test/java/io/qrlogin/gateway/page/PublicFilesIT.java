package io.qrlogin.gateway.page;

import java.security.MessageDigest;
import java.util.Base64;
import java.util.Map;

import io.qrlogin.testing.TestInfrastructure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the gateway publishes for other sites and their developers. The widget for pages on other origins:
 * CORS answers for the browser origins only (never {@code *}, always {@code Vary: Origin}), a versioned
 * immutable copy, and an integrity value that is the hash of the bytes actually served. The AsyncAPI
 * documents, linked from the API docs page.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "qrlogin.clients.web.name=Web", "qrlogin.clients.web.origins=https://login.example.com",
        "qrlogin.clients.payroll.name=Payroll", "qrlogin.clients.payroll.origins=https://payroll.example.com",
        "qrlogin.gateway.allowed-origins=https://status.example.com",
        "qrlogin.public-base-url=https://login.example.com" })
@AutoConfigureWebTestClient
class PublicFilesIT {

    private static final ParameterizedTypeReference<Map<String, String>> JSON_OBJECT = new ParameterizedTypeReference<>() {
    };

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.register(registry);
    }

    @Autowired
    private WebTestClient client;

    @ParameterizedTest
    @ValueSource(strings = { "https://payroll.example.com", "https://login.example.com", "https://status.example.com" })
    void widgetFromARegisteredOriginThenThatOriginMayReadIt(String origin) {
        for (String path : new String[] { "/qrlogin.js", versionedPath(), PageConfiguration.WIDGET_DESCRIPTION }) {
            this.client.get().uri(path).header(HttpHeaders.ORIGIN, origin).exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, origin)
                .expectHeader().valueEquals(HttpHeaders.VARY, HttpHeaders.ORIGIN)
                .expectHeader().doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_CREDENTIALS);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "https://evil.example", "https://payroll.example.com.evil.example", "http://payroll.example.com",
            "null" })
    void widgetFromAnUnregisteredOriginThenNoCorsHeaderSoTheBrowserRefusesIt(String origin) {
        for (String path : new String[] { "/qrlogin.js", versionedPath(), PageConfiguration.WIDGET_DESCRIPTION }) {
            this.client.get().uri(path).header(HttpHeaders.ORIGIN, origin).exchange()
                .expectStatus().isOk()
                .expectHeader().doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN)
                .expectHeader().valueEquals(HttpHeaders.VARY, HttpHeaders.ORIGIN);
        }
    }

    @Test
    void widgetWithoutAnOriginThenServedWithoutCorsHeaderButVaryingByOrigin() {
        this.client.get().uri("/qrlogin.js").exchange()
            .expectStatus().isOk()
            .expectHeader().contentTypeCompatibleWith("text/javascript")
            .expectHeader().valueEquals(HttpHeaders.CACHE_CONTROL, "max-age=300, public")
            .expectHeader().doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN)
            .expectHeader().valueEquals(HttpHeaders.VARY, HttpHeaders.ORIGIN);
    }

    @Test
    void integrityIsTheSha384OfTheBytesServedAtBothPaths() throws Exception {
        Map<String, String> description = description();
        byte[] current = served("/qrlogin.js");
        byte[] versioned = served(versionedPath());

        String integrity = "sha384-" + Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-384").digest(current));
        assertThat(description).containsEntry("integrity", integrity);
        assertThat(versioned).isEqualTo(current);
        assertThat(new String(current, java.nio.charset.StandardCharsets.UTF_8)).contains("export const QrLogin");
        assertThat(description.get("version")).matches("[0-9a-f]{16}");
        assertThat(description).containsEntry("url",
                "https://login.example.com/widget/" + description.get("version") + "/qrlogin.js");
    }

    @Test
    void versionedWidgetIsCachedForAYearAsImmutable() {
        this.client.get().uri(versionedPath()).exchange()
            .expectStatus().isOk()
            .expectHeader().contentTypeCompatibleWith("text/javascript")
            .expectHeader().valueEquals(HttpHeaders.CACHE_CONTROL, "max-age=31536000, public, immutable")
            .expectHeader().valueEquals("X-Content-Type-Options", "nosniff");
    }

    @Test
    void anotherVersionThenNotFoundProblem() {
        this.client.get().uri("/widget/0123456789abcdef/qrlogin.js").exchange()
            .expectStatus().isNotFound()
            .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
            .expectBody().jsonPath("$.code").isEqualTo("not_found");
    }

    @Test
    void descriptionIsNeverCachedWithoutRevalidation() {
        this.client.get().uri(PageConfiguration.WIDGET_DESCRIPTION).exchange()
            .expectStatus().isOk()
            .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
            .expectHeader().valueEquals(HttpHeaders.CACHE_CONTROL, "no-cache");
    }

    @Test
    void asyncApiDocumentsServedAsYamlAndLinkedFromTheApiDocsPage() {
        for (String name : PageConfiguration.ASYNC_API_DOCUMENTS) {
            this.client.get().uri("/asyncapi/" + name + ".yaml").exchange()
                .expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith("application/yaml")
                .expectBody(String.class).value((yaml) -> assertThat(yaml).startsWith("asyncapi: 3.0.0"));
        }
        this.client.get().uri("/api-docs").exchange()
            .expectStatus().isOk()
            .expectBody(String.class).value((html) -> assertThat(html).contains("href=\"/asyncapi/notify.yaml\"")
                .contains("href=\"/asyncapi/kafka.yaml\""));
        this.client.get().uri("/asyncapi/openapi.yaml").exchange()
            .expectStatus().isNotFound()
            .expectBody().jsonPath("$.code").isEqualTo("not_found");
    }

    private String versionedPath() {
        return "/widget/" + description().get("version") + "/qrlogin.js";
    }

    private Map<String, String> description() {
        return this.client.get().uri(PageConfiguration.WIDGET_DESCRIPTION).exchange()
            .expectStatus().isOk()
            .expectBody(JSON_OBJECT).returnResult().getResponseBody();
    }

    private byte[] served(String path) {
        return this.client.get().uri(path).exchange()
            .expectStatus().isOk()
            .expectBody(byte[].class).returnResult().getResponseBody();
    }
}
