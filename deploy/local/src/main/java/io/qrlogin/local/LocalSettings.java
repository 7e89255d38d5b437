package io.qrlogin.local;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How the local system runs: ports, where the project and logs are, JVM options, and properties
 * passed to every service.
 *
 * @param projectRoot the checkout, where each service's {@code target/} jar is found
 * @param logDirectory one log file per process goes here
 * @param gatewayPorts one port per gateway instance (the first is the main one)
 * @param qrPort qr-service
 * @param scanPort scan-service
 * @param sessionPort session-service
 * @param redisPort Redis
 * @param kafkaPort the Kafka broker
 * @param kafkaControllerPort the Kafka KRaft controller
 * @param jvmOptions options for every service JVM
 * @param sharedProperties Spring properties given to every service (e.g. short ticket lifetimes)
 * @param startTimeout how long every service together may take to start
 * @param managementPortOffset added to a service's HTTP port to give its management port
 * (1000 locally: 8081 → 9081; tests use free ports for both)
 * @param managementPorts explicit management ports by HTTP port (tests: free ports, so they can scrape
 * {@code /actuator/prometheus}); a port not in it follows the offset
 */
public record LocalSettings(Path projectRoot, Path logDirectory, List<Integer> gatewayPorts, int qrPort, int scanPort,
        int sessionPort, int redisPort, int kafkaPort, int kafkaControllerPort, List<String> jvmOptions, Map<String, String> sharedProperties,
        Duration startTimeout, int managementPortOffset, Map<Integer, Integer> managementPorts) {

    public LocalSettings(Path projectRoot, Path logDirectory, List<Integer> gatewayPorts, int qrPort, int scanPort,
            int sessionPort, int redisPort, int kafkaPort, int kafkaControllerPort, List<String> jvmOptions,
            Map<String, String> sharedProperties, Duration startTimeout, int managementPortOffset) {
        this(projectRoot, logDirectory, gatewayPorts, qrPort, scanPort, sessionPort, redisPort, kafkaPort,
                kafkaControllerPort, jvmOptions, sharedProperties, startTimeout, managementPortOffset, Map.of());
    }

    /** The documented local ports: gateway 8080 (and 8090), services 8081-8083, Redis 6379, Kafka 9092. */
    public static LocalSettings defaults(Path projectRoot, int gateways) {
        List<Integer> gatewayPorts = (gateways > 1) ? List.of(8080, 8090) : List.of(8080);
        return new LocalSettings(projectRoot, projectRoot.resolve("deploy/local/.run/logs"), gatewayPorts, 8081, 8082,
                8083, 6379, 9092, 9093, List.of(), Map.of(), Duration.ofSeconds(120), 1000);
    }

    /** Free ports everywhere, for tests that must not collide with a running system. */
    public static LocalSettings onFreePorts(Path projectRoot, Path logDirectory) {
        return onFreePorts(projectRoot, logDirectory, 1);
    }

    /**
     * Free ports everywhere, all different, with {@code gateways} gateway instances: for tests and the
     * soak, which must not collide with a running system.
     */
    public static LocalSettings onFreePorts(Path projectRoot, Path logDirectory, int gateways) {
        // A port is free only until something binds it: none may be handed out twice before the system starts.
        java.util.Set<Integer> taken = new java.util.HashSet<>();
        java.util.function.IntSupplier free = () -> {
            int port;
            do {
                port = LocalSystem.freePort();
            }
            while (!taken.add(port));
            return port;
        };
        List<Integer> gatewayPorts = new ArrayList<>();
        for (int i = 0; i < gateways; i++) {
            gatewayPorts.add(free.getAsInt());
        }
        LocalSettings http = new LocalSettings(projectRoot, logDirectory, List.copyOf(gatewayPorts), free.getAsInt(),
                free.getAsInt(), free.getAsInt(), free.getAsInt(), free.getAsInt(), free.getAsInt(), List.of(), Map.of(),
                Duration.ofSeconds(120), 0);
        Map<Integer, Integer> management = new LinkedHashMap<>();
        for (int port : http.httpPorts()) {
            management.put(port, free.getAsInt());
        }
        return http.withManagementPorts(management);
    }

    /** These settings with {@code options} for every service JVM. */
    public LocalSettings withJvmOptions(List<String> options) {
        return new LocalSettings(this.projectRoot, this.logDirectory, this.gatewayPorts, this.qrPort, this.scanPort,
                this.sessionPort, this.redisPort, this.kafkaPort, this.kafkaControllerPort, List.copyOf(options), this.sharedProperties,
                this.startTimeout, this.managementPortOffset, this.managementPorts);
    }

    /** These settings with {@code properties} for every service. */
    public LocalSettings withSharedProperties(Map<String, String> properties) {
        return new LocalSettings(this.projectRoot, this.logDirectory, this.gatewayPorts, this.qrPort, this.scanPort,
                this.sessionPort, this.redisPort, this.kafkaPort, this.kafkaControllerPort, this.jvmOptions, Map.copyOf(properties),
                this.startTimeout, this.managementPortOffset, this.managementPorts);
    }

    /** These settings with explicit management ports, by HTTP port. */
    public LocalSettings withManagementPorts(Map<Integer, Integer> ports) {
        return new LocalSettings(this.projectRoot, this.logDirectory, this.gatewayPorts, this.qrPort, this.scanPort,
                this.sessionPort, this.redisPort, this.kafkaPort, this.kafkaControllerPort, this.jvmOptions, this.sharedProperties,
                this.startTimeout, this.managementPortOffset, Map.copyOf(ports));
    }

    /**
     * The management port of the service on HTTP port {@code httpPort}: an explicit one, else the HTTP port
     * plus the offset, else 0 (a free port the service picks).
     */
    public int managementPort(int httpPort) {
        Integer explicit = this.managementPorts.get(httpPort);
        if (explicit != null) {
            return explicit;
        }
        return (this.managementPortOffset > 0) ? httpPort + this.managementPortOffset : 0;
    }

    private List<Integer> httpPorts() {
        List<Integer> ports = new ArrayList<>(this.gatewayPorts);
        ports.addAll(List.of(this.qrPort, this.scanPort, this.sessionPort));
        return ports;
    }

    /** The public URL of the main gateway, which is also the token issuer and the QR base URL. */
    public String publicUrl() {
        return "http://localhost:" + this.gatewayPorts.get(0);
    }

    /** What to start, in order, with each service's properties. */
    public List<ServiceSpec> services() {
        String redis = "redis://127.0.0.1:" + this.redisPort;
        String kafka = "127.0.0.1:" + this.kafkaPort;
        List<ServiceSpec> specs = new ArrayList<>();
        specs.add(new ServiceSpec("session-service", "session-service", this.sessionPort, common(redis, kafka, this.sessionPort,
                Map.of("qrlogin.demo.enabled", "true", "qrlogin.session.issuer", publicUrl()))));
        specs.add(new ServiceSpec("qr-service", "qr-service", this.qrPort, common(redis, kafka, this.qrPort,
                Map.of("qrlogin.public-base-url", publicUrl()))));
        specs.add(new ServiceSpec("scan-service", "scan-service", this.scanPort, common(redis, kafka, this.scanPort, Map.of(
                "spring.security.oauth2.resourceserver.jwt.jwk-set-uri",
                "http://127.0.0.1:" + this.sessionPort + "/api/demo/jwks.json",
                "spring.security.oauth2.resourceserver.jwt.audiences", LocalSystem.APP_AUDIENCE))));
        List<String> origins = browserOrigins();
        for (int i = 0; i < this.gatewayPorts.size(); i++) {
            int port = this.gatewayPorts.get(i);
            String name = (i == 0) ? "notify-gateway" : "notify-gateway-" + (i + 1);
            specs.add(new ServiceSpec(name, "notify-gateway", port, common(redis, kafka, port, Map.of(
                    "qrlogin.gateway.qr-service-uri", "http://127.0.0.1:" + this.qrPort,
                    "qrlogin.gateway.scan-service-uri", "http://127.0.0.1:" + this.scanPort,
                    "qrlogin.gateway.session-service-uri", "http://127.0.0.1:" + this.sessionPort,
                    "qrlogin.gateway.allowed-origins", String.join(",", origins),
                    "qrlogin.demo.enabled", "true"))));
        }
        return specs;
    }

    /** The login pages' origins: every gateway, by name and by address. */
    private List<String> browserOrigins() {
        List<String> origins = new ArrayList<>();
        for (int port : this.gatewayPorts) {
            origins.add("http://localhost:" + port);
            origins.add("http://127.0.0.1:" + port);
        }
        return origins;
    }

    private Map<String, String> common(String redis, String kafka, int port, Map<String, String> own) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("server.port", Integer.toString(port));
        // Locally the management port is the HTTP port + 1000 (9080 for 8080, 9090 for 8090);
        // tests choose free ones.
        properties.put("management.server.port", Integer.toString(managementPort(port)));
        properties.put("spring.data.redis.url", redis);
        properties.put("spring.kafka.bootstrap-servers", kafka);
        // The demo's one client, its login page served by every local gateway.
        properties.put("qrlogin.clients.web.name", "Web");
        properties.put("qrlogin.clients.web.origins", String.join(",", browserOrigins()));
        properties.putAll(own);
        properties.putAll(this.sharedProperties);
        return properties;
    }

    /**
     * One service process.
     *
     * @param name its name in logs
     * @param module the Maven module whose jar it runs
     * @param port its HTTP port
     * @param properties its Spring properties
     */
    public record ServiceSpec(String name, String module, int port, Map<String, String> properties) {
    }
}
