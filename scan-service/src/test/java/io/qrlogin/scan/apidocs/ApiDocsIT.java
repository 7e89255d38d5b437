package io.qrlogin.scan.apidocs;

import io.qrlogin.testing.ApiDocs;
import io.qrlogin.testing.ServiceIntegrationTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The OpenAPI document the gateway publishes at {@code /v3/api-docs/scan}: served without a token,
 * every operation with the app's bearer scheme and the problem codes it may answer with.
 */
@ServiceIntegrationTest(properties = {
        "spring.security.oauth2.resourceserver.jwt.jwk-set-uri=http://127.0.0.1:9/unused",
        "spring.security.oauth2.resourceserver.jwt.audiences=qrlogin-scan" })
class ApiDocsIT {

    @Autowired
    private WebTestClient client;

    @ParameterizedTest(name = "{0} {1} {2}")
    @CsvSource({ "/api/scan/{qrId}, 200, scanned", "/api/scan/{qrId}, 400, invalid_request",
            "/api/scan/{qrId}, 401, unauthorized", "/api/scan/{qrId}, 404, qr_not_found",
            "/api/scan/{qrId}, 409, qr_already_scanned", "/api/scan/{qrId}, 409, qr_already_confirmed",
            "/api/scan/{qrId}, 410, qr_expired", "/api/scan/{qrId}, 410, qr_cancelled",
            "/api/scan/{qrId}, 410, qr_already_redeemed", "/api/scan/{qrId}, 503, unavailable",
            "/api/scan/{qrId}/confirm, 200, confirmed", "/api/scan/{qrId}/confirm, 403, forbidden",
            "/api/scan/{qrId}/confirm, 409, qr_not_scanned", "/api/scan/{qrId}/cancel, 200, cancelled",
            "/api/scan/{qrId}/cancel, 403, forbidden", "/api/scan/{qrId}/cancel, 409, qr_already_confirmed",
            "/api/scan/user-code, 200, scanned", "/api/scan/user-code, 400, invalid_request",
            "/api/scan/user-code, 404, qr_not_found", "/api/scan/user-code, 409, qr_already_scanned" })
    void apiDocsWithoutTokenThenEveryOperationWithItsExamples(String path, int status, String example) {
        ApiDocs.assertOperationExample(docs(), "scan", path, "post", status, example);
    }

    @Test
    void apiDocsThenTheAppTokenIsABearerJwt() {
        ApiDocs.of(docs(), "scan")
            .jsonPath("$.components.securitySchemes.appToken.type").isEqualTo("http")
            .jsonPath("$.components.securitySchemes.appToken.scheme").isEqualTo("bearer")
            .jsonPath("$.security[0].appToken").exists()
            .jsonPath("$.components.schemas.Problem.properties.code").exists()
            .jsonPath("$.paths['/api/scan/{qrId}'].post.parameters[?(@.in == 'query')]").isEmpty();
    }

    /**
     * A client that reads the whole document: the service's own codecs refuse bodies over 16 KB (requests
     * are small), and the test client inherits them.
     */
    private WebTestClient docs() {
        return this.client.mutate().codecs((codecs) -> codecs.defaultCodecs().maxInMemorySize(1024 * 1024)).build();
    }

    @Test
    void defaultApiDocsPathThenStillRefused() {
        this.client.get().uri("/v3/api-docs").exchange().expectStatus().value((status) -> assertThat(status).isIn(401, 403, 404));
    }
}
