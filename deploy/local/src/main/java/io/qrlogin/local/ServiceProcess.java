package io.qrlogin.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One service: its built jar started with the settings' JVM options and properties (and its secrets in its
 * environment), logging to its own file.
 */
final class ServiceProcess extends ChildProcess {

    private static final Logger logger = LoggerFactory.getLogger(ServiceProcess.class);

    final LocalSettings.ServiceSpec spec;

    final Path log;

    private final Path jar;

    private final AotCache aotCache;

    private final LocalSettings settings;

    private boolean launched;

    ServiceProcess(LocalSettings.ServiceSpec spec, LocalSettings settings) {
        super(spec.name());
        this.spec = spec;
        this.jar = jarOf(settings.projectRoot(), spec.module());
        this.aotCache = AotCache.of(settings.projectRoot(), spec.name(), this.jar);
        this.settings = settings;
        this.log = settings.logDirectory().resolve(spec.name() + ".log");
    }

    @Override
    Process launch() {
        List<String> command = new ArrayList<>(Processes.ownSession());
        command.add(Processes.java());
        command.addAll(this.settings.jvmOptions());
        command.addAll(this.aotCache.launchArguments());
        this.spec.properties().forEach((key, value) -> command.add("--" + key + "=" + value));
        // A fresh log per system; a restart appends to it.
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
            .redirectOutput(Processes.logTo(this.log, this.launched));
        builder.environment().putAll(this.spec.environment());
        this.launched = true;
        logger.info("Starting {} on port {}", this.spec.name(), this.spec.port());
        return Processes.start(builder);
    }

    @Override
    long stopSeconds() {
        return this.aotCache.stopSeconds();
    }

    @Override
    void stop() throws InterruptedException {
        super.stop();
        Ports.awaitClosed(this.name, this.spec.port(), Duration.ofSeconds(10));
    }

    /** Returns once the service accepts connections; fails at once, with its log's end, if it exits. */
    void awaitListening(Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            Process process = process();
            if (!process.isAlive()) {
                throw new IllegalStateException(this.name + " exited with " + process.exitValue()
                        + "; its log " + this.log + " ends with:\n" + tail(this.log, 40));
            }
            if (Ports.isListening(this.spec.port())) {
                return;
            }
            Processes.pause(100);
        }
        throw new IllegalStateException(this.name + " was not ready within " + timeout + "; see " + this.log);
    }

    private static Path jarOf(Path projectRoot, String module) {
        Path target = projectRoot.resolve(module).resolve("target");
        // The artifact id follows the module's directory: deploy/demo-rp builds deploy-demo-rp-*.jar.
        String artifact = module.replace('/', '-');
        try (Stream<Path> files = Files.exists(target) ? Files.list(target) : Stream.empty()) {
            return files.filter((file) -> {
                String name = file.getFileName().toString();
                return name.startsWith(artifact + "-") && name.endsWith(".jar") && !name.endsWith("-tests.jar")
                        && !name.endsWith("-sources.jar");
            }).findFirst().orElseThrow(() -> new IllegalStateException("No jar of " + module + " under " + target
                    + ": build it first (./mvnw -DskipTests package)"));
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private static String tail(Path log, int lines) {
        try {
            List<String> all = Files.readAllLines(log);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        }
        catch (IOException ex) {
            return "(unreadable: " + ex + ")";
        }
    }
}
