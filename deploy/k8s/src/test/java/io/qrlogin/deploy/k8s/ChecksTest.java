package io.qrlogin.deploy.k8s;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The checks catch what they are for: each test breaks the manifests in one way Kubernetes would accept
 * silently (or the services would ignore, or only a rolling update or an outage would reveal) and expects
 * a problem naming it. The fixture is what the prod overlay applies, read from the files: the base, the
 * edges, Kafka, monitoring, prod's network policies, and the ConfigMaps its generators make.
 */
class ChecksTest {

    /** What the prod overlay's generators make, as plain ConfigMaps. */
    private static final String CONFIG_MAPS = """
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: qrlogin-shared
            data:
              QRLOGIN_TICKET_PENDING: 120s
              QRLOGIN_TICKET_CONFIRMED: 30s
              QRLOGIN_EVENTS_TOPIC: qrlogin.events
              SPRING_CONFIG_IMPORT: optional:configtree:/etc/qrlogin/secrets/
              SPRING_KAFKA_BOOTSTRAP_SERVERS: qrlogin-kafka-bootstrap:9093
              SPRING_KAFKA_SECURITY_PROTOCOL: SASL_SSL
              SPRING_KAFKA_PROPERTIES_SASL_MECHANISM: SCRAM-SHA-512
              SPRING_KAFKA_SSL_TRUST_STORE_TYPE: PEM
              MANAGEMENT_ENDPOINTS_WEB_EXPOSURE_INCLUDE: health,info,prometheus,sbom
            ---
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: qrlogin-public
            data:
              url: https://login.example.com
              allowed-origins: https://login.example.com
            ---
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: qrlogin-app-idp
            data:
              SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_JWK_SET_URI: https://idp.example.com/jwks
            ---
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: qrlogin-clients
            data:
              QRLOGIN_CLIENTS_WEB_NAME: Web
              QRLOGIN_CLIENTS_WEB_ORIGINS: https://login.example.com
            ---
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: qrlogin-observability
            data:
              LOGGING_STRUCTURED_FORMAT_CONSOLE: ecs
              MANAGEMENT_OPENTELEMETRY_TRACING_EXPORT_OTLP_ENDPOINT: http://otel-collector.observability.svc:4318/v1/traces
              MANAGEMENT_OTLP_METRICS_EXPORT_ENABLED: "true"
              MANAGEMENT_OTLP_METRICS_EXPORT_URL: http://otel-collector.observability.svc:4318/v1/metrics
            """;

    /** The kustomizations whose resource files make the fixture, with prod's own network policies. */
    private static final List<String> PARTS = List.of("base", "gateway-api", "ingress", "kafka", "monitoring");

    private static final List<String> PROD_FILES = List.of("overlays/prod/network-policies.yaml");

    private static Map<String, ServiceConfiguration> services;

    private static Map<String, Set<String>> operatorSecrets;

    private static String base;

    /** The same without an edge: neither the HTTPRoute nor the Ingress, nor their network policies. */
    private static String withoutEdge;

    /** The base and its parts with dev's in-cluster Redis and network policies instead of prod's. */
    private static String withRedis;

    @BeforeAll
    static void read() throws IOException {
        services = ManifestsTest.services();
        operatorSecrets = OperatorSecrets.fromReadme();
        base = fixture(PARTS, PROD_FILES);
        withoutEdge = fixture(PARTS.stream().filter((part) -> !part.equals("gateway-api") && !part.equals("ingress")).toList(),
                PROD_FILES);
        withRedis = fixture(PARTS, List.of("overlays/dev/redis.yaml", "overlays/dev/network-policies.yaml"));
    }

    private static String fixture(List<String> parts, List<String> overlayFiles) throws IOException {
        Manifests manifests = Manifests.load();
        StringBuilder yaml = new StringBuilder(CONFIG_MAPS).append("---\n").append(dashboardConfigMap());
        List<Path> files = new ArrayList<>();
        parts.forEach((part) -> files.addAll(manifests.kustomizations().get(Project.K8S.resolve(part)).resources()));
        overlayFiles.forEach((file) -> files.add(Project.K8S.resolve(file)));
        for (Path file : files) {
            yaml.append("---\n").append(Files.readString(file));
        }
        return yaml.toString();
    }

