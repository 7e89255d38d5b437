package io.qrlogin.deploy.k8s;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The checks catch what they are for: each test breaks the base manifests in one way Kubernetes
 * would accept silently (or the services would ignore) and expects a problem naming it.
 */
class ChecksTest {

    /** What the base kustomization generates, as plain ConfigMaps. */
    private static final String CONFIG_MAPS = """
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: qrlogin-shared
            data:
              QRLOGIN_TICKET_PENDING: 120s
              QRLOGIN_EVENTS_TOPIC: qrlogin.events
              SPRING_KAFKA_BOOTSTRAP_SERVERS: qrlogin-kafka-bootstrap:9092
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
            """;

    private static Map<String, ServiceConfiguration> services;

    private static Map<String, Set<String>> operatorSecrets;

    private static String base;

    @BeforeAll
    static void read() throws IOException {
        services = ManifestsTest.services();
        operatorSecrets = OperatorSecrets.fromReadme();
        StringBuilder yaml = new StringBuilder(CONFIG_MAPS);
        for (String file : List.of("notify-gateway.yaml", "qr-service.yaml", "scan-service.yaml", "session-service.yaml",
                "ingress.yaml", "network-policies.yaml")) {
            yaml.append("---\n").append(Files.readString(Project.K8S.resolve("base").resolve(file)));
        }
        base = yaml.toString();
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
        assertThat(problems(once(base, "ghcr.io/qrlogin/qr-service:0.1.0", "ghcr.io/qrlogin/qr-service:latest")))
            .anySatisfy((problem) -> assertThat(problem).contains("is not pinned"));
        assertThat(problems(once(base, "ghcr.io/qrlogin/qr-service:0.1.0", "ghcr.io/qrlogin/qr-service")))
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
        assertThat(problems(kafka)).isEmpty();
        assertThat(problems(once(kafka, "partitions: 6", "partitons: 6")))
            .anySatisfy((problem) -> assertThat(problem).contains(".spec.partitons is not a known field"));
        assertThat(problems(once(kafka, "retention.ms:", "retention.msec:")))
            .anySatisfy((problem) -> assertThat(problem).contains("retention.msec is not a known key"));
        assertThat(problems(once(kafka, "replicas: 3\n  roles", "replicas: 2\n  roles")))
            .anySatisfy((problem) -> assertThat(problem).contains("wants 3 replicas of 2 brokers"));
    }

    private static List<String> problems(String yaml) {
        List<String> problems = new ArrayList<>();
        List<Doc> documents = Manifests.parse("fixture", yaml, problems);
        problems.addAll(Checks.all(ResourceSet.rendered(Project.K8S.resolve("fixture"), documents), services, operatorSecrets));
        return problems;
    }

    /** {@code text} with the first {@code target} replaced; fails if there is none, so no test passes vacuously. */
    private static String once(String text, String target, String replacement) {
        int at = text.indexOf(target);
        assertThat(at).as("the fixture contains %s", target).isNotNegative();
        return text.substring(0, at) + replacement + text.substring(at + target.length());
    }
}
