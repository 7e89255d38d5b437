package io.qrlogin.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One system with three gateway instances for the fault tests, which stop, start and freeze its parts:
 * shared by them because starting six services costs far more than any test, kept apart from
 * {@link SharedSystem} so no other test sees a fault. Every fault test leaves it whole and ready.
 *
 * <p>The producers give up on an event after a few seconds (instead of two minutes), so a test can
 * lose an event for sure. The first two gateways' timed re-read is off (an hour), so an event that was
 * lost can reach their browsers only through the re-read that follows a reconnection to Kafka; the
 * third re-reads every {@link #RESYNC_INTERVAL}, so its browsers hear a change without any event.
 */
final class FaultSystem {

    private static final HttpClient HTTP = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(2))
        .build();

    /** How often the {@linkplain #resyncingGateway() third gateway} re-reads the tickets its sockets follow. */
    static final Duration RESYNC_INTERVAL = Duration.ofSeconds(5);

    /** The gateways' timed re-read when it is off. */
    private static final Duration RESYNC_OFF = Duration.ofHours(1);

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
            LocalSettings ports = LocalSettings.onFreePorts(root, Path.of("target", "fault-system-logs").toAbsolutePath(), 3);
            Map<String, String> properties = new LinkedHashMap<>(Map.of(
                    "spring.kafka.producer.properties.delivery.timeout.ms", "6000",
                    "spring.kafka.producer.properties.request.timeout.ms", "2000",
                    "spring.kafka.producer.properties.max.block.ms", "2000",
                    "spring.lifecycle.timeout-per-shutdown-phase", "10s",
                    // Every request's route, every fan-out and push in the logs, to read a failure by.
                    "logging.level.io.qrlogin", "debug"));
            // Every service gets the same properties: each gateway finds its own interval by its port.
            properties.put("qrlogin.gateway.resync.interval", "${fault.resync-interval.${server.port}}");
            List<Integer> gateways = ports.gatewayPorts();
            for (int i = 0; i < gateways.size(); i++) {
                Duration interval = (i == gateways.size() - 1) ? RESYNC_INTERVAL : RESYNC_OFF;
                properties.put("fault.resync-interval." + gateways.get(i), interval.toString());
            }
            system = TestSystems.start(ports.withSharedProperties(properties));
            // Awaitility polls on another thread: it must find the system without this lock.
            awaitAllReady(Duration.ofSeconds(120));
        }
        return system;
    }

    /** The gateways that re-read followed tickets only after a reconnection to Kafka. */
    static List<String> reconnectOnlyGateways() {
        List<String> names = get().gatewayNames();
        return names.subList(0, names.size() - 1);
    }

    /** The gateway that also re-reads the tickets its sockets follow every {@link #RESYNC_INTERVAL}. */
    static String resyncingGateway() {
        List<String> names = get().gatewayNames();
        return names.get(names.size() - 1);
    }

    /**
     * Through each of {@code gateways}, a browser's socket hears its ticket scanned by {@code user} within
     * {@code push}: what proves that gateway's Kafka consumer delivers events again after a fault.
     */
    static void scansArePushedThrough(List<String> gateways, LoginClient client, String user, Duration push)
            throws Exception {
        for (String gateway : gateways) {
            LoginClient.Minted ticket = client.mint();
            LoginClient.Watch socket = client.watch(url(gateway), ticket.qrId(), ticket.verifier());
            await().atMost(push).until(() -> socket.has("PENDING"));
            String appToken = client.appToken(user);
            assertThat(client.scan(ticket.qrId(), appToken).status()).isEqualTo(200);
            await().atMost(push).until(() -> socket.has("SCANNED"));
            socket.close();
        }
    }

    /** The readiness status code of the service named {@code name} (200 ready, 503 not), or -1 when it does not answer. */
    static int readiness(String name) {
        return managementStatus(name, "/actuator/health/readiness");
    }

    /**
     * The status code of the whole health of the service named {@code name} (200 UP, 503 when any check,
     * Kafka's included, is DOWN), or -1 when it does not answer.
     */
    static int health(String name) {
        return managementStatus(name, "/actuator/health");
    }

    private static int managementStatus(String name, String path) {
        try {
            HttpRequest request = HttpRequest
                .newBuilder(URI.create(get().managementUrl(name) + path))
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

    /** Every service's name (not Kafka's, not Redis's, not the demo relying party's). */
    static List<String> services() {
        return get().serviceNames();
    }

    /** The public URL of the gateway named {@code name}. */
    static String url(String name) {
        return "http://localhost:" + get().port(name);
    }

    /** Whether the log of the service named {@code name} contains {@code text}. */
    static boolean logged(String name, String text) {
        return timesLogged(name, text) > 0;
    }

    /** How many lines of the log of the service named {@code name} contain {@code text}. */
    static long timesLogged(String name, String text) {
        try (Stream<String> lines = Files.lines(get().log(name))) {
            return lines.filter((line) -> line.contains(text)).count();
        }
        catch (IOException | UncheckedIOException ex) {
            return 0;
        }
    }

    /**
     * Freezes the Kafka broker's process (SIGSTOP) until the answer is closed (SIGCONT): its connections
     * stay open and nothing answers on them, as with a hung broker or a network partition. A stopped
     * broker, by contrast, refuses connections at once.
     */
    static Frozen freezeKafka() {
        return Frozen.freeze(kafkaProcess());
    }

    /**
     * The broker's process, among this JVM's descendants: the {@code kafka.Kafka} whose configuration
     * (its last argument) listens on this system's Kafka port. Another system's broker may run in this
     * JVM too ({@link SharedSystem}).
     */
    private static ProcessHandle kafkaProcess() {
        String listener = "PLAINTEXT://127.0.0.1:" + get().settings().kafkaPort() + ",";
        return ProcessHandle.current().descendants().filter((process) -> {
            List<String> arguments = arguments(process);
            return arguments.contains("kafka.Kafka") && contains(Path.of(arguments.get(arguments.size() - 1)), listener);
        }).findFirst().orElseThrow(() -> new IllegalStateException("No Kafka broker process listens with " + listener));
    }

    /**
     * The command line of {@code process}, from {@code /proc}: {@code ProcessHandle.Info} gives none for a
     * command line as long as a JVM's with the whole class path.
     */
    private static List<String> arguments(ProcessHandle process) {
        try {
            byte[] cmdline = Files.readAllBytes(Path.of("/proc", Long.toString(process.pid()), "cmdline"));
            return List.of(new String(cmdline, StandardCharsets.ISO_8859_1).split("\0"));
        }
        catch (IOException ex) {
            return List.of();
        }
    }

    private static boolean contains(Path file, String text) {
        try {
            return Files.isRegularFile(file) && Files.readString(file).contains(text);
        }
        catch (IOException ex) {
            return false;
        }
    }

    /** A frozen process; {@link #close()} lets it run again. */
    static final class Frozen implements AutoCloseable {

        private final ProcessHandle process;

        private Frozen(ProcessHandle process) {
            this.process = process;
        }

        static Frozen freeze(ProcessHandle process) {
            signal("STOP", process);
            // The kernel stops it asynchronously: wait until /proc says it is stopped ("T").
            await().atMost(Duration.ofSeconds(10)).until(() -> "T".equals(state(process)));
            return new Frozen(process);
        }

        @Override
        public void close() {
            signal("CONT", this.process);
            await().atMost(Duration.ofSeconds(10)).until(() -> !"T".equals(state(this.process)));
        }

        private static void signal(String name, ProcessHandle process) {
            try {
                Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start();
                if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                    throw new IllegalStateException("Could not send SIG" + name + " to " + process.pid());
                }
            }
            catch (IOException ex) {
                throw new UncheckedIOException("Could not run kill -" + name, ex);
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(ex);
            }
        }

        /** The process's state letter from {@code /proc/<pid>/stat} (after the parenthesised command name). */
        private static String state(ProcessHandle process) throws IOException {
            String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
            return stat.substring(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
        }
    }
}
