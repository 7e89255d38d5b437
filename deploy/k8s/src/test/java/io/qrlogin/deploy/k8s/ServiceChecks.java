package io.qrlogin.deploy.k8s;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStrategy;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricSpec;

import static io.qrlogin.deploy.k8s.Workloads.containers;
import static io.qrlogin.deploy.k8s.Workloads.workloads;

/**
 * The rules for the services' pods that a platform team asks about first: credentials come as files,
 * never environment variables; logs are JSON and, in production, traces and metrics leave over OTLP;
 * the SBOM is served on the management port only; a rolling update loses no request (surge one, drain
 * one, a preStop sleep, a grace period longer than the graceful shutdown, the gateway's pooled
 * connections shorter-lived than that sleep); the gateway scales on the sockets it holds and its memory.
 */
final class ServiceChecks {

    /** Where Secrets become configuration: Spring Boot config trees, one file per property. */
    static final String CONFIG_IMPORT = "SPRING_CONFIG_IMPORT";

    /** The Redis URL carries the password: it must be a file. */
    static final String REDIS_URL_PROPERTY = "spring.data.redis.url";

    /** Spring Boot's structured console logging formats: one JSON object per line. */
    static final Set<String> JSON_LOG_FORMATS = Set.of("ecs", "logstash", "gelf");

    static final String LOG_FORMAT = "LOGGING_STRUCTURED_FORMAT_CONSOLE";

    static final String TRACES_ENDPOINT = "MANAGEMENT_OPENTELEMETRY_TRACING_EXPORT_OTLP_ENDPOINT";

    static final String METRICS_EXPORT_ENABLED = "MANAGEMENT_OTLP_METRICS_EXPORT_ENABLED";

    static final String METRICS_EXPORT_URL = "MANAGEMENT_OTLP_METRICS_EXPORT_URL";

    static final String EXPOSED_ENDPOINTS = "MANAGEMENT_ENDPOINTS_WEB_EXPOSURE_INCLUDE";

    /** How long the gateway keeps a pooled connection to a service (Spring Cloud Gateway's HTTP client). */
    static final String GATEWAY_POOL_LIFETIME = "SPRING_CLOUD_GATEWAY_SERVER_WEBFLUX_HTTPCLIENT_POOL_MAX_LIFE_TIME";

    /** A name in a key of deploy/README.md's table of Secrets that stands for any, such as {@code <id>}. */
    static final Pattern PLACEHOLDER = Pattern.compile("<[^>]+>");

    /** Spring Boot's default spring.lifecycle.timeout-per-shutdown-phase. */
    static final Duration DEFAULT_SHUTDOWN_PHASE = Duration.ofSeconds(30);

    private ServiceChecks() {
    }

    static List<String> check(ResourceSet set, Map<String, ServiceConfiguration> services,
            Map<String, Set<String>> operatorSecrets) {
        List<String> problems = new ArrayList<>();
        for (ContainerConfig config : serviceContainers(set)) {
            ServiceConfiguration service = services.get(config.service().orElseThrow());
            problems.addAll(secretsAsFiles(config, service, operatorSecrets));
            problems.addAll(observability(set, config, service));
            problems.addAll(shutdown(config, service));
        }
        problems.addAll(rollingUpdates(set));
        problems.addAll(gatewayConnectionLifetime(set));
        problems.addAll(gatewayAutoscaling(set));
        return problems;
    }

    /** Every container of the set's workloads that runs a service, with its configuration. */
    static List<ContainerConfig> serviceContainers(ResourceSet set) {
        List<ContainerConfig> configs = new ArrayList<>();
        for (Doc workload : workloads(set)) {
            for (Container container : containers(workload)) {
                if (Workloads.service(container).isPresent()) {
                    configs.add(ContainerConfig.of(set, workload, container));
                }
            }
        }
        return configs;
    }

