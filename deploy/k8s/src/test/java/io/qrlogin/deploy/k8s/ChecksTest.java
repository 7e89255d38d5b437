package io.qrlogin.deploy.k8s;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

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

    @Test
    void aDuplicateKeyIsRefused() {
        assertProblem(once(base, "revisionHistoryLimit: 5", "revisionHistoryLimit: 5\n  revisionHistoryLimit: 3"),
                "duplicate key revisionHistoryLimit");
    }

    @Test
    void aMisspelledFieldIsRefused() {
        assertThat(problems(once(base, "readinessProbe:", "readynessProbe:")))
            .anySatisfy((problem) -> assertThat(problem).contains("unknown field").contains("readynessProbe"));
    }

    @Test
    void aNumberWhereKubernetesWantsAStringIsRefused() {
        assertThat(problems(once(base, "value: \"1\"", "value: 1")))
            .anySatisfy((problem) -> assertThat(problem).contains("Deployment/notify-gateway")
                .contains(".value (Integer 1, read back as String 1) is not what Kubernetes reads"));
    }

    @Test
    void anEnvironmentVariableNoPropertyBindsIsRefused() {
        assertProblem(once(base, "QRLOGIN_GATEWAY_TRUSTED_PROXIES", "QRLOGIN_GATEWAY_TRUSTED_PROXY"),
                "QRLOGIN_GATEWAY_TRUSTED_PROXY binds to no configuration property");
    }

    @Test
    void aSharedSettingAServiceDoesNotReadIsRefused() {
        assertProblem(once(base, "QRLOGIN_TICKET_PENDING: 120s", "QRLOGIN_TICKET_PENDING: 120s\n  QRLOGIN_PUBLIC_BASE_URL: x"),
                "container scan-service: QRLOGIN_PUBLIC_BASE_URL binds to no");
    }

    @Test
    void aProbeOnAPortTheContainerDoesNotDeclareIsRefused() {
        assertProblem(once(base, "              port: management", "              port: admin"),
                "probes port admin");
    }

    @Test
    void aServiceThatSelectsNoPodsIsRefused() {
        assertProblem(once(base, "  selector:\n    app.kubernetes.io/name: qr-service", "  selector:\n    app.kubernetes.io/name: qr"),
                "Service/qr-service selects");
    }

    @Test
    void anUnpinnedImageIsRefused() {
        assertProblem(once(base, "ghcr.io/qrlogin/qr-service:0.2.0", "ghcr.io/qrlogin/qr-service:latest"),
                "is not pinned");
        assertProblem(once(base, "ghcr.io/qrlogin/qr-service:0.2.0", "ghcr.io/qrlogin/qr-service"),
                "has no tag");
    }

    @Test
    void aSecretTheReadmeDoesNotListIsRefused() {
        assertProblem(once(base, "name: qrlogin-redis", "name: redis-credentials"),
                "the Secret redis-credentials, which deploy/README.md does not list");
    }

    @Test
    void aConfigMapKeyThatDoesNotExistIsRefused() {
        assertProblem(once(base, "key: allowed-origins", "key: origins"),
                "reads key origins of the ConfigMap qrlogin-public");
    }

    @Test
    void anIngressToAnyServiceButTheGatewayIsRefused() {
        assertProblem(once(base, "              service:\n                name: notify-gateway",
                "              service:\n                name: qr-service"),
                "routes to qr-service: only notify-gateway is public");
    }

    @Test
    void aContainerPortOtherThanTheServiceListensOnIsRefused() {
        assertProblem(once(base, "containerPort: 9081", "containerPort: 9091"),
                "listens on management.server.port=9081");
    }

    @Test
    void demoModeOutsideTheDevOverlayIsRefused() {
        assertProblem(once(base, "            - name: QRLOGIN_SESSION_ISSUER",
                "            - name: QRLOGIN_DEMO_ENABLED\n              value: \"true\"\n            - name: QRLOGIN_SESSION_ISSUER"),
                "switches demo mode on outside the dev overlay");
    }

    @Test
    void aSecretValueWrittenIntoTheManifestIsRefused() {
        assertProblem(once(base, "            - name: QRLOGIN_SESSION_ISSUER",
                "            - name: QRLOGIN_SESSION_SIGNING_JWKS\n              value: '{\"keys\":[]}'\n            - name: QRLOGIN_SESSION_ISSUER"),
                "QRLOGIN_SESSION_SIGNING_JWKS must come from a Secret");
    }

    @Test
    void aWritableRootFilesystemIsRefused() {
        assertProblem(once(base, "readOnlyRootFilesystem: true", "readOnlyRootFilesystem: false"),
                "has a writable root filesystem");
    }

    @Test
    void anInClusterUrlToNoServiceIsRefused() {
        assertProblem(once(base, "http://scan-service:8082", "http://scan-service:8083"),
                "points at scan-service:8083");
    }

    @Test
    void aCallTheNetworkPoliciesBlockIsRefused() {
        assertThat(problems(once(base, "values: [oidc-provider, qr-service, scan-service, session-service]",
                "values: [oidc-provider, qr-service, scan-service]")))
            .anySatisfy((problem) -> assertThat(problem).contains("calls session-service:8083 (QRLOGIN_GATEWAY_SESSION_SERVICE_URI)")
                .contains("which no network policy lets through"));
    }

    @Test
    void anotherServicesSettingGivenToAServiceIsRefused() {
        assertThat(problems(once(base, "            - name: QRLOGIN_OIDC_SESSION_SERVICE_URI\n",
                "            - name: QRLOGIN_DEMO_ENABLED\n              value: \"true\"\n"
                        + "            - name: QRLOGIN_OIDC_SESSION_SERVICE_URI\n")))
            .anySatisfy((problem) -> assertThat(problem).contains("container oidc-provider: QRLOGIN_DEMO_ENABLED binds to no "
                    + "configuration property of oidc-provider"));
    }

    @Test
    void anOAuthClientsSettingsBindButItsSecretHashBelongsInASecret() {
        String oauthClient = once(base, "  QRLOGIN_CLIENTS_WEB_NAME: Web\n", "  QRLOGIN_CLIENTS_WEB_NAME: Web\n"
                + "  QRLOGIN_CLIENTS_KEYCLOAK_NAME: Keycloak\n  QRLOGIN_CLIENTS_KEYCLOAK_TYPE: confidential\n"
                + "  QRLOGIN_CLIENTS_KEYCLOAK_REDIRECT_URIS: https://sso.example.com/realms/staff/broker/qrlogin/endpoint\n"
                + "  QRLOGIN_CLIENTS_KEYCLOAK_GRANT_TYPES: authorization_code\n  QRLOGIN_CLIENTS_KEYCLOAK_REQUIRE_CONSENT: \"false\"\n");
        assertThat(problems(oauthClient)).isEmpty();
        assertThat(problems(once(oauthClient, "  QRLOGIN_CLIENTS_KEYCLOAK_TYPE: confidential\n",
                "  QRLOGIN_CLIENTS_KEYCLOAK_TYPE: confidential\n  QRLOGIN_CLIENTS_KEYCLOAK_SECRET: '{bcrypt}$2a$10$x'\n")))
            .anySatisfy((problem) -> assertThat(problem).contains("ConfigMap qrlogin-clients holds QRLOGIN_CLIENTS_KEYCLOAK_SECRET, "
                    + "which belongs in a Secret"));
    }

    @Test
    void aWholeSecretWithAKeyThatBindsToNoPropertyIsRefused() {
        assertProblem(once(base, "                  name: qrlogin-oidc-clients\n                  optional: true\n",
                "                  name: qrlogin-redis\n"),
                "container notify-gateway: the config tree file url (a key of "
                + "the Secret qrlogin-redis, mounted whole) binds to no configuration property of notify-gateway");
    }

    @Test
    void anAlertOverTheServicesThatLeavesOneOutIsRefused() {
        assertProblem(once(base, "up{job=~\"notify-gateway|oidc-provider|qr-service", "up{job=~\"notify-gateway|qr-service"),
                "alert QrLoginTargetDown watches the jobs [notify-gateway, qr-service, "
                + "scan-service, session-service] but not [oidc-provider]");
    }

    @Test
    void anInClusterRedisThatDoesNotLetAServiceInIsRefused() {
        assertThat(problems(withRedis, ResourceSet.Profile.DEV)).noneSatisfy((problem) -> assertThat(problem).contains("Redis"));
        assertThat(problems(after(withRedis, "name: redis-from-services", "values: [notify-gateway, oidc-provider, qr-service",
                "values: [notify-gateway, qr-service"), ResourceSet.Profile.DEV))
            .anySatisfy((problem) -> assertThat(problem).contains("container oidc-provider is not let in by Redis (")
                .contains("StatefulSet/redis, port redis): no network policy selecting Redis admits it"));
        assertThat(problems(after(withRedis, "name: services-to-redis", "values: [notify-gateway, oidc-provider, qr-service",
                "values: [notify-gateway, qr-service"), ResourceSet.Profile.DEV))
            .anySatisfy((problem) -> assertThat(problem).contains("container oidc-provider may not reach Redis (").contains("StatefulSet/redis, port redis)"));
    }

    @Test
    void aStrimziFieldOutsideItsShapeIsRefused() throws IOException {
        String kafka = Files.readString(Project.K8S.resolve("kafka/kafka.yaml")) + "---\n"
                + Files.readString(Project.K8S.resolve("kafka/topic.yaml"));
        assertThat(problems(kafka, ResourceSet.Profile.PART)).isEmpty();
        assertThat(problems(once(kafka, "partitions: 6", "partitons: 6"), ResourceSet.Profile.PART))
            .anySatisfy((problem) -> assertThat(problem).contains(".spec.partitons is not a known field"));
        assertThat(problems(once(kafka, "retention.ms:", "retention.msec:"), ResourceSet.Profile.PART))
            .anySatisfy((problem) -> assertThat(problem).contains("retention.msec is not a known key"));
        assertThat(problems(once(kafka, "replicas: 3\n  roles", "replicas: 2\n  roles"), ResourceSet.Profile.PART))
            .anySatisfy((problem) -> assertThat(problem).contains("wants 3 replicas of 2 brokers"));
    }

    @Test
    void aSecretReadThroughTheEnvironmentIsRefused() {
        assertProblem(once(base, "            - name: QRLOGIN_PUBLIC_BASE_URL", "            - name: SPRING_DATA_REDIS_URL\n"
                + "              valueFrom:\n                secretKeyRef:\n                  name: qrlogin-redis\n                  key: url\n"
                + "            - name: QRLOGIN_PUBLIC_BASE_URL"),
                "container notify-gateway reads the Secret qrlogin-redis through the "
                + "environment (SPRING_DATA_REDIS_URL)");
    }

    @Test
    void aConfigTreeFileNoPropertyBindsToIsRefused() {
        assertThat(problems(once(base, "path: spring.data.redis.url", "path: spring.redis.url")))
            .anySatisfy((problem) -> assertThat(problem).contains("container notify-gateway: the config tree file spring.redis.url "
                    + "(key url of the Secret qrlogin-redis) binds to no configuration property of notify-gateway"))
            .anySatisfy((problem) -> assertThat(problem).contains("container notify-gateway gets no spring.data.redis.url file"));
    }

    @Test
    void aSecretMountedOutsideTheConfigTreeIsRefused() {
        assertProblem(once(base, "mountPath: /etc/qrlogin/secrets", "mountPath: /etc/secrets"),
                "container notify-gateway mounts the Secret qrlogin-redis at "
                + "/etc/secrets, which is no config tree");
    }

    @Test
    void plainTextLogsAreRefused() {
        assertProblem(once(base, "LOGGING_STRUCTURED_FORMAT_CONSOLE: ecs", "LOGGING_STRUCTURED_FORMAT_CONSOLE: text"),
                "logs plain text");
    }

    @Test
    void productionWithoutOtlpExportIsRefused() {
        String noTraces = once(base, "  MANAGEMENT_OPENTELEMETRY_TRACING_EXPORT_OTLP_ENDPOINT: http://otel-collector.observability.svc:4318/v1/traces\n", "");
        assertThat(problems(noTraces)).anySatisfy((problem) -> assertThat(problem).contains("exports no traces in production"));
        assertProblem(once(base, "MANAGEMENT_OTLP_METRICS_EXPORT_ENABLED: \"true\"", "MANAGEMENT_OTLP_METRICS_EXPORT_ENABLED: \"false\""),
                "exports no metrics over OTLP in production");
        assertThat(problems(noTraces, ResourceSet.Profile.DEV)).noneSatisfy((problem) -> assertThat(problem).contains("exports no"));
    }

    @Test
    void anSbomNotExposedIsRefused() {
        assertProblem(once(base, "health,info,prometheus,sbom", "health,info,prometheus"),
                "does not expose the sbom endpoint");
    }

    @Test
    void aRollingUpdateThatTakesAPodAwayFirstIsRefused() {
        assertProblem(once(base, "maxUnavailable: 0", "maxUnavailable: 1"),
                "Deployment/notify-gateway must roll with maxSurge: 1 and maxUnavailable: 0");
    }

    @Test
    void aPreStopCommandIsRefusedBecauseTheImageHasNoShell() {
        assertProblem(once(base, "            preStop:\n              sleep:\n                seconds: 10",
                "            preStop:\n              exec:\n                command: [\"sleep\", \"10\"]"),
                "preStop runs a command in the container: the image is distroless");
    }

    @Test
    void aGracePeriodShorterThanThePreStopSleepAndTheGracefulShutdownIsRefused() {
        assertProblem(once(base, "terminationGracePeriodSeconds: 45", "terminationGracePeriodSeconds: 40"),
                "terminationGracePeriodSeconds 40 leaves no room for the preStop "
                + "sleep (10 s) and a graceful shutdown (up to 30 s");
    }

    @Test
    void gatewayConnectionsOutlivingThePreStopSleepAreRefused() {
        assertProblem(once(base, "              value: 5s", "              value: 10s"),
                "=10 s is not shorter than the services' preStop sleep (10 s)");
    }

    @Test
    void aGatewayAutoscalerOnCpuAloneIsRefused() {
        assertProblem(once(base, "          name: qrlogin_sockets", "          name: qrlogin_socket"),
                "HorizontalPodAutoscaler/notify-gateway does not scale on the sockets");
        assertProblem(once(base, "        name: memory\n        target:\n          type: Utilization\n          averageUtilization: 90",
                "        name: cpu\n        target:\n          type: Utilization\n          averageUtilization: 90"),
                "HorizontalPodAutoscaler/notify-gateway does not scale on memory");
    }

    @Test
    void aSocketRouteTimeoutShorterThanASocketLivesIsRefused() {
        assertProblem(once(base, "request: 300s", "request: 60s"),
                "HTTPRoute/qrlogin: the rule serving the browser socket /ws/qr has "
                + "timeouts.request 60s, shorter than a socket lives (150 s");
        assertProblem(once(base, "QRLOGIN_TICKET_PENDING: 120s", "QRLOGIN_TICKET_PENDING: 300s"),
                "has timeouts.request 300s, shorter than a socket lives (330 s");
    }

    @Test
    void aSocketLeftToTheCatchAllRouteIsRefused() {
        assertProblem(once(base, "            value: /ws/qr", "            value: /ws/qrcode"),
                "has timeouts.request 15s, shorter than a socket lives");
    }

    @Test
    void anHttpRouteToAnyServiceButTheGatewayIsRefused() {
        assertProblem(once(base, "          name: notify-gateway\n          port: 8080", "          name: qr-service\n          port: 8081"),
                "HTTPRoute/qrlogin routes to Service qr-service: only notify-gateway is public");
    }

    @Test
    void anEdgeForAnotherHostThanThePublicUrlIsRefused() {
        assertProblem(once(base, "  hostnames:\n    - login.example.com", "  hostnames:\n    - other.example.com"),
                "HTTPRoute/qrlogin serves [other.example.com], not the public URL's "
                + "host login.example.com");
        assertProblem(once(base, "    - host: login.example.com", "    - host: other.example.com"),
                "Ingress/qrlogin serves [other.example.com], not the public URL's host");
    }

    @Test
    void anNginxIngressThatWouldCutTheSocketIsRefused() {
        assertProblem(once(base, "    nginx.org/websocket-services: notify-gateway\n", ""),
                "nginx.org/websocket-services does not name notify-gateway");
        assertProblem(once(base, "nginx.org/proxy-read-timeout: 300s", "nginx.org/proxy-read-timeout: 10s"),
                "nginx.org/proxy-read-timeout 10s must exceed the gateway's ping interval");
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
        assertThat(problems(once(fixture, "      sectionName: http", "      sectionName: https"), ResourceSet.Profile.PART))
            .anySatisfy((problem) -> assertThat(problem).contains("attaches to the listener https of the Gateway qrlogin, which has [http]"));
        assertThat(problems(once(fixture, "    - qrlogin.localtest.me", "    - login.example.com"), ResourceSet.Profile.PART))
            .anySatisfy((problem) -> assertThat(problem).contains("but the listener http of the Gateway qrlogin accepts only qrlogin.localtest.me"));
        assertThat(problems(once(fixture, "      name: qrlogin\n      sectionName", "      name: public\n      sectionName"), ResourceSet.Profile.PART))
            .anySatisfy((problem) -> assertThat(problem).contains("attaches to the Gateway public of its own namespace, which is not in these manifests"));
    }

    @Test
    void aServiceWithoutAnEgressPolicyMayCallAnywhereAndIsRefused() {
        assertThat(problems(base.replace("policyTypes:\n    - Egress", "policyTypes:\n    - Ingress")))
            .anySatisfy((problem) -> assertThat(problem).contains("container qr-service may call anywhere"));
    }

    @Test
    void aCallTheEgressPoliciesBlockIsRefused() {
        assertThat(problems(after(base, "name: gateway-to-services", "values: [oidc-provider, qr-service, scan-service, session-service]",
                "values: [oidc-provider, qr-service, scan-service]")))
            .anySatisfy((problem) -> assertThat(problem).contains("container notify-gateway calls http://session-service:8083 "
                    + "(QRLOGIN_GATEWAY_SESSION_SERVICE_URI), which no egress policy lets out"));
        assertProblem(once(base, "kubernetes.io/metadata.name: observability", "kubernetes.io/metadata.name: telemetry"),
                "calls http://otel-collector.observability.svc:4318/v1/traces "
                + "(MANAGEMENT_OPENTELEMETRY_TRACING_EXPORT_OTLP_ENDPOINT), which no egress policy lets out (to the namespace observability");
        assertProblem(once(base, "          protocol: UDP", "          protocol: SCTP"),
                "may not reach the cluster DNS");
    }

    @Test
    void aCallToAServiceTheEgressPoliciesBlockIsRefusedWhateverTheSettingsName() {
        String renamed = once(base, "QRLOGIN_GATEWAY_SESSION_SERVICE_URI", "QRLOGIN_GATEWAY_SESSIONSERVICEURI");
        assertThat(problems(renamed)).isEmpty();
        assertThat(problems(after(renamed, "name: gateway-to-services", "values: [oidc-provider, qr-service, scan-service, session-service]",
                "values: [oidc-provider, qr-service, scan-service]")))
            .anySatisfy((problem) -> assertThat(problem).contains("container notify-gateway calls http://session-service:8083 "
                    + "(QRLOGIN_GATEWAY_SESSIONSERVICEURI), which no egress policy lets out"));
    }

    @Test
    void anEgressRuleOpenToEveryPortIsRefused() {
        assertThat(problems(after(base, "name: scan-service-to-idp", "      ports:\n        - port: 443\n", "")))
            .anySatisfy((problem) -> assertThat(problem).contains("NetworkPolicy/scan-service-to-idp lets the services' pods out on any port"));
    }

    @Test
    void aKafkaListenerWithoutTlsOrUsersIsRefused() {
        assertProblem(once(base, "        tls: true", "        tls: false"),
                "Kafka/qrlogin listener tls is not TLS with SCRAM-SHA-512 users");
        assertProblem(once(base, "    authorization:\n      type: simple\n", ""),
                "Kafka/qrlogin has no authorization");
        assertProblem(once(base, "    rack:\n      topologyKey: topology.kubernetes.io/zone\n", ""),
                "Kafka/qrlogin is not rack-aware");
        assertProblem(once(base, "    userOperator:\n      resources:\n        requests:\n          cpu: 50m\n          memory: 384Mi\n"
                + "        limits:\n          memory: 384Mi\n", "    userOperator: {}\n"),
                "Kafka/qrlogin entityOperator.userOperator has no resources");
    }

    @Test
    void aKafkaUserAllowedTooLittleOrTooMuchIsRefused() {
        assertThat(problems(once(base, "operations: [Describe, Read, Write]", "operations: [Describe, Write]")))
            .anySatisfy((problem) -> assertThat(problem).contains("container notify-gateway signs in as")
                .contains("KafkaUser/qrlogin-notify-gateway, which is allowed [Describe, Write] on qrlogin.events, not [Describe, Read, Write]"));
        assertProblem(once(base, "operations: [Describe, Write]", "operations: [All]"),
                "KafkaUser/qrlogin-qr-service is allowed All on topic qrlogin.events");
        assertProblem(once(base, "          name: qrlogin.events\n          patternType: literal\n        operations: [Describe, Write]",
                "          name: \"*\"\n          patternType: literal\n        operations: [Describe, Write]"),
                "KafkaUser/qrlogin-qr-service is allowed [Describe, Write] on topic *");
    }

    @Test
    void aServiceThatDoesNotSignInToKafkaAsItsUserIsRefused() {
        assertProblem(once(base, "SPRING_KAFKA_SECURITY_PROTOCOL: SASL_SSL", "SPRING_KAFKA_SECURITY_PROTOCOL: PLAINTEXT"),
                "has SPRING_KAFKA_SECURITY_PROTOCOL=PLAINTEXT, not SASL_SSL");
        assertProblem(once(base, "name: qrlogin-qr-service\n                  items", "name: qrlogin-qr\n                  items"),
                "container qr-service signs in with the Secret qrlogin-qr, which no "
                + "KafkaUser of");
        assertProblem(once(base, "path: spring.kafka.ssl.trust-store-certificates", "path: spring.kafka.ssl.trust-store"),
                "container notify-gateway does not trust the cluster CA");
    }

    @Test
    void aServiceTheBrokersWouldNotLetInIsRefused() {
        assertProblem(once(base, "        - port: 9093", "        - port: 9092"),
                "may not reach the brokers of");
        assertProblem(once(base, "                  values: [notify-gateway, oidc-provider, qr-service, scan-service, session-service]",
                "                  values: [notify-gateway, oidc-provider, qr-service, scan-service]"),
                "container session-service is not among the networkPolicyPeers");
    }

    @Test
    void monitoringWithoutKafkaLagOrRedisMemoryAlertsIsRefused() {
        assertProblem(once(base, "kafka_consumergroup_lag{", "kafka_consumergroup_current_offset{"),
                "no alert watches kafka_consumergroup_lag");
        assertProblem(once(base, "redis_memory_used_bytes / redis_memory_max_bytes", "redis_connected_clients / 100"),
                "no alert watches redis_memory_used_bytes");
    }

    @Test
    void aDashboardConfigMapThatDriftsFromItsFileOrLacksTheSidecarLabelIsRefused() {
        assertProblem(once(base, "qrlogin_sockets", "qrlogin_socket_count"),
                "holds another qrlogin-dashboard.json than monitoring/dashboards/qrlogin-dashboard.json");
        assertProblem(once(base, "grafana_dashboard", "grafana-dashboard"),
                "no ConfigMap is labelled grafana_dashboard=\"1\"");
    }

    @Test
    void aPodMonitorThatFindsNothingIsRefused() {
        assertProblem(once(base, "      strimzi.io/name: qrlogin-kafka-exporter\n  podMetricsEndpoints",
                "      strimzi.io/name: qrlogin-exporter\n  podMetricsEndpoints"),
                "PodMonitor/qrlogin-kafka-exporter selects no pods");
        assertProblem(once(base, "    - port: tcp-prometheus", "    - port: metrics"),
                "scrapes the port metrics, which the pods it selects do not open");
    }

    @Test
    void anExternalSecretOutsideTheReadmesTableIsRefused() throws IOException {
        String externalSecrets = Files.readString(Project.K8S.resolve("external-secrets/secret-store.yaml")) + "---\n"
                + Files.readString(Project.K8S.resolve("external-secrets/external-secrets.yaml"));
        assertThat(problems(externalSecrets, ResourceSet.Profile.PART)).isEmpty();
        assertThat(problems(once(externalSecrets, "secretKey: url", "secretKey: uri"), ResourceSet.Profile.PART))
            .anySatisfy((problem) -> assertThat(problem).contains("writes the key uri into qrlogin-redis, which deploy/README.md lists with keys"));
        assertThat(problems(once(externalSecrets, "    name: qrlogin-session-signing\n    creationPolicy", "    name: qrlogin-signing\n    creationPolicy"),
                ResourceSet.Profile.PART))
            .anySatisfy((problem) -> assertThat(problem).contains("creates the Secret qrlogin-signing, which deploy/README.md does not list"));
        assertThat(problems(once(externalSecrets, "  name: qrlogin-external-secrets\n  labels", "  name: external-secrets\n  labels"),
                ResourceSet.Profile.PART))
            .anySatisfy((problem) -> assertThat(problem).contains("signs in as the ServiceAccount qrlogin-external-secrets, which is not here"));
        assertThat(problems(once(externalSecrets, "automountServiceAccountToken: false", "automountServiceAccountToken: true"),
                ResourceSet.Profile.PART))
            .anySatisfy((problem) -> assertThat(problem).contains("ServiceAccount/qrlogin-external-secrets would have its token mounted"));
    }

    /** The problems of a fixture of the prod overlay. */
    /** The production checks of {@code yaml} report a problem that says {@code expected}. */
    private static void assertProblem(String yaml, String expected) {
        assertThat(problems(yaml)).anySatisfy((problem) -> assertThat(problem).contains(expected));
    }

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
