package io.qrlogin.gateway.cors;

import io.qrlogin.support.web.ProblemResponder;
import io.qrlogin.gateway.BrowserOrigins;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** CORS at the edge, for the registered clients' origins only. */
@Configuration(proxyBeanMethods = false)
class ApiCorsConfiguration {

    @Bean
    ApiCorsWebFilter apiCorsWebFilter(BrowserOrigins origins, ProblemResponder problems) {
        return new ApiCorsWebFilter(origins, problems);
    }
}
