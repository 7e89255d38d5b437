package io.qrlogin.support.config;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.env.DefaultPropertiesPropertySource;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

class SharedDefaultsEnvironmentPostProcessorTest {

    @Test
    void everyServiceGetsTheSharedDefaults() {
        runWithoutApplicationYml((environment) -> {
            Map<String, String> expected = Map.ofEntries(Map.entry("server.shutdown", "graceful"),
                    Map.entry("spring.data.redis.timeout", "2s"), Map.entry("spring.data.redis.connect-timeout", "2s"),
                    Map.entry("spring.kafka.bootstrap-servers", "localhost:9092"),
                    Map.entry("spring.kafka.template.observation-enabled", "true"),
                    Map.entry("spring.kafka.producer.properties.linger.ms", "0"),
                    Map.entry("spring.reactor.context-propagation", "limited"),
                    Map.entry("management.observations.enable.lettuce", "false"),
                    Map.entry("management.observations.enable.spring.security", "false"),
                    Map.entry("management.tracing.sampling.probability", "0.1"),
                    Map.entry("management.endpoints.web.exposure.include", "health, info, prometheus, sbom"),
                    Map.entry("management.otlp.metrics.export.enabled", "false"),
                    Map.entry("management.endpoint.health.probes.enabled", "true"),
                    Map.entry("management.endpoint.health.group.readiness.include", "readinessState, redis"),
                    Map.entry("spring.data.redis.lettuce.cluster.refresh.period", "5s"));
            expected.forEach((name, value) -> assertThat(environment.getProperty(name)).as(name).isEqualTo(value));
        });
    }

    @Test
    void noRedisUrlIsSharedSoSentinelAndClusterCredentialsApply() {
        // Boot reads the username and password from spring.data.redis.url whenever one is set, even for a
        // Sentinel or a Cluster: a shared default URL would silently drop their credentials.
        runWithoutApplicationYml((environment) -> assertThat(environment.containsProperty("spring.data.redis.url"))
            .isFalse());
    }

    @Test
    void whatEachServiceSetsItselfIsNotShared() {
        runWithoutApplicationYml((environment) -> {
            assertThat(environment.containsProperty("server.port")).isFalse();
            assertThat(environment.containsProperty("management.server.port")).isFalse();
            assertThat(environment.containsProperty("spring.application.name")).isFalse();
        });
    }

    @Test
    void applicationYmlOverridesTheDefaults() {
        run(new StandardEnvironment(), (environment) -> {
            assertThat(environment.getProperty("server.shutdown")).isEqualTo("immediate");
            assertThat(environment.getProperty("spring.data.redis.timeout")).isEqualTo("5s");
            assertThat(environment.getProperty("spring.data.redis.connect-timeout")).isEqualTo("2s");
        });
    }

    @Test
    void environmentVariablesAndArgumentsOverrideTheDefaults() {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                        Map.of("SPRING_DATA_REDIS_URL", "redis://redis.internal:6380")));

        run(environment, (started) -> {
            assertThat(started.getProperty("spring.data.redis.url")).isEqualTo("redis://redis.internal:6380");
            assertThat(started.getProperty("spring.kafka.bootstrap-servers")).isEqualTo("kafka.internal:9092");
        }, "--spring.kafka.bootstrap-servers=kafka.internal:9092");
    }

    @Test
    void theDefaultsComeAfterTheApplicationYmlAndNoLaterSourceSetsTheirProperties() {
        run(new StandardEnvironment(), (environment) -> {
            List<PropertySource<?>> sources = environment.getPropertySources().stream().toList();
            List<String> names = sources.stream().map(PropertySource::getName).toList();
            int defaults = names.indexOf(SharedDefaultsEnvironmentPostProcessor.NAME);
            assertThat(defaults).isGreaterThan(indexOf(names, "shared-defaults-test.yml"));
            assertThat(names.get(names.size() - 1)).isEqualTo(DefaultPropertiesPropertySource.NAME);
            String[] shared = ((EnumerablePropertySource<?>) sources.get(defaults)).getPropertyNames();
            assertThat(shared).contains("spring.data.redis.timeout", "management.tracing.sampling.probability");
            for (PropertySource<?> later : sources.subList(defaults + 1, sources.size())) {
                assertThat(shared).as(later.getName()).noneMatch(later::containsProperty);
            }
        });
    }

    private static int indexOf(List<String> names, String part) {
        return names.stream().filter((name) -> name.contains(part)).findFirst().map(names::indexOf).orElseThrow();
    }

    private static void runWithoutApplicationYml(Consumer<ConfigurableEnvironment> assertions) {
        run(new StandardEnvironment(), "none", assertions);
    }

    /** Starts an empty application whose application.yml is shared-defaults-test.yml. */
    private static void run(ConfigurableEnvironment environment, Consumer<ConfigurableEnvironment> assertions,
            String... args) {
        run(environment, "shared-defaults-test", assertions, args);
    }

    private static void run(ConfigurableEnvironment environment, String configName,
            Consumer<ConfigurableEnvironment> assertions, String... args) {
        SpringApplication application = new SpringApplication(Empty.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        application.setEnvironment(environment);
        application.setDefaultProperties(Map.of("spring.main.banner-mode", "off"));
        String[] arguments = new String[args.length + 1];
        arguments[0] = "--spring.config.name=" + configName;
        System.arraycopy(args, 0, arguments, 1, args.length);
        try (ConfigurableApplicationContext context = application.run(arguments)) {
            assertions.accept(context.getEnvironment());
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class Empty {

    }
}