    /**
     * No credential in the environment (anything in the environment ends up in crash dumps, child
     * processes and {@code /proc/<pid>/environ}): every Secret a service reads is a file of its config
     * tree, named after a property the service reads, and the Redis URL is one of them. A Secret mounted
     * whole gives a file per key: every key deploy/README.md lists for it must name such a property (a
     * {@code <placeholder>} in a key stands for any name, such as a client id).
     */
    static List<String> secretsAsFiles(ContainerConfig config, ServiceConfiguration service,
            Map<String, Set<String>> operatorSecrets) {
        List<String> problems = new ArrayList<>();
        config.fromSecrets().forEach((variable, source) -> problems.add(config.where() + " reads " + source + " through the "
                + "environment (" + variable + "): mount it as a file of the config tree (" + CONFIG_IMPORT + ")"));
        if (config.configTrees().isEmpty()) {
            problems.add(config.where() + ": " + CONFIG_IMPORT + " names no configtree: directory, so no credential can "
                    + "come from a file");
        }
        config.secretMounts().stream().filter((mount) -> !config.configTrees().contains(mount.directory()))
            .forEach((mount) -> problems.add(config.where() + " mounts the Secret " + mount.secret() + " at " + mount.directory()
                    + ", which is no config tree of " + CONFIG_IMPORT + " " + config.configTrees()));
        config.files().forEach((property, file) -> {
            if (service.propertyOf(environmentForm(property)).isEmpty()) {
                problems.add(config.where() + ": the config tree file " + property + " (key " + file.key() + " of the Secret "
                        + file.secret() + ") binds to no configuration property of " + service.service());
            }
        });
        for (String secret : config.wholeSecrets()) {
            for (String key : operatorSecrets.getOrDefault(secret, Set.of())) {
                String property = PLACEHOLDER.matcher(key).replaceAll("example");
                if (service.propertyOf(environmentForm(property)).isEmpty()) {
                    problems.add(config.where() + ": the config tree file " + key + " (a key of the Secret " + secret
                            + ", mounted whole) binds to no configuration property of " + service.service());
                }
            }
        }
        if (!config.files().containsKey(REDIS_URL_PROPERTY)) {
            problems.add(config.where() + " gets no " + REDIS_URL_PROPERTY + " file: the Redis URL carries the password, "
                    + "so it comes from the Secret qrlogin-redis as a file of the config tree");
        }
        return problems;
    }

    /**
     * Logs are JSON lines; the SBOM is exposed, on the management port only; in production traces and
     * metrics are exported over OTLP to a collector.
     */
    static List<String> observability(ResourceSet set, ContainerConfig config, ServiceConfiguration service) {
        List<String> problems = new ArrayList<>();
        Optional<String> format = config.setting(LOG_FORMAT).map((value) -> value.strip().toLowerCase(Locale.ROOT));
        if (format.isEmpty() || !JSON_LOG_FORMATS.contains(format.get())) {
            problems.add(config.where() + " logs plain text: set " + LOG_FORMAT + " to one of "
                    + JSON_LOG_FORMATS.stream().sorted().toList() + " (is " + format.orElse("unset") + ")");
        }
        String exposed = config.setting(EXPOSED_ENDPOINTS)
            .or(() -> service.applicationYml("management.endpoints.web.exposure.include").map(String::valueOf))
            .orElse("health");
        if (Arrays.stream(exposed.split(",")).map(String::strip).noneMatch((endpoint) -> endpoint.equals("sbom") || endpoint.equals("*"))) {
            problems.add(config.where() + " does not expose the sbom endpoint (" + EXPOSED_ENDPOINTS + "=" + exposed + ")");
        }
        Object port = service.applicationYml("server.port").orElse(null);
        Object management = service.applicationYml("management.server.port").orElse(null);
        if (management == null || String.valueOf(management).equals(String.valueOf(port))) {
            problems.add(config.where() + ": " + service.service() + " serves the actuator (sbom, prometheus) on its public "
                    + "port; it needs its own management.server.port");
        }
        if (set.profile() == ResourceSet.Profile.PROD) {
            if (config.setting(TRACES_ENDPOINT).filter((url) -> url.startsWith("http")).isEmpty()) {
                problems.add(config.where() + " exports no traces in production: set " + TRACES_ENDPOINT
                        + " to the OpenTelemetry collector");
            }
            if (!"true".equalsIgnoreCase(config.setting(METRICS_EXPORT_ENABLED).orElse("true"))
                    || config.setting(METRICS_EXPORT_URL).filter((url) -> url.startsWith("http")).isEmpty()) {
                problems.add(config.where() + " exports no metrics over OTLP in production: set " + METRICS_EXPORT_ENABLED
                        + "=true and " + METRICS_EXPORT_URL + " to the OpenTelemetry collector");
            }
        }
        else if (config.setting(METRICS_EXPORT_URL).isEmpty()
                && !"false".equalsIgnoreCase(config.setting(METRICS_EXPORT_ENABLED).orElse("true"))) {
            problems.add(config.where() + " pushes metrics over OTLP to localhost (the default) every minute: set "
                    + METRICS_EXPORT_ENABLED + "=false where there is no collector");
        }
        return problems;
    }

