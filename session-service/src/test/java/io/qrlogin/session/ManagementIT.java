package io.qrlogin.session;

import io.qrlogin.testing.ManagementContract;

import org.springframework.boot.test.context.SpringBootTest;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "management.server.port=0",
        "qrlogin.demo.enabled=true" })
class ManagementIT extends ManagementContract {
}
