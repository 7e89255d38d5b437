package io.qrlogin.local;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** How the local system starts, stops and cleans up after its child processes. */
final class Processes {

    private static final Logger logger = LoggerFactory.getLogger(Processes.class);

    private Processes() {
    }

    /**
     * Children run in their own session, so a Ctrl-C on the terminal reaches only this launcher,
     * which then stops them in order.
     */
    static List<String> ownSession() {
        Path setsid = findOnPath("setsid");
        return (setsid != null) ? List.of(setsid.toString()) : List.of();
    }

    /** The {@code java} of this JVM, which every child JVM runs on. */
    static String java() {
        return ProcessHandle.current().info().command().orElse("java");
    }

    static Process start(ProcessBuilder builder) {
        try {
            return builder.start();
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Could not start " + builder.command().get(0), ex);
        }
    }

    /** Where a child writes: a fresh {@code log} at its first start, the same one appended to after a restart. */
    static ProcessBuilder.Redirect logTo(Path log, boolean restarted) {
        return restarted ? ProcessBuilder.Redirect.appendTo(log.toFile()) : ProcessBuilder.Redirect.to(log.toFile());
    }

    /** How long a process may take to stop before it is killed, as an orchestrator's grace period. */
    static final long STOP_SECONDS = 20;

    /** As an orchestrator stops a process: SIGTERM, then a kill if it has not ended within 20 s. */
    static void terminate(String name, Process process) throws InterruptedException {
        terminate(name, process, STOP_SECONDS);
    }

    /** SIGTERM, then a kill if the process has not ended within {@code seconds}. */
    static void terminate(String name, Process process, long seconds) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            logger.warn("{} did not stop within {} s; killing it", name, seconds);
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }

    static Path findOnPath(String executable) {
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String directory : path.split(File.pathSeparator)) {
            Path candidate = Path.of(directory, executable);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    static void deleteRecursively(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach((path) -> path.toFile().delete());
        }
        catch (IOException ex) {
            logger.debug("Could not delete {}: {}", directory, ex.toString());
        }
    }

    static void pause(long millis) {
        try {
            Thread.sleep(millis);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", ex);
        }
    }
}
