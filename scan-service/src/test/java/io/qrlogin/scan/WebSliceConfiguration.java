package io.qrlogin.scan;

import io.qrlogin.scan.security.SecuritySliceConfiguration;
import io.qrlogin.support.web.ProblemResponder;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * What a {@code @WebFluxTest} slice of scan-service needs besides its controller: the service's own beans
 * (settings, clients, match codes), its security configuration and the one problem responder. No Redis
 * and no Kafka: a slice stubs the ticket commands, and the decoder of app tokens.
 */
@TestConfiguration(proxyBeanMethods = false)
@Import({ ScanConfiguration.class, SecuritySliceConfiguration.class })
public class WebSliceConfiguration {

    @Bean
    ProblemResponder problemResponder(JsonMapper json) {
        return new ProblemResponder(json);
    }
}