    /** The dashboard ConfigMap as monitoring's configMapGenerator makes it. */
    private static String dashboardConfigMap() throws IOException {
        ConfigMapBuilder configMap = new ConfigMapBuilder().withNewMetadata().withName("qrlogin-grafana-dashboard")
            .addToLabels(MonitoringChecks.DASHBOARD_LABEL, "1").endMetadata();
        for (Path file : MonitoringChecks.dashboardFiles()) {
            configMap.addToData(file.getFileName().toString(), Files.readString(file));
        }
        String yaml = new KubernetesSerialization().asYaml(configMap.build());
        return yaml.startsWith("---\n") ? yaml.substring(4) : yaml;
    }

    @Test
    void theUnbrokenBaseHasNoProblem() {
        assertThat(problems(base)).isEmpty();
    }

    /**
     * Each row breaks the prod fixture in one way and names what the problem must say (all of it in one problem).
     * A row's change fails when its target is not in the fixture, so no row passes vacuously.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("breakagesOfTheProdOverlay")
    void eachBreakageOfTheProdOverlayIsReported(String breakage, UnaryOperator<String> change, String[] says) {
        assertProblem(change.apply(base), says);
    }

    static Stream<Arguments> breakagesOfTheProdOverlay() {
        return Stream.of(
                breakage("a duplicate key is refused",
                        replacing("revisionHistoryLimit: 5", "revisionHistoryLimit: 5\n  revisionHistoryLimit: 3"),
                        "duplicate key revisionHistoryLimit"),
                breakage("a misspelled field is refused",
                        replacing("readinessProbe:", "readynessProbe:"),
                        "unknown field", "readynessProbe"),
                breakage("a number where Kubernetes wants a string is refused",
                        replacing("value: \"1\"", "value: 1"),
                        "Deployment/notify-gateway", ".value (Integer 1, read back as String 1) is not what Kubernetes reads"),
                breakage("an environment variable no property binds is refused",
                        replacing("QRLOGIN_GATEWAY_TRUSTED_PROXIES", "QRLOGIN_GATEWAY_TRUSTED_PROXY"),
                        "QRLOGIN_GATEWAY_TRUSTED_PROXY binds to no configuration property"),
                breakage("a shared setting a service does not read is refused",
                        replacing("QRLOGIN_TICKET_PENDING: 120s", "QRLOGIN_TICKET_PENDING: 120s\n  QRLOGIN_PUBLIC_BASE_URL: x"),
                        "container scan-service: QRLOGIN_PUBLIC_BASE_URL binds to no"),
                breakage("a probe on a port the container does not declare is refused",
                        replacing("              port: management", "              port: admin"),
                        "probes port admin"),
                breakage("a Service that selects no pods is refused",
                        replacing("  selector:\n    app.kubernetes.io/name: qr-service", "  selector:\n    app.kubernetes.io/name: qr"),
                        "Service/qr-service selects"),
                breakage("an image tagged latest is refused as unpinned",
                        replacing("ghcr.io/qrlogin/qr-service:0.2.0", "ghcr.io/qrlogin/qr-service:latest"),
                        "is not pinned"),
                breakage("an image without a tag is refused as unpinned",
                        replacing("ghcr.io/qrlogin/qr-service:0.2.0", "ghcr.io/qrlogin/qr-service"),
                        "has no tag"),
                breakage("a Secret the README does not list is refused",
                        replacing("name: qrlogin-redis", "name: redis-credentials"),
                        "the Secret redis-credentials, which deploy/README.md does not list"),
                breakage("a ConfigMap key that does not exist is refused",
                        replacing("key: allowed-origins", "key: origins"),
                        "reads key origins of the ConfigMap qrlogin-public"),
                breakage("an Ingress to any service but the gateway is refused",
                        replacing("              service:\n                name: notify-gateway",
                                "              service:\n                name: qr-service"),
                        "routes to qr-service: only notify-gateway is public"),
                breakage("a container port other than the service listens on is refused",
                        replacing("containerPort: 9081", "containerPort: 9091"),
                        "listens on management.server.port=9081"),
                breakage("demo mode outside the dev overlay is refused",
                        replacing("            - name: QRLOGIN_SESSION_ISSUER",
                                "            - name: QRLOGIN_DEMO_ENABLED\n              value: \"true\"\n            - name: QRLOGIN_SESSION_ISSUER"),
                        "switches demo mode on outside the dev overlay"),
                breakage("a secret value written into the manifest is refused",
                        replacing("            - name: QRLOGIN_SESSION_ISSUER",
                                "            - name: QRLOGIN_SESSION_SIGNING_JWKS\n              value: '{\"keys\":[]}'\n            - name: QRLOGIN_SESSION_ISSUER"),
                        "QRLOGIN_SESSION_SIGNING_JWKS must come from a Secret"),
                breakage("a writable root filesystem is refused",
                        replacing("readOnlyRootFilesystem: true", "readOnlyRootFilesystem: false"),
                        "has a writable root filesystem"),
                breakage("an in-cluster URL to no service is refused",
                        replacing("http://scan-service:8082", "http://scan-service:8083"),
                        "points at scan-service:8083"),
                breakage("a call the network policies block is refused",
                        replacing("values: [oidc-provider, qr-service, scan-service, session-service]",
                                "values: [oidc-provider, qr-service, scan-service]"),
                        "calls session-service:8083 (QRLOGIN_GATEWAY_SESSION_SERVICE_URI)", "which no network policy lets through"),
                breakage("another service's setting given to a service is refused",
                        replacing("            - name: QRLOGIN_OIDC_SESSION_SERVICE_URI\n",
                                "            - name: QRLOGIN_DEMO_ENABLED\n              value: \"true\"\n"
                                        + "            - name: QRLOGIN_OIDC_SESSION_SERVICE_URI\n"),
                        "container oidc-provider: QRLOGIN_DEMO_ENABLED binds to no configuration property of oidc-provider"),
                breakage("a whole Secret with a key that binds to no property is refused",
                        replacing("                  name: qrlogin-oidc-clients\n                  optional: true\n",
                                "                  name: qrlogin-redis\n"),
                        "container notify-gateway: the config tree file url (a key of "
                                + "the Secret qrlogin-redis, mounted whole) binds to no configuration property of notify-gateway"),
                breakage("an alert over the services that leaves one out is refused",
                        replacing("up{job=~\"notify-gateway|oidc-provider|qr-service", "up{job=~\"notify-gateway|qr-service"),
                        "alert QrLoginTargetDown watches the jobs [notify-gateway, qr-service, "
                                + "scan-service, session-service] but not [oidc-provider]"),
                breakage("a Secret read through the environment is refused",
                        replacing("            - name: QRLOGIN_PUBLIC_BASE_URL", "            - name: SPRING_DATA_REDIS_URL\n"
                                + "              valueFrom:\n                secretKeyRef:\n                  name: qrlogin-redis\n                  key: url\n"
                                + "            - name: QRLOGIN_PUBLIC_BASE_URL"),
                        "container notify-gateway reads the Secret qrlogin-redis through the environment (SPRING_DATA_REDIS_URL)"),
                breakage("a Secret mounted outside the config tree is refused",
                        replacing("mountPath: /etc/qrlogin/secrets", "mountPath: /etc/secrets"),
                        "container notify-gateway mounts the Secret qrlogin-redis at /etc/secrets, which is no config tree"),
                breakage("plain text logs are refused",
                        replacing("LOGGING_STRUCTURED_FORMAT_CONSOLE: ecs", "LOGGING_STRUCTURED_FORMAT_CONSOLE: text"),
                        "logs plain text"),
                breakage("production without OTLP metrics export is refused",
                        replacing("MANAGEMENT_OTLP_METRICS_EXPORT_ENABLED: \"true\"", "MANAGEMENT_OTLP_METRICS_EXPORT_ENABLED: \"false\""),
                        "exports no metrics over OTLP in production"),
                breakage("an SBOM not exposed is refused",
                        replacing("health,info,prometheus,sbom", "health,info,prometheus"),
                        "does not expose the sbom endpoint"),
                breakage("a rolling update that takes a pod away first is refused",
                        replacing("maxUnavailable: 0", "maxUnavailable: 1"),
                        "Deployment/notify-gateway must roll with maxSurge: 1 and maxUnavailable: 0"),
                breakage("a preStop command is refused because the image has no shell",
                        replacing("            preStop:\n              sleep:\n                seconds: 10",
                                "            preStop:\n              exec:\n                command: [\"sleep\", \"10\"]"),
                        "preStop runs a command in the container: the image is distroless"),
                breakage("a grace period shorter than the preStop sleep and the graceful shutdown is refused",
                        replacing("terminationGracePeriodSeconds: 45", "terminationGracePeriodSeconds: 40"),
                        "terminationGracePeriodSeconds 40 leaves no room for the preStop sleep (10 s) and a graceful shutdown (up to 30 s"),
                breakage("gateway connections outliving the preStop sleep are refused",
                        replacing("              value: 5s", "              value: 10s"),
                        "=10 s is not shorter than the services' preStop sleep (10 s)"),
                breakage("a gateway autoscaler that does not scale on the sockets is refused",
                        replacing("          name: qrlogin_sockets", "          name: qrlogin_socket"),
                        "HorizontalPodAutoscaler/notify-gateway does not scale on the sockets"),
                breakage("a gateway autoscaler that does not scale on memory is refused",
                        replacing("        name: memory\n        target:\n          type: Utilization\n          averageUtilization: 90",
                                "        name: cpu\n        target:\n          type: Utilization\n          averageUtilization: 90"),
                        "HorizontalPodAutoscaler/notify-gateway does not scale on memory"),
                breakage("a socket route timeout shorter than a socket lives is refused",
                        replacing("request: 300s", "request: 60s"),
                        "HTTPRoute/qrlogin: the rule serving the browser socket /ws/qr has "
                                + "timeouts.request 60s, shorter than a socket lives (150 s"),
                breakage("a socket route timeout that a longer pending ticket outlives is refused",
                        replacing("QRLOGIN_TICKET_PENDING: 120s", "QRLOGIN_TICKET_PENDING: 300s"),
                        "has timeouts.request 300s, shorter than a socket lives (330 s"),
                breakage("a socket left to the catch-all route is refused",
                        replacing("            value: /ws/qr", "            value: /ws/qrcode"),
                        "has timeouts.request 15s, shorter than a socket lives"),
                breakage("an HTTPRoute to any service but the gateway is refused",
                        replacing("          name: notify-gateway\n          port: 8080", "          name: qr-service\n          port: 8081"),
                        "HTTPRoute/qrlogin routes to Service qr-service: only notify-gateway is public"),
                breakage("an HTTPRoute for another host than the public URL is refused",
                        replacing("  hostnames:\n    - login.example.com", "  hostnames:\n    - other.example.com"),
                        "HTTPRoute/qrlogin serves [other.example.com], not the public URL's host login.example.com"),
                breakage("an Ingress for another host than the public URL is refused",
                        replacing("    - host: login.example.com", "    - host: other.example.com"),
                        "Ingress/qrlogin serves [other.example.com], not the public URL's host"),
                breakage("an NGINX Ingress that does not know the socket is refused",
                        replacing("    nginx.org/websocket-services: notify-gateway\n", ""),
                        "nginx.org/websocket-services does not name notify-gateway"),
                breakage("an NGINX Ingress whose read timeout would cut the socket is refused",
                        replacing("nginx.org/proxy-read-timeout: 300s", "nginx.org/proxy-read-timeout: 10s"),
                        "nginx.org/proxy-read-timeout 10s must exceed the gateway's ping interval"),
                breakage("a call to a service the egress policies block is refused",
                        replacingAfter("name: gateway-to-services", "values: [oidc-provider, qr-service, scan-service, session-service]",
                                "values: [oidc-provider, qr-service, scan-service]"),
                        "container notify-gateway calls http://session-service:8083 "
                                + "(QRLOGIN_GATEWAY_SESSION_SERVICE_URI), which no egress policy lets out"),
                breakage("a call to the OTLP collector the egress policies block is refused",
                        replacing("kubernetes.io/metadata.name: observability", "kubernetes.io/metadata.name: telemetry"),
                        "calls http://otel-collector.observability.svc:4318/v1/traces "
                                + "(MANAGEMENT_OPENTELEMETRY_TRACING_EXPORT_OTLP_ENDPOINT), which no egress policy lets out "
                                + "(to the namespace observability"),
                breakage("a DNS lookup the egress policies block is refused",
                        replacing("          protocol: UDP", "          protocol: SCTP"),
                        "may not reach the cluster DNS"),
                breakage("an egress rule open to every port is refused",
                        replacingAfter("name: scan-service-to-idp", "      ports:\n        - port: 443\n", ""),
                        "NetworkPolicy/scan-service-to-idp lets the services' pods out on any port"),
                breakage("a Kafka listener without TLS is refused",
                        replacing("        tls: true", "        tls: false"),
                        "Kafka/qrlogin listener tls is not TLS with SCRAM-SHA-512 users"),
                breakage("a Kafka cluster without authorization is refused",
                        replacing("    authorization:\n      type: simple\n", ""),
                        "Kafka/qrlogin has no authorization"),
                breakage("a Kafka cluster that is not rack-aware is refused",
                        replacing("    rack:\n      topologyKey: topology.kubernetes.io/zone\n", ""),
                        "Kafka/qrlogin is not rack-aware"),
                breakage("a Kafka user operator without resources is refused",
                        replacing("    userOperator:\n      resources:\n        requests:\n          cpu: 50m\n          memory: 384Mi\n"
                                + "        limits:\n          memory: 384Mi\n", "    userOperator: {}\n"),
                        "Kafka/qrlogin entityOperator.userOperator has no resources"),
                breakage("a Kafka user allowed too little is refused",
                        replacing("operations: [Describe, Read, Write]", "operations: [Describe, Write]"),
                        "container notify-gateway signs in as",
                        "KafkaUser/qrlogin-notify-gateway, which is allowed [Describe, Write] on qrlogin.events, not [Describe, Read, Write]"),
                breakage("a Kafka user allowed every operation is refused",
                        replacing("operations: [Describe, Write]", "operations: [All]"),
                        "KafkaUser/qrlogin-qr-service is allowed All on topic qrlogin.events"),
                breakage("a Kafka user allowed every topic is refused",
                        replacing("          name: qrlogin.events\n          patternType: literal\n        operations: [Describe, Write]",
                                "          name: \"*\"\n          patternType: literal\n        operations: [Describe, Write]"),
                        "KafkaUser/qrlogin-qr-service is allowed [Describe, Write] on topic *"),
                breakage("a service that talks to Kafka in plain text is refused",
                        replacing("SPRING_KAFKA_SECURITY_PROTOCOL: SASL_SSL", "SPRING_KAFKA_SECURITY_PROTOCOL: PLAINTEXT"),
                        "has SPRING_KAFKA_SECURITY_PROTOCOL=PLAINTEXT, not SASL_SSL"),
                breakage("a service that signs in to Kafka as no user is refused",
                        replacing("name: qrlogin-qr-service\n                  items", "name: qrlogin-qr\n                  items"),
                        "container qr-service signs in with the Secret qrlogin-qr, which no KafkaUser of"),
                breakage("a service that does not trust the Kafka cluster CA is refused",
                        replacing("path: spring.kafka.ssl.trust-store-certificates", "path: spring.kafka.ssl.trust-store"),
                        "container notify-gateway does not trust the cluster CA"),
                breakage("a service the brokers' port would not let in is refused",
                        replacing("        - port: 9093", "        - port: 9092"),
                        "may not reach the brokers of"),
                breakage("a service the brokers' network policy peers leave out is refused",
                        replacing("                  values: [notify-gateway, oidc-provider, qr-service, scan-service, session-service]",
                                "                  values: [notify-gateway, oidc-provider, qr-service, scan-service]"),
                        "container session-service is not among the networkPolicyPeers"),
                breakage("monitoring without a Kafka lag alert is refused",
                        replacing("kafka_consumergroup_lag{", "kafka_consumergroup_current_offset{"),
                        "no alert watches kafka_consumergroup_lag"),
                breakage("monitoring without a Redis memory alert is refused",
                        replacing("redis_memory_used_bytes / redis_memory_max_bytes", "redis_connected_clients / 100"),
                        "no alert watches redis_memory_used_bytes"),
                breakage("a dashboard ConfigMap that drifts from its file is refused",
                        replacing("qrlogin_sockets", "qrlogin_socket_count"),
                        "holds another qrlogin-dashboard.json than monitoring/dashboards/qrlogin-dashboard.json"),
                breakage("a dashboard ConfigMap without the sidecar label is refused",
                        replacing("grafana_dashboard", "grafana-dashboard"),
                        "no ConfigMap is labelled grafana_dashboard=\"1\""),
                breakage("a PodMonitor that selects no pods is refused",
                        replacing("      strimzi.io/name: qrlogin-kafka-exporter\n  podMetricsEndpoints",
                                "      strimzi.io/name: qrlogin-exporter\n  podMetricsEndpoints"),
                        "PodMonitor/qrlogin-kafka-exporter selects no pods"),
                breakage("a PodMonitor that scrapes a port its pods do not open is refused",
                        replacing("    - port: tcp-prometheus", "    - port: metrics"),
                        "scrapes the port metrics, which the pods it selects do not open"));
    }

    @Test
    void anOAuthClientsSettingsBindButItsSecretHashBelongsInASecret() {
        String oauthClient = once(base, "  QRLOGIN_CLIENTS_WEB_NAME: Web\n", "  QRLOGIN_CLIENTS_WEB_NAME: Web\n"
                + "  QRLOGIN_CLIENTS_KEYCLOAK_NAME: Keycloak\n  QRLOGIN_CLIENTS_KEYCLOAK_TYPE: confidential\n"
                + "  QRLOGIN_CLIENTS_KEYCLOAK_REDIRECT_URIS: https://sso.example.com/realms/staff/broker/qrlogin/endpoint\n"
                + "  QRLOGIN_CLIENTS_KEYCLOAK_GRANT_TYPES: authorization_code\n  QRLOGIN_CLIENTS_KEYCLOAK_REQUIRE_CONSENT: \"false\"\n");
        assertThat(problems(oauthClient)).isEmpty();
        assertProblem(once(oauthClient, "  QRLOGIN_CLIENTS_KEYCLOAK_TYPE: confidential\n",
                "  QRLOGIN_CLIENTS_KEYCLOAK_TYPE: confidential\n  QRLOGIN_CLIENTS_KEYCLOAK_SECRET: '{bcrypt}$2a$10$x'\n"),
                "ConfigMap qrlogin-clients holds QRLOGIN_CLIENTS_KEYCLOAK_SECRET, which belongs in a Secret");
    }

    @Test
    void anInClusterRedisThatDoesNotLetAServiceInIsRefused() {
        assertThat(problems(withRedis, ResourceSet.Profile.DEV)).noneSatisfy((problem) -> assertThat(problem).contains("Redis"));
        assertProblem(ResourceSet.Profile.DEV, after(withRedis, "name: redis-from-services", "values: [notify-gateway, oidc-provider, qr-service",
                "values: [notify-gateway, qr-service"),
                "container oidc-provider is not let in by Redis (", "StatefulSet/redis, port redis): no network policy selecting Redis admits it");
        assertProblem(ResourceSet.Profile.DEV, after(withRedis, "name: services-to-redis", "values: [notify-gateway, oidc-provider, qr-service",
                "values: [notify-gateway, qr-service"),
                "container oidc-provider may not reach Redis (", "StatefulSet/redis, port redis)");
    }

    @Test
    void aStrimziFieldOutsideItsShapeIsRefused() throws IOException {
        String kafka = Files.readString(Project.K8S.resolve("kafka/kafka.yaml")) + "---\n"
                + Files.readString(Project.K8S.resolve("kafka/topic.yaml"));
        assertThat(problems(kafka, ResourceSet.Profile.PART)).isEmpty();
        assertProblem(ResourceSet.Profile.PART, once(kafka, "partitions: 6", "partitons: 6"), ".spec.partitons is not a known field");
        assertProblem(ResourceSet.Profile.PART, once(kafka, "retention.ms:", "retention.msec:"), "retention.msec is not a known key");
        assertProblem(ResourceSet.Profile.PART, once(kafka, "replicas: 3\n  roles", "replicas: 2\n  roles"), "wants 3 replicas of 2 brokers");
    }

    @Test
    void aConfigTreeFileNoPropertyBindsToIsRefused() {
        assertThat(problems(once(base, "path: spring.data.redis.url", "path: spring.redis.url")))
            .anySatisfy((problem) -> assertThat(problem).contains("container notify-gateway: the config tree file spring.redis.url "
                    + "(key url of the Secret qrlogin-redis) binds to no configuration property of notify-gateway"))
            .anySatisfy((problem) -> assertThat(problem).contains("container notify-gateway gets no spring.data.redis.url file"));
    }

    @Test
    void productionWithoutOtlpTraceExportIsRefusedButDevelopmentIsNot() {
        String noTraces = once(base, "  MANAGEMENT_OPENTELEMETRY_TRACING_EXPORT_OTLP_ENDPOINT: http://otel-collector.observability.svc:4318/v1/traces\n", "");
        assertProblem(noTraces, "exports no traces in production");
        assertThat(problems(noTraces, ResourceSet.Profile.DEV)).noneSatisfy((problem) -> assertThat(problem).contains("exports no"));
    }

    @Test
    void anOverlayWithoutAnEdgeIsRefused() {
        assertThat(problems(withoutEdge))
            .anySatisfy((problem) -> assertThat(problem).contains("there is no edge"))
            .anySatisfy((problem) -> assertThat(problem).contains("no network policy lets the edge"));
        assertThat(problems(withoutEdge, ResourceSet.Profile.PART)).isEmpty();
    }

    @Test
    void anHttpRouteOnAListenerItsGatewayDoesNotHaveIsRefused() throws IOException {
        String route = Files.readString(Project.K8S.resolve("gateway-api/httproute.yaml"));
        String gateway = Files.readString(Project.K8S.resolve("overlays/dev/gateway.yaml"));
        String fixture = gateway + "---\n" + once(once(route, "      name: public\n      namespace: gateway-system\n      sectionName: https",
                "      name: qrlogin\n      sectionName: http"), "    - login.example.com", "    - qrlogin.localtest.me");
        assertThat(problems(fixture, ResourceSet.Profile.PART)).isEmpty();
        assertProblem(ResourceSet.Profile.PART, once(fixture, "      sectionName: http", "      sectionName: https"),
                "attaches to the listener https of the Gateway qrlogin, which has [http]");
        assertProblem(ResourceSet.Profile.PART, once(fixture, "    - qrlogin.localtest.me", "    - login.example.com"),
                "but the listener http of the Gateway qrlogin accepts only qrlogin.localtest.me");
        assertProblem(ResourceSet.Profile.PART, once(fixture, "      name: qrlogin\n      sectionName", "      name: public\n      sectionName"),
                "attaches to the Gateway public of its own namespace, which is not in these manifests");
    }

    @Test
    void aServiceWithoutAnEgressPolicyMayCallAnywhereAndIsRefused() {
        assertProblem(base.replace("policyTypes:\n    - Egress", "policyTypes:\n    - Ingress"), "container qr-service may call anywhere");
    }

    @Test
    void aCallToAServiceTheEgressPoliciesBlockIsRefusedWhateverTheSettingsName() {
        String renamed = once(base, "QRLOGIN_GATEWAY_SESSION_SERVICE_URI", "QRLOGIN_GATEWAY_SESSIONSERVICEURI");
        assertThat(problems(renamed)).isEmpty();
        assertProblem(after(renamed, "name: gateway-to-services", "values: [oidc-provider, qr-service, scan-service, session-service]",
                "values: [oidc-provider, qr-service, scan-service]"),
                "container notify-gateway calls http://session-service:8083 (QRLOGIN_GATEWAY_SESSIONSERVICEURI), which no egress policy lets out");
    }

    @Test
    void anExternalSecretOutsideTheReadmesTableIsRefused() throws IOException {
        String externalSecrets = Files.readString(Project.K8S.resolve("external-secrets/secret-store.yaml")) + "---\n"
                + Files.readString(Project.K8S.resolve("external-secrets/external-secrets.yaml"));
        assertThat(problems(externalSecrets, ResourceSet.Profile.PART)).isEmpty();
        assertProblem(ResourceSet.Profile.PART, once(externalSecrets, "secretKey: url", "secretKey: uri"),
                "writes the key uri into qrlogin-redis, which deploy/README.md lists with keys");
        assertProblem(ResourceSet.Profile.PART,
                once(externalSecrets, "    name: qrlogin-session-signing\n    creationPolicy", "    name: qrlogin-signing\n    creationPolicy"),
                "creates the Secret qrlogin-signing, which deploy/README.md does not list");
        assertProblem(ResourceSet.Profile.PART,
                once(externalSecrets, "  name: qrlogin-external-secrets\n  labels", "  name: external-secrets\n  labels"),
                "signs in as the ServiceAccount qrlogin-external-secrets, which is not here");
        assertProblem(ResourceSet.Profile.PART,
                once(externalSecrets, "automountServiceAccountToken: false", "automountServiceAccountToken: true"),
                "ServiceAccount/qrlogin-external-secrets would have its token mounted");
    }

    /** A row of a breakage table: what the test is called, how it breaks a fixture, what the problem says. */
    private static Arguments breakage(String name, UnaryOperator<String> change, String... says) {
        return Arguments.of(name, change, says);
    }

