package io.qrlogin.local;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.awaitility.Awaitility.await;

/**
 * One system with two gateway instances for the fault tests, which stop and start its parts: shared
 * by them because starting five services costs far more than any test, kept apart from
 * {@link SharedSystem} so no other test sees a fault. Every fault test leaves it whole and ready.
 *
 * <p>The producers give up on an event after a few seconds (instead of two minutes), so a test can
 * lose an event for sure; the gateways' timed re-read is off (an hour), so an event that was lost can
 * reach a browser only through the re-read that follows a reconnection to Kafka.
 */
final class FaultSystem {

    private static final HttpClient HTTP = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(2))
        .build();

    private static volatile LocalSystem system;

    private FaultSystem() {
    }

    static LocalSystem get() {
        LocalSystem current = system;
        return (current != null) ? current : start();
    }

    private static synchronized LocalSystem start() {
        if (system == null) {
            Path root = Path.of("").toAbsolutePath().getParent().getParent();
            LocalSettings settings = LocalSettings
                .onFreePorts(root, Path.of("target", "fault-system-logs").toAbsolutePath(), 2)
                .withJvmOptions(List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx256m", "-Xss512k"))
                .withSharedProperties(Map.of(
                        "spring.kafka.producer.properties.delivery.timeout.ms", "6000",
                        "spring.kafka.producer.properties.request.timeout.ms", "2000",
                        "spring.kafka.producer.properties.max.block.ms", "2000",
                        "qrlogin.gateway.resync.interval", "1h",
                        "spring.lifecycle.timeout-per-shutdown-phase", "10s",
                        // Every request's route, every fan-out and push in the logs, to read a failure by.
                        "logging.level.io.qrlogin", "debug"));
            LocalSystem started = LocalSystem.start(settings);
            Runtime.getRuntime().addShutdownHook(new Thread(started::close, "stop-fault-system"));
            system = started;
            // Awaitility polls on another thread: it must find the system without this lock.
            awaitAllReady(Duration.ofSeconds(120));
        }
        return system;
    }

    /** The readiness status code of the service named {@code name} (200 ready, 503 not), or -1 when it does not answer. */
    static int readiness(String name) {
        try {
            HttpRequest request = HttpRequest
                .newBuilder(URI.create(get().managementUrl(name) + "/actuator/health/readiness"))
                .timeout(Duration.ofSeconds(10))
                .build();
            return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        }
        catch (IOException ex) {
            return -1;
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** Waits until every service is ready again. */
    static void awaitAllReady(Duration timeout) {
        for (String name : services()) {
            await().atMost(timeout).pollInterval(Duration.ofMillis(500)).until(() -> readiness(name) == 200);
        }
    }

    /** Every service's name (not Kafka's, not Redis's). */
    static List<String> services() {
        return get().names().stream().filter((name) -> !"redis".equals(name) && !"kafka".equals(name)).toList();
    }

    /** The public URL of the gateway named {@code name}. */
    static String url(String name) {
        return "http://localhost:" + get().port(name);
    }

    /** Whether the log of the service named {@code name} contains {@code text}. */
    static boolean logged(String name, String text) {
        try {
            return Files.readString(get().log(name)).contains(text);
        }
        catch (IOException ex) {
            return false;
        }
    }
}
