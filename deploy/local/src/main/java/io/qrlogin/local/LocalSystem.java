package io.qrlogin.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.embedded.RedisServer;


/**
 * The whole system on one machine: a real Redis, a real Kafka broker in KRaft mode,
 * and the four services as child processes of their built jars, configured to find each other.
 * {@link #close()} stops everything it started, in order: gateways first, then the services, then
 * Kafka and Redis.
 */
public final class LocalSystem implements AutoCloseable {

    private static final Logger logger = LoggerFactory.getLogger(LocalSystem.class);

    /** The topic every service publishes to and every gateway consumes. */
    public static final String EVENTS_TOPIC = "qrlogin.events";

    /** Partitions of the events topic: enough to spread tickets, few enough for one small broker. */
    public static final int PARTITIONS = 3;

    /** The issuer of demo app tokens' audience, which scan-service requires in demo mode. */
    public static final String APP_AUDIENCE = "qrlogin-app";

    private final LocalSettings settings;

    private final List<Managed> started = Collections.synchronizedList(new ArrayList<>());

    private volatile boolean closed;

    private LocalSystem(LocalSettings settings) {
        this.settings = settings;
    }

    /** Starts everything and returns once every service accepts connections. */
    public static LocalSystem start(LocalSettings settings) {
        LocalSystem system = new LocalSystem(settings);
        try {
            system.startAll();
            return system;
        }
        catch (RuntimeException ex) {
            system.close();
            throw ex;
        }
    }

    /** The settings it runs with (ports included, resolved if they were 0). */
    public LocalSettings settings() {
        return this.settings;
    }

    /** The public URL of the first gateway. */
    public String gatewayUrl() {
        return "http://localhost:" + this.settings.gatewayPorts().get(0);
    }

    private void startAll() {
        Instant begin = Instant.now();
        createDirectories(this.settings.logDirectory());
        startRedis();
        startKafka();
        List<ServiceProcess> services = new ArrayList<>();
        for (LocalSettings.ServiceSpec spec : this.settings.services()) {
            ServiceProcess service = ServiceProcess.launch(spec, jarOf(spec.module()), this.settings);
            this.started.add(service);
            services.add(service);
        }
        for (ServiceProcess service : services) {
            service.awaitReady(this.settings.startTimeout());
        }
        logger.info("QR Login is up in {} ms", Duration.between(begin, Instant.now()).toMillis());
    }

    private void startRedis() {
        int port = this.settings.redisPort();
        Path onPath = findOnPath("redis-server");
        if (onPath != null) {
            Path log = this.settings.logDirectory().resolve("redis.log");
            List<String> command = new ArrayList<>(ownSession());
            command.addAll(List.of(onPath.toString(), "--port", Integer.toString(port), "--bind", "127.0.0.1", "--save",
                    "", "--appendonly", "no"));
            ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
            this.started.add(new ChildProcess("redis", start(builder), port));
        }
        else {
            try {
                RedisServer server = RedisServer.newRedisServer()
                    .port(port)
                    .setting("bind 127.0.0.1")
                    .setting("save \"\"")
                    .setting("appendonly no")
                    .build();
                server.start();
                this.started.add(new Managed("redis") {
                    @Override
                    void stop() throws IOException {
                        server.stop();
                    }
                });
            }
            catch (IOException ex) {
                throw new UncheckedIOException("Could not start Redis on port " + port, ex);
            }
        }
        awaitPort("redis", port, Duration.ofSeconds(10));
        logger.info("Redis on 127.0.0.1:{}{}", port, (onPath != null) ? " (" + onPath + ")" : " (embedded binary)");
    }

