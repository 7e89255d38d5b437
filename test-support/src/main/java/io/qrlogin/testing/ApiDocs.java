package io.qrlogin.testing;

import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The OpenAPI document a service publishes for the gateway at {@code /v3/api-docs/<group>}, read the
 * way every service's API docs test reads it.
 */
public final class ApiDocs {

    private ApiDocs() {
    }

    /** The document of {@code group}, asserted served and JSON, for checks of its content. */
    public static WebTestClient.BodyContentSpec of(WebTestClient client, String group) {
        return client.get()
            .uri("/v3/api-docs/" + group)
            .exchange()
            .expectStatus().isOk()
            .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
            .expectBody();
    }

    /**
     * Asserts that the document of {@code group} has the operation {@code method} on {@code path} with a
     * summary and the named {@code example} for {@code status}: JSON for a success, a problem otherwise.
     */
    public static void assertOperationExample(WebTestClient client, String group, String path, String method,
            int status, String example) {
        String type = (status < 300) ? "application/json" : "application/problem+json";
        String operation = "$.paths['" + path + "']." + method;
        of(client, group).jsonPath(operation + ".summary")
            .isNotEmpty()
            .jsonPath(operation + ".responses['" + status + "'].content['" + type + "'].examples." + example + ".value")
            .exists();
    }
}
