package io.qrlogin.support.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.boot.env.DefaultPropertiesPropertySource;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;

/**
 * Adds {@value #LOCATION}, the configuration every service shares (Redis and Kafka clients, graceful
 * shutdown, the management endpoints, tracing and observation settings), below everything else: a
 * service's own {@code application.yml}, its environment variables, command-line arguments and test
 * properties all override it. Each service's {@code application.yml} then holds only what differs (its
 * name and ports, its request size limit, its OpenAPI path).
 *
 * <p>Runs after Spring Boot has loaded the config data (the {@code application.yml} files), so that it can
 * add itself after them; only {@code SpringApplication}'s default properties stay below it.
 */
final class SharedDefaultsEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

    /** The shared defaults, on the class path of every service. */
    static final String LOCATION = "qrlogin-defaults.yml";

    /** The property source's name, as {@code /actuator/env} shows it. */
    static final String NAME = "QR Login shared defaults (classpath:" + LOCATION + ")";

    @Override
    public int getOrder() {
        return ConfigDataEnvironmentPostProcessor.ORDER + 1;
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        MutablePropertySources sources = environment.getPropertySources();
        Resource defaults = new ClassPathResource(LOCATION, SharedDefaultsEnvironmentPostProcessor.class.getClassLoader());
        for (PropertySource<?> source : load(defaults)) {
            sources.addLast(source);
        }
        DefaultPropertiesPropertySource.moveToEnd(sources);
    }

    private static List<PropertySource<?>> load(Resource resource) {
        try {
            return new YamlPropertySourceLoader().load(NAME, resource);
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Could not read " + LOCATION, ex);
        }
    }
}
