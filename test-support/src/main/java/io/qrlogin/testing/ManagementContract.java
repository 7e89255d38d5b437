package io.qrlogin.testing;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The operations contract every service keeps, as an inherited test: a subclass annotated with
 * {@code @SpringBootTest(webEnvironment = RANDOM_PORT, properties = "management.server.port=0")}
 * checks probes, info and metrics on the management port and none of them on the public one.
 */
public abstract class ManagementContract {

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.register(registry);
    }

    @LocalServerPort
    protected int serverPort;

    @LocalManagementPort
    protected int managementPort;

    @Test
    void probesInfoAndMetricsOnTheManagementPortOnly() {
        ManagementEndpoints.assertServedOn(this.managementPort);
        ManagementEndpoints.assertNotServedOn(this.serverPort);
    }
}
