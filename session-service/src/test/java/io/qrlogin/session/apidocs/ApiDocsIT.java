package io.qrlogin.session.apidocs;

import io.qrlogin.testing.ApiDocs;
import io.qrlogin.testing.ServiceIntegrationTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The OpenAPI document the gateway publishes at {@code /v3/api-docs/session}: public, the session
 * token scheme only where one is needed, and the problem codes of each operation.
 */
@ServiceIntegrationTest(properties = "qrlogin.demo.enabled=true")
class ApiDocsIT {

    private WebTestClient client;

    /** The document outgrew the service's 16 KB request-body limit, which the test client inherits; it is no request body. */
    @Autowired
    void client(WebTestClient client) {
        this.client = client.mutate().codecs((codecs) -> codecs.defaultCodecs().maxInMemorySize(1024 * 1024)).build();
    }

    @ParameterizedTest(name = "{0} {1} {2} {3}")
    @CsvSource({ "/api/session/redeem, post, 200, redeemed", "/api/session/redeem, post, 400, invalid_request",
            "/api/session/redeem, post, 401, invalid_verifier", "/api/session/redeem, post, 404, qr_not_found",
            "/api/session/redeem, post, 409, qr_not_confirmed", "/api/session/redeem, post, 410, qr_expired",
            "/api/session/redeem, post, 410, qr_cancelled", "/api/session/redeem, post, 410, qr_already_redeemed",
            "/api/session/redeem, post, 413, payload_too_large", "/api/session/redeem, post, 415, unsupported_media_type",
            "/api/session/redeem, post, 503, unavailable", "/api/session/decline, post, 200, declined",
            "/api/session/decline, post, 401, invalid_verifier", "/api/session/decline, post, 410, qr_already_redeemed",
            "/api/session/me, get, 200, me",
            "/api/session/me, get, 401, unauthorized", "/api/session/logout, post, 401, unauthorized",
            "/.well-known/jwks.json, get, 200, jwks", "/api/demo/app-token, post, 200, token",
            "/api/app/sessions, get, 200, listed", "/api/app/sessions, get, 401, unauthorized",
            "/api/app/sessions/{sessionId}, delete, 404, session_not_found",
            "/api/app/sessions/{sessionId}, delete, 401, unauthorized", "/api/app/sessions, delete, 401, unauthorized" })
    void apiDocsWithoutTokenThenEveryOperationWithItsExamples(String path, String method, int status, String example) {
        ApiDocs.assertOperationExample(this.client, "session", path, method, status, example);
    }

    @Test
    void apiDocsThenTheSessionTokenOnlyWhereNeeded() {
        ApiDocs.of(this.client, "session")
            .jsonPath("$.components.securitySchemes.sessionToken.scheme").isEqualTo("bearer")
            .jsonPath("$.paths['/api/session/me'].get.security[0].sessionToken").exists()
            .jsonPath("$.paths['/api/session/logout'].post.security[0].sessionToken").exists()
            .jsonPath("$.paths['/api/session/redeem'].post.security").doesNotExist()
            .jsonPath("$.paths['/api/session/decline'].post.security").doesNotExist()
            .jsonPath("$.paths['/.well-known/openid-configuration'].get").exists()
            .jsonPath("$.components.schemas.Problem.properties.code").exists()
            .jsonPath("$.components.securitySchemes.appToken.scheme").isEqualTo("bearer")
            .jsonPath("$.paths['/api/app/sessions'].get.security[0].appToken").exists()
            .jsonPath("$.paths['/api/app/sessions'].delete.security[0].appToken").exists()
            .jsonPath("$.paths['/api/app/sessions/{sessionId}'].delete.security[0].appToken").exists()
            .jsonPath("$.paths['/internal/sessions/{sid}/touch']").doesNotExist();
    }
}
