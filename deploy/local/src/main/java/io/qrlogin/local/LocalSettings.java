package io.qrlogin.local;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
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
 * @param oidcPort oidc-provider, the OpenID Provider
 * @param demoRpPort the demo relying party, an OpenID Connect client of the system
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
 * @param signingKeys the keys session-service and oidc-provider both sign with (one issuer, one JWK set),
 * made for this system
 */
public record LocalSettings(Path projectRoot, Path logDirectory, List<Integer> gatewayPorts, int qrPort, int scanPort,
        int sessionPort, int oidcPort, int demoRpPort, int redisPort, int kafkaPort, int kafkaControllerPort,
        List<String> jvmOptions, Map<String, String> sharedProperties, Duration startTimeout, int managementPortOffset,
        Map<Integer, Integer> managementPorts, SigningKeySet signingKeys) {

    /** The demo relying party's name among the processes. */
    public static final String DEMO_RP = "demo-rp";

    /**
     * The demo relying party's client secret. A demo value, known to all: the services get only its bcrypt
     * hash ({@link #DEMO_RP_SECRET_HASH}); deploy/demo-rp's application.yml has it as its default.
     */
    public static final String DEMO_RP_SECRET = "demo-rp-secret";

    /** {@link #DEMO_RP_SECRET}, hashed as the provider stores client secrets (Spring Security's {@code {bcrypt}} form). */
    static final String DEMO_RP_SECRET_HASH = "{bcrypt}$2a$10$v/nbkeDtpU6SmSyp8Hsr2OCDkMzx8Fm6DC4ILKDNWnpxleLUbKzau";

    /** The demo relying party's OpenID Connect callback below its URL (Spring Security's default redirect URI). */
    static final String DEMO_RP_CALLBACK = "/login/oauth2/code/qrlogin";

    /** Where the demo relying party takes back-channel logout tokens. */
    static final String DEMO_RP_BACK_CHANNEL_LOGOUT = "/logout/connect/back-channel/qrlogin";

    /** The command-line client's loopback redirect; any port of it matches (RFC 8252 §7.3). */
    static final String CLI_REDIRECT_URI = "http://127.0.0.1/callback";

    /**
     * The documented local ports: gateway 8080 (and 8090), services 8081-8083, oidc-provider 8084, the demo
     * relying party 8085, Redis 6379, Kafka 9092.
     */
    public static LocalSettings defaults(Path projectRoot, int gateways) {
        List<Integer> gatewayPorts = (gateways > 1) ? List.of(8080, 8090) : List.of(8080);
        return new LocalSettings(projectRoot, projectRoot.resolve("deploy/local/.run/logs"), gatewayPorts, 8081, 8082,
                8083, 8084, 8085, 6379, 9092, 9093, List.of(), Map.of(), Duration.ofSeconds(120), 1000, Map.of(),
                SigningKeySet.generate());
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
                free.getAsInt(), free.getAsInt(), free.getAsInt(), free.getAsInt(), free.getAsInt(), free.getAsInt(),
                free.getAsInt(), List.of(), Map.of(), Duration.ofSeconds(120), 0, Map.of(), SigningKeySet.generate());
        Map<Integer, Integer> management = new LinkedHashMap<>();
        for (int port : http.httpPorts()) {
            management.put(port, free.getAsInt());
        }
        return http.withManagementPorts(management);
    }

    /** These settings with {@code options} for every service JVM. */
    public LocalSettings withJvmOptions(List<String> options) {
        return new LocalSettings(this.projectRoot, this.logDirectory, this.gatewayPorts, this.qrPort, this.scanPort,
                this.sessionPort, this.oidcPort, this.demoRpPort, this.redisPort, this.kafkaPort, this.kafkaControllerPort,
                List.copyOf(options), this.sharedProperties, this.startTimeout, this.managementPortOffset,
                this.managementPorts, this.signingKeys);
    }

    /** These settings with {@code properties} for every service. */
    public LocalSettings withSharedProperties(Map<String, String> properties) {
        return new LocalSettings(this.projectRoot, this.logDirectory, this.gatewayPorts, this.qrPort, this.scanPort,
                this.sessionPort, this.oidcPort, this.demoRpPort, this.redisPort, this.kafkaPort, this.kafkaControllerPort,
                this.jvmOptions, Map.copyOf(properties), this.startTimeout, this.managementPortOffset,
                this.managementPorts, this.signingKeys);
    }

    /** These settings with explicit management ports, by HTTP port. */
    public LocalSettings withManagementPorts(Map<Integer, Integer> ports) {
        return new LocalSettings(this.projectRoot, this.logDirectory, this.gatewayPorts, this.qrPort, this.scanPort,
                this.sessionPort, this.oidcPort, this.demoRpPort, this.redisPort, this.kafkaPort, this.kafkaControllerPort,
                this.jvmOptions, this.sharedProperties, this.startTimeout, this.managementPortOffset, Map.copyOf(ports),
                this.signingKeys);
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
        ports.addAll(List.of(this.qrPort, this.scanPort, this.sessionPort, this.oidcPort));
        return ports;
    }

    /**
     * The public URL of the main gateway, which is also the token issuer (of session tokens and ID tokens
     * alike), the OpenID Provider's URL and the QR base URL.
     */
    public String publicUrl() {
        return "http://localhost:" + this.gatewayPorts.get(0);
    }

    /** The demo relying party's URL: the one its redirect URIs are registered for (localhost, not 127.0.0.1). */
    public String demoRpUrl() {
        return "http://localhost:" + this.demoRpPort;
    }

    /** What to start, in order, with each service's properties. */
    public List<ServiceSpec> services() {
        String redis = "redis://127.0.0.1:" + this.redisPort;
        String kafka = "127.0.0.1:" + this.kafkaPort;
        // Secrets go in the environment: any user of the machine can read a command line.
        Map<String, String> sharedKeys = Map.of("QRLOGIN_SESSION_SIGNING_JWKS", this.signingKeys.jwks());
        List<ServiceSpec> specs = new ArrayList<>();
        // Demo mode for its app-token issuer; session tokens are signed with the shared keys all the same.
        specs.add(new ServiceSpec("session-service", "session-service", this.sessionPort, common(redis, kafka, this.sessionPort,
                Map.of("qrlogin.demo.enabled", "true", "qrlogin.session.issuer", publicUrl(),
                        // The app's signed-in-browsers API trusts the same app tokens as scan-service.
                        "spring.security.oauth2.resourceserver.jwt.jwk-set-uri",
                        "http://127.0.0.1:" + this.sessionPort + "/api/demo/jwks.json",
                        "spring.security.oauth2.resourceserver.jwt.audiences", LocalSystem.APP_AUDIENCE,
                        "spring.security.oauth2.resourceserver.jwt.jws-algorithms", "ES256")), sharedKeys, false));
        specs.add(new ServiceSpec("qr-service", "qr-service", this.qrPort, common(redis, kafka, this.qrPort,
                Map.of("qrlogin.public-base-url", publicUrl())), Map.of(), false));
        specs.add(new ServiceSpec("scan-service", "scan-service", this.scanPort, common(redis, kafka, this.scanPort, Map.of(
                "spring.security.oauth2.resourceserver.jwt.jwk-set-uri",
                "http://127.0.0.1:" + this.sessionPort + "/api/demo/jwks.json",
                "spring.security.oauth2.resourceserver.jwt.audiences", LocalSystem.APP_AUDIENCE)), Map.of(), false));
        specs.add(new ServiceSpec("oidc-provider", "oidc-provider", this.oidcPort, common(redis, kafka, this.oidcPort,
                Map.of("qrlogin.session.issuer", publicUrl(), "qrlogin.public-base-url", publicUrl(),
                        // The device grant redeems its devices' tickets there, as a browser redeems its own.
                        "qrlogin.oidc.session-service-uri", "http://127.0.0.1:" + this.sessionPort)), sharedKeys, false));
        List<String> origins = browserOrigins();
        for (int i = 0; i < this.gatewayPorts.size(); i++) {
            int port = this.gatewayPorts.get(i);
            String name = (i == 0) ? "notify-gateway" : "notify-gateway-" + (i + 1);
            specs.add(new ServiceSpec(name, "notify-gateway", port, common(redis, kafka, port, Map.of(
                    "qrlogin.gateway.qr-service-uri", "http://127.0.0.1:" + this.qrPort,
                    "qrlogin.gateway.scan-service-uri", "http://127.0.0.1:" + this.scanPort,
                    "qrlogin.gateway.session-service-uri", "http://127.0.0.1:" + this.sessionPort,
                    "qrlogin.gateway.oidc-provider-uri", "http://127.0.0.1:" + this.oidcPort,
                    "qrlogin.gateway.allowed-origins", String.join(",", origins),
                    // What the OpenID Provider is told its requests were addressed to, whichever gateway took them.
                    "qrlogin.public-base-url", publicUrl(),
                    "qrlogin.demo.enabled", "true")), Map.of(), false));
        }
        specs.add(new ServiceSpec(DEMO_RP, "deploy/demo-rp", this.demoRpPort, demoRp(), Map.of(), true));
        return specs;
    }

    /**
     * The demo relying party: an app of its own (no Redis, no Kafka, no management port) that knows the
     * system only by its public URL, as an integrator's app would.
     */
    private Map<String, String> demoRp() {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("server.port", Integer.toString(this.demoRpPort));
        properties.put("spring.security.oauth2.client.provider.qrlogin.issuer-uri", publicUrl());
        properties.put("spring.security.oauth2.client.registration.qrlogin.client-secret", DEMO_RP_SECRET);
        properties.putAll(this.sharedProperties);
        return properties;
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
        properties.putAll(clients());
        properties.putAll(own);
        properties.putAll(this.sharedProperties);
        return properties;
    }

    /**
     * The clients every service knows ({@code qrlogin.clients.*}, read alike by all): the demo login page,
     * and the OpenID Provider's two clients, {@code cli} and {@code demo-rp}. The provider's login page (on
     * the gateway) asks for QR codes in the name of the client that is signing in, so each client's origins
     * are the gateways'.
     */
    private Map<String, String> clients() {
        String origins = String.join(",", browserOrigins());
        Map<String, String> clients = new LinkedHashMap<>();
        // The demo's login page, served by every local gateway.
        clients.put("qrlogin.clients.web.name", "Web");
        clients.put("qrlogin.clients.web.origins", origins);
        // A command-line tool (kubectl through kubelogin, say): the loopback flow on any port, or the device grant.
        clients.put("qrlogin.clients.cli.name", "Command-line tools");
        clients.put("qrlogin.clients.cli.origins", origins);
        clients.put("qrlogin.clients.cli.type", "native");
        // And the loopback root: kubelogin (kubectl oidc-login) sends http://127.0.0.1:<port>, without a path.
        clients.put("qrlogin.clients.cli.redirect-uris", CLI_REDIRECT_URI + ",http://127.0.0.1");
        clients.put("qrlogin.clients.cli.post-logout-redirect-uris", CLI_REDIRECT_URI);
        clients.put("qrlogin.clients.cli.grant-types",
                "authorization_code,refresh_token,urn:ietf:params:oauth:grant-type:device_code");
        clients.put("qrlogin.clients.cli.scopes", "openid,profile,offline_access");
        // The demo relying party (deploy/demo-rp), a confidential client.
        clients.put("qrlogin.clients." + DEMO_RP + ".name", "Demo app");
        clients.put("qrlogin.clients." + DEMO_RP + ".origins", origins);
        clients.put("qrlogin.clients." + DEMO_RP + ".type", "confidential");
        clients.put("qrlogin.clients." + DEMO_RP + ".secret", DEMO_RP_SECRET_HASH);
        clients.put("qrlogin.clients." + DEMO_RP + ".redirect-uris", demoRpUrl() + DEMO_RP_CALLBACK);
        clients.put("qrlogin.clients." + DEMO_RP + ".post-logout-redirect-uris", demoRpUrl() + "/");
        // Sessions that end at QR Login (from the phone, at another app) end at the demo app too.
        clients.put("qrlogin.clients." + DEMO_RP + ".backchannel-logout-uri", demoRpUrl() + DEMO_RP_BACK_CHANNEL_LOGOUT);
        clients.put("qrlogin.clients." + DEMO_RP + ".grant-types", "authorization_code,refresh_token");
        clients.put("qrlogin.clients." + DEMO_RP + ".scopes", "openid,profile,offline_access");
        return clients;
    }

    /**
     * One service process.
     *
     * @param name its name in logs
     * @param module the Maven module whose jar it runs, by its directory ({@code deploy/demo-rp} builds
     * {@code deploy-demo-rp-*.jar})
     * @param port its HTTP port
     * @param properties its Spring properties, on its command line
     * @param environment environment variables it gets besides this process's own: the secrets, which a command
     * line would show to every user of the machine
     * @param relyingParty whether it is a client of the system rather than a part of it: started once every
     * service listens, since it reads the OpenID Provider's discovery document when it starts
     */
    public record ServiceSpec(String name, String module, int port, Map<String, String> properties,
            Map<String, String> environment, boolean relyingParty) {

        public ServiceSpec {
            properties = Collections.unmodifiableMap(new LinkedHashMap<>(properties));
            environment = Map.copyOf(environment);
        }

        // Never print the secrets, wherever a spec ends up.
        @Override
        public String toString() {
            return "ServiceSpec[name=" + this.name + ", module=" + this.module + ", port=" + this.port + ", properties="
                    + this.properties + ", environment=" + this.environment.keySet() + ", relyingParty="
                    + this.relyingParty + "]";
        }
    }
}
