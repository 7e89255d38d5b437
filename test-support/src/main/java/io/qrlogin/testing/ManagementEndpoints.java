package io.qrlogin.testing;

import java.util.Map;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/** Checks every service makes alike: probes and metrics on the management port, none on the public one. */
public final class ManagementEndpoints {

    private ManagementEndpoints() {
    }

    /** Liveness and readiness are UP, info shows the build, Prometheus metrics are served. */
    public static void assertServedOn(int managementPort) {
        WebTestClient management = WebTestClient.bindToServer().baseUrl("http://localhost:" + managementPort).build();
        management.get().uri("/actuator/health/liveness").exchange().expectStatus().isOk()
            .expectBody().jsonPath("$.status").isEqualTo("UP");
        Map<String, Object> readiness = management.get().uri("/actuator/health/readiness?show-details=always")
            .exchange().expectStatus().isOk()
            .expectBody(new ParameterizedTypeReference<Map<String, Object>>() {
            }).returnResult().getResponseBody();
        assertThat(readiness).containsEntry("status", "UP");
        management.get().uri("/actuator/info").exchange().expectStatus().isOk()
            .expectBody().jsonPath("$.build.version").isNotEmpty();
        management.get().uri("/actuator/prometheus").exchange().expectStatus().isOk()
            .expectBody(String.class).value((text) -> assertThat(text).contains("jvm_memory_used_bytes"));
    }

    /** The public port serves no actuator endpoint. */
    public static void assertNotServedOn(int serverPort) {
        WebTestClient.bindToServer().baseUrl("http://localhost:" + serverPort).build()
            .get().uri("/actuator/health").exchange().expectStatus().value((status) -> assertThat(status).isIn(401, 403, 404));
    }
}
