package io.qrlogin.scan;

import io.qrlogin.testing.ManagementContract;

import org.springframework.boot.test.context.SpringBootTest;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "management.server.port=0",
        "spring.security.oauth2.resourceserver.jwt.jwk-set-uri=http://127.0.0.1:9/unused",
        "spring.security.oauth2.resourceserver.jwt.audiences=qrlogin-scan" })
class ManagementIT extends ManagementContract {
}
