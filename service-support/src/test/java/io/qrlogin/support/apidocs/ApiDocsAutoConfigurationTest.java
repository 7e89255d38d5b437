package io.qrlogin.support.apidocs;

import org.junit.jupiter.api.Test;
import org.springdoc.core.properties.SpringDocConfigProperties;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.server.WebFilter;

import static org.assertj.core.api.Assertions.assertThat;

class ApiDocsAutoConfigurationTest {

    private final ReactiveWebApplicationContextRunner runner = new ReactiveWebApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(ApiDocsAutoConfiguration.class));

    @Test
    void reactiveServiceWithApiDocsThenTheDocumentIsBuiltOffTheEventLoop() {
        this.runner.withUserConfiguration(SpringDoc.class)
            .run((context) -> assertThat(context).hasSingleBean(WebFilter.class).hasBean("apiDocsOffTheEventLoop"));
    }

    @Test
    void reactiveServiceWithoutApiDocsThenNoFilter() {
        this.runner.run((context) -> assertThat(context).doesNotHaveBean(WebFilter.class));
    }

    @Test
    void servletApplicationThenNoFilter() {
        new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(ApiDocsAutoConfiguration.class))
            .withUserConfiguration(SpringDoc.class)
            .run((context) -> assertThat(context).doesNotHaveBean(WebFilter.class));
    }

    /** springdoc's settings, as its own auto-configuration registers them when the document is served. */
    @Configuration(proxyBeanMethods = false)
    static class SpringDoc {

        @Bean
        SpringDocConfigProperties springDocConfigProperties() {
            return new SpringDocConfigProperties();
        }
    }
}
