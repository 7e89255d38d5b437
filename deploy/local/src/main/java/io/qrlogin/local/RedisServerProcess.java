package io.qrlogin.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.embedded.RedisServer;

/**
 * Redis ({@code redis-server} from the PATH, or the binary {@code embedded-redis} ships), with an
 * append-only file so a restart keeps the tickets, as a production Redis with persistence or a
 * replica would.
 */
final class RedisServerProcess extends SystemPart {

    private static final Logger logger = LoggerFactory.getLogger(RedisServerProcess.class);

    private final LocalSettings settings;

    private final Path data;

    private final Path onPath = Processes.findOnPath("redis-server");

    private Process process;

    private RedisServer embedded;

    private boolean launched;

    RedisServerProcess(LocalSettings settings) {
        super("redis");
        this.settings = settings;
        try {
            this.data = Files.createTempDirectory("qrlogin-redis-");
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    @Override
    synchronized void start() {
        int port = this.settings.redisPort();
        List<String> options = List.of("--port", Integer.toString(port), "--bind", "127.0.0.1", "--save", "",
                "--appendonly", "yes", "--appendfsync", "everysec", "--dir", this.data.toString());
        if (this.onPath != null) {
            Path log = this.settings.logDirectory().resolve("redis.log");
            List<String> command = new ArrayList<>(Processes.ownSession());
            command.add(this.onPath.toString());
            command.addAll(options);
            this.process = Processes.start(new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(Processes.logTo(log, this.launched)));
            this.launched = true;
        }
        else {
            try {
                RedisServer server = RedisServer.newRedisServer()
                    .port(port)
                    .setting("bind 127.0.0.1")
                    .setting("save \"\"")
                    .setting("appendonly yes")
                    .setting("appendfsync everysec")
                    .setting("dir " + this.data)
                    .build();
                server.start();
                this.embedded = server;
            }
            catch (IOException ex) {
                throw new UncheckedIOException("Could not start Redis on port " + port, ex);
            }
        }
        Ports.awaitOpen(this.name, port, Duration.ofSeconds(10));
        logger.info("Redis on 127.0.0.1:{}{}", port,
                (this.onPath != null) ? " (" + this.onPath + ")" : " (embedded binary)");
    }

    @Override
    synchronized void stop() throws Exception {
        if (this.process != null) {
            Processes.terminate(this.name, this.process);
            this.process = null;
        }
        if (this.embedded != null) {
            this.embedded.stop();
            this.embedded = null;
        }
        Ports.awaitClosed(this.name, this.settings.redisPort(), Duration.ofSeconds(10));
    }

    @Override
    synchronized boolean isRunning() {
        return (this.process != null && this.process.isAlive()) || (this.embedded != null && this.embedded.isActive());
    }

    @Override
    void cleanUp() {
        Processes.deleteRecursively(this.data);
    }
}