    /**
     * A pod being replaced gets SIGTERM only after its preStop sleep (the built-in sleep action: the
     * distroless image has no sleep binary, and a failing exec hook would cut the sleep); the service
     * then shuts down gracefully, and the grace period covers both.
     */
    static List<String> shutdown(ContainerConfig config, ServiceConfiguration service) {
        List<String> problems = new ArrayList<>();
        Container container = config.container();
        var preStop = (container.getLifecycle() != null) ? container.getLifecycle().getPreStop() : null;
        int sleep = 0;
        if (preStop == null) {
            problems.add(config.where() + " has no preStop sleep: it would get SIGTERM while still receiving new requests");
        }
        else if (preStop.getExec() != null) {
            problems.add(config.where() + "'s preStop runs a command in the container: the image is distroless, with no "
                    + "shell and no sleep binary; use the built-in sleep action (preStop.sleep.seconds)");
        }
        else if (preStop.getSleep() == null || preStop.getSleep().getSeconds() == null || preStop.getSleep().getSeconds() <= 0) {
            problems.add(config.where() + "'s preStop is no sleep: it would get SIGTERM while still receiving new requests");
        }
        else {
            sleep = preStop.getSleep().getSeconds().intValue();
        }
        String shutdownMode = config.setting("SERVER_SHUTDOWN")
            .or(() -> service.applicationYml("server.shutdown").map(String::valueOf)).orElse("immediate");
        if (!"graceful".equalsIgnoreCase(shutdownMode.strip())) {
            problems.add(config.where() + ": " + service.service() + " shuts down " + shutdownMode
                    + " (server.shutdown): requests in flight would be cut on SIGTERM");
        }
        String phaseSetting = config.setting("SPRING_LIFECYCLE_TIMEOUT_PER_SHUTDOWN_PHASE")
            .or(() -> service.applicationYml("spring.lifecycle.timeout-per-shutdown-phase").map(String::valueOf))
            .orElse(null);
        Duration phase = (phaseSetting != null) ? ContainerConfig.duration(phaseSetting).orElse(DEFAULT_SHUTDOWN_PHASE)
                : DEFAULT_SHUTDOWN_PHASE;
        PodSpec spec = Workloads.podSpec(config.workload()).orElseThrow();
        long grace = Objects.requireNonNullElse(spec.getTerminationGracePeriodSeconds(), 30L);
        if (grace <= sleep + phase.toSeconds()) {
            problems.add(config.where() + ": terminationGracePeriodSeconds " + grace + " leaves no room for the preStop sleep ("
                    + sleep + " s) and a graceful shutdown (up to " + phase.toSeconds()
                    + " s, spring.lifecycle.timeout-per-shutdown-phase)");
        }
        return problems;
    }

    /** A service's Deployment surges one new pod and takes an old one away only once the new one is ready. */
    static List<String> rollingUpdates(ResourceSet set) {
        List<String> problems = new ArrayList<>();
        for (Doc doc : workloads(set)) {
            if (!(doc.resource() instanceof Deployment deployment)
                    || containers(doc).stream().noneMatch((container) -> Workloads.service(container).isPresent())) {
                continue;
            }
            DeploymentStrategy strategy = deployment.getSpec().getStrategy();
            var rolling = (strategy != null) ? strategy.getRollingUpdate() : null;
            boolean surgeOne = rolling != null && is(rolling.getMaxSurge(), 1);
            boolean noneUnavailable = rolling != null && is(rolling.getMaxUnavailable(), 0);
            if (strategy == null || !"RollingUpdate".equals(strategy.getType()) || !surgeOne || !noneUnavailable) {
                problems.add(doc.where() + " must roll with maxSurge: 1 and maxUnavailable: 0 (a new pod ready before an "
                        + "old one goes), is " + ((strategy != null) ? strategy.getType() + " " + rolling : "the default"));
            }
        }
        return problems;
    }

