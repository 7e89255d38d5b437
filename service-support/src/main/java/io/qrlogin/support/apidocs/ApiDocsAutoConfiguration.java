package io.qrlogin.support.apidocs;

import org.springdoc.core.configuration.SpringDocConfiguration;
import org.springdoc.core.properties.SpringDocConfigProperties;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.web.server.WebFilter;

/**
 * In every reactive service that serves an OpenAPI document: springdoc builds the document on the
 * first request, synchronously, so that request runs off the event loop ({@link ProblemDocs#offTheEventLoop}).
 */
@AutoConfiguration(after = { SpringDocConfiguration.class, SpringDocConfigProperties.class })
@ConditionalOnClass(SpringDocConfigProperties.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@ConditionalOnBean(SpringDocConfigProperties.class)
public final class ApiDocsAutoConfiguration {

    @Bean
    WebFilter apiDocsOffTheEventLoop(SpringDocConfigProperties springdoc) {
        return ProblemDocs.offTheEventLoop(springdoc.getApiDocs().getPath());
    }
}
