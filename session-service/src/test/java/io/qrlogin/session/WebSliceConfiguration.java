package io.qrlogin.session;

import io.qrlogin.session.security.SecuritySliceConfiguration;
import io.qrlogin.support.web.ProblemResponder;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * What a {@code @WebFluxTest} slice of session-service needs besides its controller: the service's own
 * beans (settings, signing keys, the token issuer), its security configuration and the one problem
 * responder. No Redis and no Kafka: a slice stubs the ticket commands and the session store
 * ({@code @MockitoBean RedisSessionStore}, which the security configuration needs too).
 */
@TestConfiguration(proxyBeanMethods = false)
@Import({ SessionConfiguration.class, SecuritySliceConfiguration.class })
public class WebSliceConfiguration {

    @Bean
    ProblemResponder problemResponder(JsonMapper json) {
        return new ProblemResponder(json);
    }
}
