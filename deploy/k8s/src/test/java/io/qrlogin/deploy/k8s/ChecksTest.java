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

    private static Map<String, ServiceConfiguration> services;

    private static Map<String, Set<String>> operatorSecrets;

    private static String base;

    @BeforeAll
    static void read() throws IOException {
        services = ManifestsTest.services();
        operatorSecrets = OperatorSecrets.fromReadme();
        Manifests manifests = Manifests.load();
        StringBuilder yaml = new StringBuilder(CONFIG_MAPS).append("---\n").append(dashboardConfigMap());
        List<Path> files = new ArrayList<>();
        PARTS.forEach((part) -> files.addAll(manifests.kustomizations().get(Project.K8S.resolve(part)).resources()));
        files.add(Project.K8S.resolve("overlays/prod/network-policies.yaml"));
        for (Path file : files) {
            yaml.append("---\n").append(Files.readString(file));
        }
        base = yaml.toString();
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
        assertThat(problems(once(base, "revisionHistoryLimit: 5", "revisionHistoryLimit: 5\n  revisionHistoryLimit: 3")))
            .anySatisfy((problem) -> assertThat(problem).contains("duplicate key revisionHistoryLimit"));
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
        assertThat(problems(once(base, "QRLOGIN_GATEWAY_TRUSTED_PROXIES", "QRLOGIN_GATEWAY_TRUSTED_PROXY")))
            .anySatisfy((problem) -> assertThat(problem).contains("QRLOGIN_GATEWAY_TRUSTED_PROXY binds to no configuration property"));
    }

    @Test
    void aSharedSettingAServiceDoesNotReadIsRefused() {
        assertThat(problems(once(base, "QRLOGIN_TICKET_PENDING: 120s", "QRLOGIN_TICKET_PENDING: 120s\n  QRLOGIN_PUBLIC_BASE_URL: x")))
            .anySatisfy((problem) -> assertThat(problem).contains("container notify-gateway: QRLOGIN_PUBLIC_BASE_URL binds to no"));
    }

    @Test
    void aProbeOnAPortTheContainerDoesNotDeclareIsRefused() {
        assertThat(problems(once(base, "              port: management", "              port: admin")))
            .anySatisfy((problem) -> assertThat(problem).contains("probes port admin"));
    }

    @Test
    void aServiceThatSelectsNoPodsIsRefused() {
        assertThat(problems(once(base, "  selector:\n    app.kubernetes.io/name: qr-service", "  selector:\n    app.kubernetes.io/name: qr")))
            .anySatisfy((problem) -> assertThat(problem).contains("Service/qr-service selects"));
    }

    @Test
    void anUnpinnedImageIsRefused() {
        assertThat(problems(once(base, "ghcr.io/qrlogin/qr-service:0.2.0", "ghcr.io/qrlogin/qr-service:latest")))
            .anySatisfy((problem) -> assertThat(problem).contains("is not pinned"));
        assertThat(problems(once(base, "ghcr.io/qrlogin/qr-service:0.2.0", "ghcr.io/qrlogin/qr-service")))
            .anySatisfy((problem) -> assertThat(problem).contains("has no tag"));
    }

    @Test
    void aSecretTheReadmeDoesNotListIsRefused() {
        assertThat(problems(once(base, "name: qrlogin-redis", "name: redis-credentials")))
            .anySatisfy((problem) -> assertThat(problem).contains("the Secret redis-credentials, which deploy/README.md does not list"));
    }

    @Test
    void aConfigMapKeyThatDoesNotExistIsRefused() {
        assertThat(problems(once(base, "key: allowed-origins", "key: origins")))
            .anySatisfy((problem) -> assertThat(problem).contains("reads key origins of the ConfigMap qrlogin-public"));
    }

    @Test
    void anIngressToAnyServiceButTheGatewayIsRefused() {
        assertThat(problems(once(base, "              service:\n                name: notify-gateway",
                "              service:\n                name: qr-service")))
            .anySatisfy((problem) -> assertThat(problem).contains("routes to qr-service: only notify-gateway is public"));
    }

    @Test
    void aContainerPortOtherThanTheServiceListensOnIsRefused() {
        assertThat(problems(once(base, "containerPort: 9081", "containerPort: 9091")))
            .anySatisfy((problem) -> assertThat(problem).contains("listens on management.server.port=9081"));
    }

    @Test
    void demoModeOutsideTheDevOverlayIsRefused() {
        assertThat(problems(once(base, "            - name: QRLOGIN_SESSION_ISSUER",
                "            - name: QRLOGIN_DEMO_ENABLED\n              value: \"true\"\n            - name: QRLOGIN_SESSION_ISSUER")))
            .anySatisfy((problem) -> assertThat(problem).contains("switches demo mode on outside the dev overlay"));
    }

    @Test
    void aSecretValueWrittenIntoTheManifestIsRefused() {
        assertThat(problems(once(base, "            - name: QRLOGIN_SESSION_ISSUER",
                "            - name: QRLOGIN_SESSION_SIGNING_JWKS\n              value: '{\"keys\":[]}'\n            - name: QRLOGIN_SESSION_ISSUER")))
            .anySatisfy((problem) -> assertThat(problem).contains("QRLOGIN_SESSION_SIGNING_JWKS must come from a Secret"));
    }

    @Test
    void aWritableRootFilesystemIsRefused() {
        assertThat(problems(once(base, "readOnlyRootFilesystem: true", "readOnlyRootFilesystem: false")))
            .anySatisfy((problem) -> assertThat(problem).contains("has a writable root filesystem"));
    }

    @Test
    void anInClusterUrlToNoServiceIsRefused() {
        assertThat(problems(once(base, "http://scan-service:8082", "http://scan-service:8083")))
            .anySatisfy((problem) -> assertThat(problem).contains("points at scan-service:8083"));
    }

    @Test
    void aCallTheNetworkPoliciesBlockIsRefused() {
        assertThat(problems(once(base, "values: [qr-service, scan-service, session-service]", "values: [qr-service, scan-service]")))
            .anySatisfy((problem) -> assertThat(problem).contains("calls session-service:8083 (QRLOGIN_GATEWAY_SESSION_SERVICE_URI)")
                .contains("which no network policy lets through"));
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

    /** {@code text} with the first {@code target} replaced; fails if there is none, so no test passes vacuously. */
    private static String once(String text, String target, String replacement) {
        int at = text.indexOf(target);
        assertThat(at).as("the fixture contains %s", target).isNotNegative();
        return text.substring(0, at) + replacement + text.substring(at + target.length());
    }
}
