package io.qrlogin.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Ctrl-C or SIGTERM to {@code run.sh} while the system is still starting (a minute on a busy machine) stops
 * everything already started: no Redis, Kafka or service is left holding its port without the launcher that
 * would stop it.
 */
class StopWhileStartingIT {

    private Process launcher;

    private List<ProcessHandle> children = List.of();

    @AfterEach
    void killWhatIsLeft() {
        if (this.launcher != null) {
            this.launcher.destroyForcibly();
        }
        this.children.forEach(ProcessHandle::destroyForcibly);
    }

    @Test
    void aStopWhileTheServicesAreStartingStopsRedisKafkaAndEveryService() throws Exception {
        Path root = Path.of("").toAbsolutePath().getParent().getParent();
        Path logs = Files.createDirectories(Path.of("target", "stop-while-starting-logs").toAbsolutePath());
        Path output = logs.resolve("launcher.out");
        this.launcher = new ProcessBuilder(Processes.java(), "-cp", System.getProperty("java.class.path"),
                StartingSystem.class.getName(), root.toString(), logs.toString())
            .redirectErrorStream(true)
            .redirectOutput(output.toFile())
            .start();

        // Redis and Kafka run and every service has been launched; none is ready yet (each takes seconds).
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(50))
            .until(() -> read(output).contains("Starting notify-gateway"));
        this.children = this.launcher.descendants().filter(ProcessHandle::isAlive).toList();
        assertThat(read(output)).as("the system is still starting").doesNotContain("QR Login is up");
        assertThat(this.children).as("Redis, Kafka and five services").hasSizeGreaterThanOrEqualTo(7);

        this.launcher.destroy();

        await().atMost(Duration.ofMinutes(2)).until(() -> !this.launcher.isAlive());
        assertThat(read(output)).contains("Stopping QR Login");
        await().atMost(Duration.ofSeconds(30))
            .untilAsserted(() -> assertThat(this.children).noneMatch(ProcessHandle::isAlive));
    }

    private static String read(Path file) throws IOException {
        return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    }
}
