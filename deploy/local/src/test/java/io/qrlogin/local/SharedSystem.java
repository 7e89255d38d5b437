package io.qrlogin.local;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.qrlogin.local.LoginClient.Minted;

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

    private static LocalSystem system;

    private static LoginClient client;

    private static SpanCollector spans;

    private SharedSystem() {
    }

    static synchronized LocalSystem get() {
        if (system == null) {
            Path root = Path.of("").toAbsolutePath().getParent().getParent();
            LocalSettings ports = LocalSettings.onFreePorts(root, Path.of("target", "whole-system-logs").toAbsolutePath());
            spans = SpanCollector.start();
            LocalSettings settings = ports
                .withJvmOptions(List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx256m", "-Xss512k"))
                .withSharedProperties(Map.of("qrlogin.ticket.pending", PENDING.toSeconds() + "s",
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
            LocalSystem started = LocalSystem.start(settings);
            Runtime.getRuntime().addShutdownHook(new Thread(started::close, "stop-whole-system"));
            system = started;
        }
        return system;
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
