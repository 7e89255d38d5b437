package io.qrlogin.deploy.k8s;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

/**
 * Every manifest under deploy/k8s, as written: read strictly, and every kustomization's resources
 * checked against each other, against the Secrets deploy/README.md says the operator provides, and
 * against the configuration the services really read. {@code KustomizeBuildIT} checks the rendered
 * overlays the same way.
 */
class ManifestsTest {

    private static Manifests manifests;

    private static Map<String, ServiceConfiguration> services;

    private static Map<String, Set<String>> operatorSecrets;

    @BeforeAll
    static void read() {
        manifests = Manifests.load();
        services = services();
        operatorSecrets = OperatorSecrets.fromReadme();
    }

    static Map<String, ServiceConfiguration> services() {
        Map<String, ServiceConfiguration> services = new LinkedHashMap<>();
        Project.SERVICES.forEach((service) -> services.put(service, ServiceConfiguration.of(service)));
        return services;
    }

    @Test
    void everyManifestParsesStrictlyWithoutDuplicateKeysOrUnknownFields() {
        assertThat(manifests.allDocuments()).isNotEmpty();
        assertThat(manifests.problems()).isEmpty();
    }

    @Test
    void theManifestsAreABaseItsPartsAndTheOverlays() {
        assertThat(manifests.kustomizations().keySet()).map(Project::relative)
            .containsExactlyInAnyOrder("base", "gateway-api", "ingress", "kafka", "monitoring", "external-secrets",
                    "overlays/dev", "overlays/prod", "overlays/prod-ingress");
    }

    @Test
    void theOverlaysAreDevAndProdAndProdWithAnIngress() {
        assertThat(ResourceSet.profile(manifests, Project.K8S.resolve("overlays/dev"))).isEqualTo(ResourceSet.Profile.DEV);
        assertThat(ResourceSet.profile(manifests, Project.K8S.resolve("overlays/prod"))).isEqualTo(ResourceSet.Profile.PROD);
        assertThat(ResourceSet.profile(manifests, Project.K8S.resolve("overlays/prod-ingress"))).isEqualTo(ResourceSet.Profile.PROD);
        assertThat(ResourceSet.profile(manifests, Project.K8S.resolve("base"))).isEqualTo(ResourceSet.Profile.PART);
    }

    @Test
    void theServicesAreTheModulesWithAnApplicationYml() {
        assertThat(Project.SERVICES).contains("notify-gateway", "qr-service", "scan-service", "session-service", "oidc-provider")
            .doesNotContain("ticket-core", "ticket-engine", "service-support", "test-support", "deploy/k8s", "deploy/local",
                    "deploy/demo-rp", "bench");
        ResourceSet base = ResourceSet.fromFiles(manifests, Project.K8S.resolve("base"));
        assertThat(Workloads.workloads(base)).map(Doc::name).containsExactlyInAnyOrderElementsOf(Project.SERVICES);
    }

    @Test
    void theGrafanaDashboardIsGeneratedFromItsJsonFile() {
        Kustomization monitoring = manifests.kustomizations().get(Project.K8S.resolve("monitoring"));
        assertThat(monitoring.generators()).anySatisfy((generator) -> {
            assertThat(generator.files()).containsExactlyElementsOf(MonitoringChecks.dashboardFiles());
            assertThat(generator.labels()).containsEntry(MonitoringChecks.DASHBOARD_LABEL, "1");
            assertThat(generator.hashSuffix()).as("a stable name, so a change replaces the dashboard instead of adding one").isFalse();
        });
    }

    @Test
    void theGatewayScalesOnAGaugeItRegisters() {
        assertThat(GatewaySource.gauges()).contains("qrlogin_sockets");
        assertThat(GatewaySource.socketPath()).isEqualTo("/ws/qr");
    }

    @TestFactory
    Stream<DynamicTest> everyKustomizationHoldsTogether() {
        return manifests.kustomizations().keySet().stream().map((dir) -> dynamicTest(Project.relative(dir),
                () -> assertThat(Checks.all(ResourceSet.fromFiles(manifests, dir), services, operatorSecrets)).isEmpty()));
    }

    @Test
    void kustomizationImageOverridesArePinned() {
        List<String> problems = new ArrayList<>();
        manifests.kustomizations().values().forEach((kustomization) -> kustomization.images().forEach((image) -> {
            Object tag = image.get("newTag");
            if (image.get("digest") == null && (tag == null || "latest".equals(tag))) {
                problems.add(Project.relative(kustomization.file()) + " image " + image.get("name") + " is not pinned");
            }
        }));
        assertThat(problems).isEmpty();
    }

    @Test
    void everySecretTheReadmeListsIsUsedByAnOverlay() {
        List<String> referenced = manifests.kustomizations().keySet().stream()
            .flatMap((dir) -> Checks.references(ResourceSet.fromFiles(manifests, dir)).stream())
            .filter(Checks.Reference::secret).map(Checks.Reference::name).distinct().toList();
        assertThat(referenced).containsAll(operatorSecrets.keySet());
    }