    /**
     * The gateway's pooled connections to a service live shorter than that service's preStop sleep: a
     * connection to a pod being replaced is closed by the pool before the pod's shutdown closes it
     * under a request (a confirm would be lost).
     */
    static List<String> gatewayConnectionLifetime(ResourceSet set) {
        List<String> problems = new ArrayList<>();
        List<ContainerConfig> configs = serviceContainers(set);
        for (ContainerConfig gateway : configs) {
            if (!Project.GATEWAY.equals(gateway.service().orElseThrow())) {
                continue;
            }
            int shortestSleep = configs.stream().filter((config) -> !config.service().orElseThrow().equals(Project.GATEWAY))
                .mapToInt(ServiceChecks::preStopSleep).min().orElse(Integer.MAX_VALUE);
            if (shortestSleep == Integer.MAX_VALUE) {
                continue;
            }
            Optional<Duration> lifetime = gateway.setting(GATEWAY_POOL_LIFETIME).flatMap(ContainerConfig::duration);
            if (lifetime.isEmpty()) {
                problems.add(gateway.where() + " keeps pooled connections to the services without a lifetime: set "
                        + GATEWAY_POOL_LIFETIME + " below the services' preStop sleep (" + shortestSleep + " s)");
            }
            else if (lifetime.get().compareTo(Duration.ofSeconds(shortestSleep)) >= 0) {
                problems.add(gateway.where() + ": " + GATEWAY_POOL_LIFETIME + "=" + lifetime.get().toSeconds()
                        + " s is not shorter than the services' preStop sleep (" + shortestSleep + " s): a request could go out on a "
                        + "connection a replaced pod is closing");
            }
        }
        return problems;
    }

    /**
     * The gateway's autoscaler scales on what limits a gateway: the sockets it holds (a Pods metric naming
     * one of the gateway's gauges, served by a metrics adapter) and its memory, not on CPU alone.
     */
    static List<String> gatewayAutoscaling(ResourceSet set) {
        List<String> problems = new ArrayList<>();
        Set<String> gauges = GatewaySource.gauges();
        for (Doc doc : set.resources()) {
            if (!(doc.resource() instanceof HorizontalPodAutoscaler hpa) || hpa.getSpec() == null
                    || !Project.GATEWAY.equals(hpa.getSpec().getScaleTargetRef().getName())) {
                continue;
            }
            List<MetricSpec> metrics = Objects.requireNonNullElse(hpa.getSpec().getMetrics(), List.of());
            boolean sockets = metrics.stream().anyMatch((metric) -> "Pods".equals(metric.getType()) && metric.getPods() != null
                    && gauges.contains(metric.getPods().getMetric().getName())
                    && "AverageValue".equals(metric.getPods().getTarget().getType()));
            boolean memory = metrics.stream().anyMatch((metric) -> "Resource".equals(metric.getType()) && metric.getResource() != null
                    && "memory".equals(metric.getResource().getName()));
            if (!sockets) {
                problems.add(doc.where() + " does not scale on the sockets a gateway holds: a Pods metric (AverageValue) "
                        + "naming one of the gateway's gauges " + gauges);
            }
            if (!memory) {
                problems.add(doc.where() + " does not scale on memory, which a gateway's sockets fill");
            }
        }
        return problems;
    }

    private static int preStopSleep(ContainerConfig config) {
        var lifecycle = config.container().getLifecycle();
        if (lifecycle == null || lifecycle.getPreStop() == null || lifecycle.getPreStop().getSleep() == null
                || lifecycle.getPreStop().getSleep().getSeconds() == null) {
            return 0;
        }
        return lifecycle.getPreStop().getSleep().getSeconds().intValue();
    }

    private static boolean is(IntOrString value, int expected) {
        return value != null && value.getIntVal() != null && value.getIntVal() == expected;
    }

    /** A property name as an environment variable, the form {@link ServiceConfiguration#propertyOf} reads. */
    static String environmentForm(String property) {
        return property.replace("-", "").replace('.', '_').toUpperCase(Locale.ROOT);
    }
}
