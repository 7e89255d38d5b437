package io.qrlogin.session;

import io.qrlogin.common.test.ManagementEndpoints;
import io.qrlogin.common.test.TestInfrastructure;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "management.server.port=0",
        "qrlogin.demo.enabled=true" })
class ManagementIT {

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.register(registry);
    }

    @LocalServerPort
    private int serverPort;

    @LocalManagementPort
    private int managementPort;

    @Test
    void probesAndMetricsOnTheManagementPortOnly() {
        ManagementEndpoints.assertServedOn(this.managementPort);
        ManagementEndpoints.assertNotServedOn(this.serverPort);
    }
}