    /**
     * A real Kafka broker in KRaft mode (combined broker and controller) from Kafka's own jars, as
     * a child process on fixed ports, with the events topic created.
     */
    private void startKafka() {
        int port = this.settings.kafkaPort();
        int controllerPort = this.settings.kafkaControllerPort();
        try {
            Path data = Files.createTempDirectory("qrlogin-kafka-");
            Path config = data.resolve("server.properties");
            Files.writeString(config, String.join("\n",
                    "process.roles=broker,controller",
                    "node.id=1",
                    "controller.quorum.voters=1@127.0.0.1:" + controllerPort,
                    "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
                    "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
                    "controller.listener.names=CONTROLLER",
                    "inter.broker.listener.name=PLAINTEXT",
                    "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                    "log.dirs=" + data.resolve("logs"),
                    "num.partitions=" + PARTITIONS,
                    "auto.create.topics.enable=false",
                    "offsets.topic.replication.factor=1",
                    "transaction.state.log.replication.factor=1",
                    "transaction.state.log.min.isr=1",
                    "share.coordinator.state.topic.replication.factor=1",
                    "share.coordinator.state.topic.min.isr=1",
                    "group.initial.rebalance.delay.ms=0") + "\n");
            Path log = this.settings.logDirectory().resolve("kafka.log");
            List<String> format = kafkaJvm("kafka.tools.StorageTool");
            format.addAll(List.of("format", "--config", config.toString(), "--cluster-id", "qrlogin-local-cluster",
                    "--ignore-formatted"));
            Process formatting = start(new ProcessBuilder(format).redirectErrorStream(true).redirectOutput(log.toFile()));
            if (!formatting.waitFor(60, TimeUnit.SECONDS) || formatting.exitValue() != 0) {
                throw new IllegalStateException("Could not format Kafka's storage; see " + log);
            }
            List<String> server = new ArrayList<>(ownSession());
            server.addAll(kafkaJvm("kafka.Kafka"));
            server.add(config.toString());
            Process broker = start(new ProcessBuilder(server).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())));
            this.started.add(new ChildProcess("kafka", broker, port) {
                @Override
                void stop() throws InterruptedException {
                    super.stop();
                    deleteRecursively(data);
                }
            });
            awaitPort("kafka", port, Duration.ofSeconds(60));
            createTopic("127.0.0.1:" + port);
            logger.info("Kafka (KRaft) on 127.0.0.1:{}, topic {} with {} partitions", port, EVENTS_TOPIC, PARTITIONS);
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Could not start Kafka", ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    private static List<String> kafkaJvm(String mainClass) {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(List.of("-Xms128m", "-Xmx512m", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                mainClass));
        return command;
    }

    private static void createTopic(String bootstrap) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(60);
        while (true) {
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
                admin.createTopics(List.of(new NewTopic(EVENTS_TOPIC, PARTITIONS, (short) 1))).all().get(30, TimeUnit.SECONDS);
                return;
            }
            catch (ExecutionException ex) {
                if (ex.getCause() instanceof TopicExistsException) {
                    return;
                }
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("Could not create the topic " + EVENTS_TOPIC, ex);
                }
            }
            catch (TimeoutException ex) {
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("Kafka did not answer", ex);
                }
            }
            pause(500);
        }
    }

    private static void deleteRecursively(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach((path) -> path.toFile().delete());
        }
        catch (IOException ex) {
            logger.debug("Could not delete {}: {}", directory, ex.toString());
        }
    }

    private Path jarOf(String module) {
        Path target = this.settings.projectRoot().resolve(module).resolve("target");
        try (Stream<Path> files = Files.exists(target) ? Files.list(target) : Stream.empty()) {
            return files.filter((file) -> {
                String name = file.getFileName().toString();
                return name.startsWith(module + "-") && name.endsWith(".jar") && !name.endsWith("-tests.jar")
                        && !name.endsWith("-sources.jar");
            }).findFirst().orElseThrow(() -> new IllegalStateException("No jar of " + module + " under " + target
                    + ": build it first (./mvnw -DskipTests package)"));
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** Stops everything that was started, last started first. Idempotent. */
    @Override
    public synchronized void close() {
        if (this.closed) {
            return;
        }
        this.closed = true;
        List<Managed> reversed = new ArrayList<>(this.started);
        Collections.reverse(reversed);
        for (Managed managed : reversed) {
            try {
                managed.stop();
                logger.info("Stopped {}", managed.name);
            }
            catch (Exception ex) {
                logger.warn("Could not stop {} cleanly: {}", managed.name, ex.toString());
            }
        }
    }

    /**
     * Children run in their own session, so a Ctrl-C on the terminal reaches only this launcher,
     * which then stops them in order.
     */
    static List<String> ownSession() {
        Path setsid = findOnPath("setsid");
        return (setsid != null) ? List.of(setsid.toString()) : List.of();
    }

    static Process start(ProcessBuilder builder) {
        try {
            return builder.start();
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Could not start " + builder.command().get(0), ex);
        }
    }

    static void awaitPort(String name, int port, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (isListening(port)) {
                return;
            }
            pause(100);
        }
        throw new IllegalStateException(name + " did not open port " + port + " within " + timeout);
    }

    static boolean isListening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        }
        catch (IOException ex) {
            return false;
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

    /** A free TCP port on the loopback interface. */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private static Path findOnPath(String executable) {
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String directory : path.split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(directory, executable);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    private static void createDirectories(Path directory) {
        try {
            Files.createDirectories(directory);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** Something started that must be stopped. */
    abstract static class Managed {

        final String name;

        Managed(String name) {
            this.name = name;
        }

        abstract void stop() throws Exception;
    }

    /** A child process stopped with SIGTERM, then killed if it does not end in time. */
    static class ChildProcess extends Managed {

        final Process process;

        final int port;

        ChildProcess(String name, Process process, int port) {
            super(name);
            this.process = process;
            this.port = port;
        }

        @Override
        void stop() throws InterruptedException {
            this.process.destroy();
            if (!this.process.waitFor(20, TimeUnit.SECONDS)) {
                logger.warn("{} did not stop within 20 s; killing it", this.name);
                this.process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        }
    }

    /** One service: its jar started with the settings' JVM options and properties. */
    static final class ServiceProcess extends ChildProcess {

        private final Path log;

        private ServiceProcess(String name, Process process, int port, Path log) {
            super(name, process, port);
            this.log = log;
        }

        static ServiceProcess launch(LocalSettings.ServiceSpec spec, Path jar, LocalSettings settings) {
            List<String> command = new ArrayList<>(ownSession());
            command.add(ProcessHandle.current().info().command().orElse("java"));
            command.addAll(settings.jvmOptions());
            command.add("-jar");
            command.add(jar.toString());
            Map<String, String> properties = new LinkedHashMap<>(spec.properties());
            properties.forEach((key, value) -> command.add("--" + key + "=" + value));
            Path log = settings.logDirectory().resolve(spec.name() + ".log");
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
            logger.info("Starting {} on port {}", spec.name(), spec.port());
            return new ServiceProcess(spec.name(), LocalSystem.start(builder), spec.port(), log);
        }

        void awaitReady(Duration timeout) {
            Instant deadline = Instant.now().plus(timeout);
            while (Instant.now().isBefore(deadline)) {
                if (!this.process.isAlive()) {
                    throw new IllegalStateException(this.name + " exited with " + this.process.exitValue()
                            + "; its log " + this.log + " ends with:\n" + tail(this.log, 40));
                }
                if (isListening(this.port)) {
                    return;
                }
                pause(100);
            }
            throw new IllegalStateException(this.name + " was not ready within " + timeout + "; see " + this.log);
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
}
