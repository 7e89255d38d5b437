package io.qrlogin.local;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import redis.embedded.core.ExecutableProvider;

/**
 * One {@code redis-server} process of a Cluster or a Sentinel group ({@link RedisTopology}): a data node
 * or a sentinel, on its own port, with its own directory (its append-only file, a cluster node's
 * {@code nodes.conf}, a sentinel's rewritten configuration), kept across a restart. Runs Redis from the
 * PATH, else the binary {@code embedded-redis} ships. {@link #kill()} ends it as a crash does (SIGKILL).
 */
final class RedisNode extends SystemPart {

    /** The {@code redis-server} every node runs, found once. */
    private static volatile String executable;

    private final LocalSettings settings;

    private final int port;

    private final List<String> options;

    private final Path directory;

    private final boolean sentinel;

    private Process process;

    private boolean launched;

    /**
     * @param options {@code redis-server} options after the port, directory and bind address
     * @param sentinelConfiguration for a sentinel, the lines of its configuration file (which it rewrites);
     * null for a data node
     */
    RedisNode(String name, LocalSettings settings, int port, List<String> options, List<String> sentinelConfiguration) {
        super(name);
        this.settings = settings;
        this.port = port;
        this.options = List.copyOf(options);
        this.sentinel = sentinelConfiguration != null;
        try {
            this.directory = Files.createTempDirectory("qrlogin-" + name + "-");
            if (this.sentinel) {
                Files.write(this.directory.resolve("sentinel.conf"), sentinelConfiguration);
            }
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    int port() {
        return this.port;
    }

    @Override
    synchronized void start() {
        List<String> command = new ArrayList<>(Processes.ownSession());
        command.add(executable());
        if (this.sentinel) {
            command.add(this.directory.resolve("sentinel.conf").toString());
            command.add("--sentinel");
        }
        command.addAll(List.of("--port", Integer.toString(this.port), "--bind", "127.0.0.1", "--dir",
                this.directory.toString()));
        command.addAll(this.options);
        Path log = this.settings.logDirectory().resolve(this.name + ".log");
        this.process = Processes.start(new ProcessBuilder(command).redirectErrorStream(true)
            .redirectOutput(Processes.logTo(log, this.launched)));
        this.launched = true;
        Ports.awaitOpen(this.name, this.port, Duration.ofSeconds(10));
    }

    @Override
    synchronized void stop() throws Exception {
        if (this.process != null) {
            Processes.terminate(this.name, this.process);
            this.process = null;
        }
        Ports.awaitClosed(this.name, this.port, Duration.ofSeconds(10));
    }

    /** Ends the process at once, as a crash or a lost machine does: no shutdown, no last write. */
    synchronized void kill() throws InterruptedException {
        if (this.process != null) {
            this.process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            this.process = null;
        }
        Ports.awaitClosed(this.name, this.port, Duration.ofSeconds(10));
    }

    @Override
    synchronized boolean isRunning() {
        return this.process != null && this.process.isAlive();
    }

    @Override
    void cleanUp() {
        Processes.deleteRecursively(this.directory);
    }

    private static String executable() {
        String found = executable;
        if (found == null) {
            found = find();
            executable = found;
        }
        return found;
    }

    private static String find() {
        Path onPath = Processes.findOnPath("redis-server");
        if (onPath != null) {
            return onPath.toString();
        }
        try {
            File binary = ExecutableProvider.newJarResourceProvider().get();
            binary.setExecutable(true);
            return binary.getAbsolutePath();
        }
        catch (IOException ex) {
            throw new UncheckedIOException("No redis-server on the PATH and none in embedded-redis", ex);
        }
    }
}