    @Test
    void serviceConfigurationComesFromTheRecordsAndApplicationYml() {
        assertThat(services.get("notify-gateway").properties()).contains("qrlogin.gateway.qr-service-uri",
                "qrlogin.gateway.socket.ping-interval", "qrlogin.ticket.pending", "qrlogin.edge.client-ip-header",
                "spring.data.redis.url");
        assertThat(services.get("scan-service").properties()).contains("qrlogin.clients.*.name",
                "spring.security.oauth2.resourceserver.jwt.jws-algorithms");
        assertThat(services.get("session-service").properties()).contains("qrlogin.session.signing.jwks",
                "qrlogin.session.signing.key-id", "qrlogin.demo.enabled");
        assertThat(services.get("qr-service").properties()).contains("qrlogin.public-base-url", "qrlogin.image.quiet-zone",
                "qrlogin.clients.*.origins", "qrlogin.clients.*.number-matching");
        assertThat(services.get("notify-gateway").properties()).contains("qrlogin.gateway.resync.interval",
                "qrlogin.ratelimit.app-address.burst-capacity", "qrlogin.ratelimit.sockets-per-address");
        assertThat(services.get("oidc-provider").properties()).contains("qrlogin.session.issuer",
                "qrlogin.session.signing.jwks", "qrlogin.session.signing.key-id", "qrlogin.oidc.access-token-lifetime",
                "qrlogin.clients.*.type", "qrlogin.clients.*.secret", "qrlogin.clients.*.redirect-uris",
                "spring.session.timeout");
    }

    @Test
    void aServiceOnlyReadsTheSettingsOfTheLibrariesAndModulesItHas() {
        ServiceConfiguration provider = services.get("oidc-provider");
        assertThat(provider.properties()).as("oidc-provider's device grant mints tickets and announces them")
            .contains("qrlogin.ticket.pending", "qrlogin.events.topic", "qrlogin.edge.client-ip-header",
                    "spring.kafka.bootstrap-servers", "qrlogin.oidc.session-service-uri");
        assertThat(provider.propertyOf("SPRING_KAFKA_BOOTSTRAP_SERVERS")).hasValue("spring.kafka.bootstrap-servers");
        assertThat(provider.propertyOf("QRLOGIN_TICKET_PENDING")).hasValue("qrlogin.ticket.pending");
        assertThat(provider.propertyOf("QRLOGIN_OIDC_SESSION_SERVICE_URI")).hasValue("qrlogin.oidc.session-service-uri");
        assertThat(provider.propertyOf("MANAGEMENT_OTLP_METRICS_EXPORT_URL")).as("it ships the OTLP exporters")
            .hasValue("management.otlp.metrics.export.url");
        assertThat(provider.propertyOf("MANAGEMENT_OPENTELEMETRY_TRACING_EXPORT_OTLP_ENDPOINT"))
            .hasValue("management.opentelemetry.tracing.export.otlp.endpoint");
        for (String service : List.of("notify-gateway", "qr-service", "scan-service", "session-service")) {
            assertThat(services.get(service).propertyOf("SPRING_KAFKA_BOOTSTRAP_SERVERS")).as(service)
                .hasValue("spring.kafka.bootstrap-servers");
            assertThat(services.get(service).properties()).as(service).contains("qrlogin.ticket.pending",
                    "spring.reactor.context-propagation");
        }
        assertThat(ModuleDependencies.of("oidc-provider"))
            .contains("io.qrlogin:ticket-core", "io.qrlogin:ticket-engine", "org.springframework.boot:spring-boot-starter-kafka")
            .as("servlet, so not service-support (WebFlux)")
            .doesNotContain("io.qrlogin:service-support", "io.qrlogin:test-support");
        assertThat(ModuleDependencies.of("notify-gateway")).as("through service-support")
            .contains("io.qrlogin:ticket-engine", "org.springframework.boot:spring-boot-starter-kafka")
            .as("an optional dependency of service-support is not the gateway's")
            .doesNotContain("org.springdoc:springdoc-openapi-starter-webflux-api");
    }

    @Test
    void serviceConfigurationIncludesTheSharedDefaultsBelowEachApplicationYml() {
        for (String service : Project.SERVICES) {
            assertThat(services.get(service).properties()).as(service)
                .contains("management.tracing.sampling.probability", "spring.data.redis.timeout", "server.shutdown");
        }
        assertThat(services.get("scan-service").applicationYml("server.port")).hasValue(8082);
        assertThat(services.get("scan-service").applicationYml("server.shutdown")).hasValue("graceful");
    }

    @Test
    void environmentVariablesBindAsSpringBootBindsThem() {
        ServiceConfiguration gateway = services.get("notify-gateway");
        assertThat(gateway.propertyOf("QRLOGIN_GATEWAY_QR_SERVICE_URI")).hasValue("qrlogin.gateway.qr-service-uri");
        assertThat(gateway.propertyOf("QRLOGIN_GATEWAY_QRSERVICEURI")).hasValue("qrlogin.gateway.qr-service-uri");
        assertThat(gateway.propertyOf("QRLOGIN_GATEWAY_QR_SERVICE_URL")).isEmpty();
        assertThat(gateway.propertyOf("QRLOGIN_SESSION_ISSUER")).isEmpty();
        assertThat(services.get("scan-service").propertyOf("QRLOGIN_CLIENTS_PAYROLL_NAME"))
            .hasValue("qrlogin.clients.payroll.name");
        assertThat(services.get("notify-gateway").propertyOf("QRLOGIN_CLIENTS_WEB_NUMBER_MATCHING"))
            .hasValue("qrlogin.clients.web.number-matching");
        assertThat(services.get("session-service").propertyOf("QRLOGIN_CLIENTS_PAYROLL_AUDIENCE"))
            .hasValue("qrlogin.clients.payroll.audience");
        assertThat(services.get("scan-service").propertyOf("QRLOGIN_CLIENTS_PAYROLL_DISPLAY_NAME"))
            .as("the former key binds to nothing").isEmpty();
    }
}
