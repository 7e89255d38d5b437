package io.qrlogin.qr;

import io.qrlogin.support.web.ProblemResponder;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * What a {@code @WebFluxTest} slice of qr-service needs besides its controller: the service's own beans
 * (settings, clients, ids, QR renderer) and the one problem responder. No Redis and no Kafka: a slice
 * stubs the ticket commands.
 */
@TestConfiguration(proxyBeanMethods = false)
@Import(QrConfiguration.class)
public class WebSliceConfiguration {

    @Bean
    ProblemResponder problemResponder(JsonMapper json) {
        return new ProblemResponder(json);
    }
}
