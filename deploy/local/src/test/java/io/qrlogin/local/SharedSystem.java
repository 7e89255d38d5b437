package io.qrlogin.local;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.qrlogin.local.LoginClient.Minted;

import org.springframework.security.crypto.factory.PasswordEncoderFactories;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One running system for every whole-system test in this JVM: starting four services costs far
 * more than any test, so the test classes share it. Stopped when the JVM ends.
 */
final class SharedSystem {

    /** Short, so expiry cases are quick; long enough for any flow on a busy machine. */
    static final Duration PENDING = Duration.ofSeconds(15);

    /** How long a push may take on a busy machine. */
    static final Duration PUSH = Duration.ofSeconds(10);

    /** A registered client that requires number matching. */
    static final String NUMBER_MATCHING_CLIENT = "portal";

    /** The OpenID Connect client of KeycloakBrokeringIT's Keycloak, which brokers to the system. */
    static final String KEYCLOAK_CLIENT = "keycloak";

    /** Its secret, made for this JVM: the system gets only its hash. */
    static final String KEYCLOAK_SECRET = LoginClient.verifier();

    /** The Keycloak realm that signs its users in through the system. */
    static final String KEYCLOAK_REALM = "demo";

    /** The system's alias among that realm's identity providers, part of Keycloak's broker endpoint. */
    static final String KEYCLOAK_IDP = "qrlogin";

    /** A registered client whose page lives on an origin of its own, served by CrossOriginWidgetBrowserIT. */
    static final String CROSS_ORIGIN_CLIENT = "partner";

    private static LocalSystem system;

    private static int crossOriginPort;

    private static int keycloakPort;

    private static LoginClient client;

    private static SpanCollector spans;

    private SharedSystem() {
    }

    static synchronized LocalSystem get() {
        if (system == null) {
            Path root = Path.of("").toAbsolutePath().getParent().getParent();
            LocalSettings ports = LocalSettings.onFreePorts(root, Path.of("target", "whole-system-logs").toAbsolutePath());
            spans = SpanCollector.start();
            Map<String, String> shared = new HashMap<>(Map.of("qrlogin.ticket.pending", PENDING.toSeconds() + "s",
                        // As behind a load balancer: AttackIT plays callers from addresses of their own.
                        "qrlogin.gateway.trusted-proxies", "1",
                        // The request, fan-out and push log lines ObservabilityIT follows a trace id through.
                        "logging.level.io.qrlogin", "debug",
                        // A second client, with number matching: the login page signs in to it with ?client=portal.
                        "qrlogin.clients." + NUMBER_MATCHING_CLIENT + ".name", "Intranet portal",
                        "qrlogin.clients." + NUMBER_MATCHING_CLIENT + ".origins", ports.publicUrl(),
                        "qrlogin.clients." + NUMBER_MATCHING_CLIENT + ".number-matching", "true",
                        // Every recorded span goes to a stand-in collector, for the tests that look into spans
                        // (a request with a sampled traceparent is recorded; others one in ten).
                        "management.opentelemetry.tracing.export.otlp.endpoint", spans.endpoint()));
            keycloakPort = portBesides(ports);
            shared.putAll(keycloakClient(ports.publicUrl(), keycloakBrokerEndpoint()));
            do {
                crossOriginPort = portBesides(ports);
            }
            while (crossOriginPort == keycloakPort);
            shared.put("qrlogin.clients." + CROSS_ORIGIN_CLIENT + ".name", "Partner site");
            shared.put("qrlogin.clients." + CROSS_ORIGIN_CLIENT + ".origins", "http://127.0.0.1:" + crossOriginPort);
            system = TestSystems.start(ports.withSharedProperties(shared));
        }
        return system;
    }

    /** The port KeycloakBrokeringIT's Keycloak must listen on: its broker endpoint is registered with the system. */
    static synchronized int keycloakPort() {
        get();
        return keycloakPort;
    }

    /**
     * The origin of the cross-origin client's page, another site than the gateway's ({@code localhost}): the
     * system serves it the widget and the API.
     */
    static synchronized String crossOriginUrl() {
        get();
        return "http://127.0.0.1:" + crossOriginPort;
    }

    /** The port the cross-origin client's page must be served on. */
    static synchronized int crossOriginPort() {
        get();
        return crossOriginPort;
    }

    /** Where the system sends Keycloak's users back to (Keycloak's redirect URI for an OpenID Connect provider). */
    private static String keycloakBrokerEndpoint() {
        return "http://localhost:" + keycloakPort + "/realms/" + KEYCLOAK_REALM + "/broker/" + KEYCLOAK_IDP + "/endpoint";
    }

    /**
     * Keycloak as a confidential client of the provider. Its users see the provider's login page on the
     * gateway, which asks for QR codes in Keycloak's name, so the client's origin is the gateway's.
     */
    private static Map<String, String> keycloakClient(String gatewayOrigin, String redirectUri) {
        String prefix = "qrlogin.clients." + KEYCLOAK_CLIENT;
        return Map.of(prefix + ".name", "Keycloak",
                prefix + ".origins", gatewayOrigin,
                prefix + ".type", "confidential",
                prefix + ".secret", PasswordEncoderFactories.createDelegatingPasswordEncoder().encode(KEYCLOAK_SECRET),
                prefix + ".redirect-uris", redirectUri);
    }

    /** A free port that none of the system's parts was given. */
    private static int portBesides(LocalSettings settings) {
        Set<Integer> taken = new HashSet<>(settings.gatewayPorts());
        taken.addAll(List.of(settings.qrPort(), settings.scanPort(), settings.sessionPort(), settings.oidcPort(),
                settings.demoRpPort(), settings.redisPort(), settings.kafkaPort(), settings.kafkaControllerPort()));
        taken.addAll(settings.managementPorts().values());
        int port;
        do {
            port = LocalSystem.freePort();
        }
        while (taken.contains(port));
        return port;
    }

    /** The spans every service exported. */
    static synchronized SpanCollector spans() {
        get();
        return spans;
    }

    /** A browser and a phone app talking to the system through its gateway. */
    static synchronized LoginClient client() {
        if (client == null) {
            client = new LoginClient(get().gatewayUrl());
        }
        return client;
    }

    /** Mints a ticket as the login page does: the gateway answers 201 with the ticket's link. */
    static Minted mint() throws Exception {
        Minted minted = client().mint();
        assertThat(minted.response().status()).isEqualTo(201);
        assertThat(minted.response().body().get("qrUrl")).isEqualTo(client().baseUrl() + "/q/" + minted.qrId());
        return minted;
    }
}
