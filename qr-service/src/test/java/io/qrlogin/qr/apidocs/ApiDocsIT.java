package io.qrlogin.qr.apidocs;

import io.qrlogin.testing.ApiDocs;
import io.qrlogin.testing.ServiceIntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.server.WebFilter;

import static org.assertj.core.api.Assertions.assertThat;

/** The OpenAPI document the gateway publishes at {@code /v3/api-docs/qr}. */
@ServiceIntegrationTest
class ApiDocsIT {

    private static final String MINT = "$.paths['/api/qr'].post";

    private static final String PROBLEM = "'].content['application/problem+json'].examples.";

    @Autowired
    private WebTestClient client;

    @Test
    void apiDocsThenEveryPathWithItsExamplesAndProblemCodes() {
        ApiDocs.of(this.client, "qr")
            .jsonPath("$.openapi").value((version) -> assertThat((String) version).startsWith("3."))
            .jsonPath("$.servers[0].url").isEqualTo("/")
            .jsonPath(MINT + ".operationId").isEqualTo("mint")
            .jsonPath(MINT + ".summary").isEqualTo("Mint a login QR code")
            .jsonPath(MINT + ".requestBody.content['application/json'].examples.png.value").exists()
            .jsonPath(MINT + ".responses['201'].content['application/json'].examples.minted.value").exists()
            .jsonPath(MINT + ".responses['400" + PROBLEM + "invalid_request.value.code").isEqualTo("invalid_request")
            .jsonPath(MINT + ".responses['400" + PROBLEM + "invalid_request.value.status").isEqualTo(400)
            .jsonPath(MINT + ".responses['400" + PROBLEM + "unknown_client.value.code").isEqualTo("unknown_client")
            .jsonPath(MINT + ".responses['403" + PROBLEM + "forbidden.value.code").isEqualTo("forbidden")
            .jsonPath(MINT + ".responses['413" + PROBLEM + "payload_too_large").exists()
            .jsonPath(MINT + ".responses['415" + PROBLEM + "unsupported_media_type").exists()
            .jsonPath(MINT + ".responses['503" + PROBLEM + "unavailable").exists()
            .jsonPath("$.paths['/q/{qrId}'].get.responses['200'].content['text/html']").exists()
            .jsonPath("$.components.schemas.Problem.properties.code.enum")
            .value((codes) -> assertThat(codes.toString()).contains("qr_expired", "invalid_request"))
            .jsonPath("$.paths['/actuator/health']").doesNotExist();
    }

    /** service-support's auto-configuration, in a service that serves a document: springdoc builds it synchronously. */
    @Test
    void apiDocsThenTheDocumentIsBuiltOffTheEventLoop(@Autowired ApplicationContext context) {
        assertThat(context.getBean("apiDocsOffTheEventLoop")).isInstanceOf(WebFilter.class);
    }

    @Test
    void defaultApiDocsPathThenNotFound() {
        this.client.get().uri("/v3/api-docs").exchange().expectStatus().isNotFound();
    }
}