    private static UnaryOperator<String> replacing(String target, String replacement) {
        return (yaml) -> once(yaml, target, replacement);
    }

    private static UnaryOperator<String> replacingAfter(String marker, String target, String replacement) {
        return (yaml) -> after(yaml, marker, target, replacement);
    }

    /** The production checks of {@code yaml} report one problem that says all of {@code expected}. */
    private static void assertProblem(String yaml, String... expected) {
        assertProblem(ResourceSet.Profile.PROD, yaml, expected);
    }

    private static void assertProblem(ResourceSet.Profile profile, String yaml, String... expected) {
        assertThat(problems(yaml, profile)).anySatisfy((problem) -> assertThat(problem).contains(expected));
    }

    /** The problems of a fixture of the prod overlay. */
    private static List<String> problems(String yaml) {
        return problems(yaml, ResourceSet.Profile.PROD);
    }

    private static List<String> problems(String yaml, ResourceSet.Profile profile) {
        List<String> problems = new ArrayList<>();
        List<Doc> documents = Manifests.parse("fixture", yaml, problems);
        problems.addAll(Checks.all(ResourceSet.rendered(Project.K8S.resolve("fixture"), profile, documents), services,
                operatorSecrets));
        return problems;
    }

    /** {@code text} with the first {@code target} after {@code marker} replaced; fails if there is none. */
    private static String after(String text, String marker, String target, String replacement) {
        int start = text.indexOf(marker);
        assertThat(start).as("the fixture contains %s", marker).isNotNegative();
        return text.substring(0, start) + once(text.substring(start), target, replacement);
    }

    /** {@code text} with the first {@code target} replaced; fails if there is none, so no test passes vacuously. */
    private static String once(String text, String target, String replacement) {
        int at = text.indexOf(target);
        assertThat(at).as("the fixture contains %s", target).isNotNegative();
        return text.substring(0, at) + replacement + text.substring(at + target.length());
    }
}
