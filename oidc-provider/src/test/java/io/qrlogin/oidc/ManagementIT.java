package io.qrlogin.oidc;

import io.qrlogin.testing.ManagementContract;
import io.qrlogin.testing.TestKafka;
import io.qrlogin.testing.TestRedis;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "management.server.port=0")
class ManagementIT extends ManagementContract {

    @DynamicPropertySource
    static void keys(DynamicPropertyRegistry registry) {
        registry.add("spring.data.redis.url", TestRedis::url);
        registry.add("spring.kafka.bootstrap-servers", TestKafka::bootstrapServers);
        registry.add("qrlogin.session.signing.jwks", TestKeys::deployed);
    }
}
