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
 *
 * <p>Each part can be stopped and started again by its name ({@link #stop}, {@link #start},
 * {@link #restart}) to see what the others do meanwhile: a service gets SIGTERM (a graceful shutdown)
 * and its jar is started again; Kafka and Redis keep their data across a restart (Redis writes an
 * append-only file), as a real deployment's would.
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

    private final Map<String, Managed> byName = new java.util.concurrent.ConcurrentHashMap<>();

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
        launch(new RedisServerProcess(this.settings));
        launch(new KafkaBroker(this.settings));
        List<Service> services = new ArrayList<>();
        for (LocalSettings.ServiceSpec spec : this.settings.services()) {
            Service service = new Service(spec, jarOf(spec.module()), this.settings);
            launch(service);
            services.add(service);
        }
        for (Service service : services) {
            service.awaitListening(this.settings.startTimeout());
        }
        logger.info("QR Login is up in {} ms", Duration.between(begin, Instant.now()).toMillis());
    }

    private void launch(Managed managed) {
        this.started.add(managed);
        this.byName.put(managed.name, managed);
        managed.start();
    }

    /** The names of the parts, in start order: {@code redis}, {@code kafka}, then each service's name. */
    public List<String> names() {
        return this.started.stream().map((managed) -> managed.name).toList();
    }

    /**
     * Stops the part named {@code name} as an orchestrator would: SIGTERM, then a kill if it has not
     * ended within 20 s. Returns once it has ended.
     */
    public void stop(String name) {
        try {
            managed(name).stop();
            logger.info("Stopped {}", name);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
        catch (Exception ex) {
            throw new IllegalStateException("Could not stop " + name, ex);
        }
    }

    /** Starts the stopped part named {@code name} again; returns once it accepts connections. */
    public void start(String name) {
        Managed managed = managed(name);
        managed.start();
        if (managed instanceof Service service) {
            service.awaitListening(this.settings.startTimeout());
        }
        logger.info("Started {} again", name);
    }

    /** {@link #stop} then {@link #start}. */
    public void restart(String name) {
        stop(name);
        start(name);
    }

    /** Whether the part named {@code name} is running. */
    public boolean isRunning(String name) {
        return managed(name).isRunning();
    }

    /** The HTTP port of the service named {@code name}. */
    public int port(String name) {
        return ((Service) managed(name)).spec.port();
    }

    /** The management URL ({@code /actuator/…} lives there) of the service named {@code name}. */
    public String managementUrl(String name) {
        return "http://127.0.0.1:" + this.settings.managementPort(port(name));
    }

    /** The log file of the service named {@code name}. */
    public Path log(String name) {
        return ((Service) managed(name)).log;
    }

    /** The names of the gateway instances, the main one first. */
    public List<String> gatewayNames() {
        return this.settings.services().stream()
            .filter((spec) -> "notify-gateway".equals(spec.module()))
            .map(LocalSettings.ServiceSpec::name)
            .toList();
    }

    private Managed managed(String name) {
        Managed managed = this.byName.get(name);
        if (managed == null) {
            throw new IllegalArgumentException("No part named " + name + "; there are " + names());
        }
        return managed;
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
                if (managed.isRunning()) {
                    managed.stop();
                    logger.info("Stopped {}", managed.name);
                }
            }
            catch (Exception ex) {
                logger.warn("Could not stop {} cleanly: {}", managed.name, ex.toString());
            }
            finally {
                managed.cleanUp();
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

    static void awaitClosed(String name, int port, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!isListening(port)) {
                return;
            }
            pause(100);
        }
        throw new IllegalStateException(name + " still listens on port " + port + " after " + timeout);
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

    /**
     * A free TCP port, chosen below the kernel's ephemeral range when there is room: a port from that
     * range may be taken as the local end of an outgoing connection (Kafka clients open many) in the
     * seconds before the process it is meant for binds it.
     */
    public static int freePort() {
        int low = 15000;
        int high = Math.min(ephemeralPortsStart(), 65536);
        for (int attempt = 0; high - low >= 1000 && attempt < 200; attempt++) {
            int port = low + java.util.concurrent.ThreadLocalRandom.current().nextInt(high - low);
            if (isBindable(port)) {
                return port;
            }
        }
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private static boolean isBindable(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(port));
            return true;
        }
        catch (IOException ex) {
            return false;
        }
    }

    /** The first port of Linux's ephemeral range, or 0 where it cannot be read (then no port is below it). */
    private static int ephemeralPortsStart() {
        try {
            // Read as lines: /proc files report a size of 0, which Files.readString trusts.
            String range = Files.readAllLines(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).get(0).trim();
            return Integer.parseInt(range.split("\\s+")[0]);
        }
        catch (IOException | RuntimeException ex) {
            return 0;
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

    /** A part of the system: started, stopped, maybe started again. */
    abstract static class Managed {

        final String name;

        Managed(String name) {
            this.name = name;
        }

        abstract void start();

        abstract void stop() throws Exception;

        abstract boolean isRunning();

        /** Frees what the part keeps across restarts (its data), once the system closes. */
        void cleanUp() {
        }
    }

    /** A child process, stopped with SIGTERM, then killed if it does not end in time. */
    abstract static class ChildProcess extends Managed {

        private volatile Process process;

        ChildProcess(String name) {
            super(name);
        }

        /** Starts the process. */
        abstract Process launch();

        @Override
        void start() {
            if (isRunning()) {
                throw new IllegalStateException(this.name + " is running already");
            }
            this.process = launch();
        }

        @Override
        void stop() throws InterruptedException {
            Process current = this.process;
            if (current == null) {
                return;
            }
            current.destroy();
            if (!current.waitFor(20, TimeUnit.SECONDS)) {
                logger.warn("{} did not stop within 20 s; killing it", this.name);
                current.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        }

        @Override
        boolean isRunning() {
            Process current = this.process;
            return current != null && current.isAlive();
        }

        Process process() {
            return this.process;
        }
    }

    /**
     * Redis ({@code redis-server} from the PATH, or the binary {@code embedded-redis} ships), with an
     * append-only file so a restart keeps the tickets, as a production Redis with persistence or a
     * replica would.
     */
    static final class RedisServerProcess extends Managed {

        private final LocalSettings settings;

        private final Path data;

        private final Path onPath = findOnPath("redis-server");

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
                List<String> command = new ArrayList<>(ownSession());
                command.add(this.onPath.toString());
                command.addAll(options);
                this.process = LocalSystem.start(new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(this.launched ? ProcessBuilder.Redirect.appendTo(log.toFile())
                            : ProcessBuilder.Redirect.to(log.toFile())));
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
            awaitPort("redis", port, Duration.ofSeconds(10));
            logger.info("Redis on 127.0.0.1:{}{}", port,
                    (this.onPath != null) ? " (" + this.onPath + ")" : " (embedded binary)");
        }

        @Override
        synchronized void stop() throws Exception {
            if (this.process != null) {
                this.process.destroy();
                if (!this.process.waitFor(20, TimeUnit.SECONDS)) {
                    this.process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
                this.process = null;
            }
            if (this.embedded != null) {
                this.embedded.stop();
                this.embedded = null;
            }
            awaitClosed("redis", this.settings.redisPort(), Duration.ofSeconds(10));
        }

        @Override
        synchronized boolean isRunning() {
            return (this.process != null && this.process.isAlive()) || (this.embedded != null && this.embedded.isActive());
        }

        @Override
        void cleanUp() {
            deleteRecursively(this.data);
        }
    }

    /**
     * A real Kafka broker in KRaft mode (combined broker and controller) from Kafka's own jars, as a
     * child process on fixed ports, with the events topic created. Its data survives a restart.
     */
    static final class KafkaBroker extends ChildProcess {

        private final LocalSettings settings;

        private final Path data;

        private final Path config;

        KafkaBroker(LocalSettings settings) {
            super("kafka");
            this.settings = settings;
            int port = settings.kafkaPort();
            int controllerPort = settings.kafkaControllerPort();
            try {
                this.data = Files.createTempDirectory("qrlogin-kafka-");
                this.config = this.data.resolve("server.properties");
                Files.writeString(this.config, String.join("\n",
                        "process.roles=broker,controller",
                        "node.id=1",
                        "controller.quorum.voters=1@127.0.0.1:" + controllerPort,
                        "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
                        "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
                        "controller.listener.names=CONTROLLER",
                        "inter.broker.listener.name=PLAINTEXT",
                        "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                        "log.dirs=" + this.data.resolve("logs"),
                        "num.partitions=" + PARTITIONS,
                        "auto.create.topics.enable=false",
                        "offsets.topic.replication.factor=1",
                        "transaction.state.log.replication.factor=1",
                        "transaction.state.log.min.isr=1",
                        "share.coordinator.state.topic.replication.factor=1",
                        "share.coordinator.state.topic.min.isr=1",
                        "group.initial.rebalance.delay.ms=0") + "\n");
                Path log = log();
                List<String> format = kafkaJvm("kafka.tools.StorageTool");
                format.addAll(List.of("format", "--config", this.config.toString(), "--cluster-id",
                        "qrlogin-local-cluster", "--ignore-formatted"));
                Process formatting = LocalSystem.start(new ProcessBuilder(format).redirectErrorStream(true)
                    .redirectOutput(log.toFile()));
                if (!formatting.waitFor(60, TimeUnit.SECONDS) || formatting.exitValue() != 0) {
                    throw new IllegalStateException("Could not format Kafka's storage; see " + log);
                }
            }
            catch (IOException ex) {
                throw new UncheckedIOException("Could not prepare Kafka", ex);
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(ex);
            }
        }

        private Path log() {
            return this.settings.logDirectory().resolve("kafka.log");
        }

        @Override
        Process launch() {
            List<String> server = new ArrayList<>(ownSession());
            server.addAll(kafkaJvm("kafka.Kafka"));
            server.add(this.config.toString());
            return LocalSystem.start(new ProcessBuilder(server).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log().toFile())));
        }

        @Override
        void start() {
            super.start();
            int port = this.settings.kafkaPort();
            awaitPort("kafka", port, Duration.ofSeconds(60));
            try {
                createTopic("127.0.0.1:" + port);
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(ex);
            }
            logger.info("Kafka (KRaft) on 127.0.0.1:{}, topic {} with {} partitions", port, EVENTS_TOPIC, PARTITIONS);
        }

        @Override
        void stop() throws InterruptedException {
            super.stop();
            awaitClosed("kafka", this.settings.kafkaPort(), Duration.ofSeconds(10));
        }

        @Override
        void cleanUp() {
            deleteRecursively(this.data);
        }
    }

    /** One service: its jar started with the settings' JVM options and properties. */
    static final class Service extends ChildProcess {

        final LocalSettings.ServiceSpec spec;

        final Path log;

        private final Path jar;

        private final LocalSettings settings;

        private boolean launched;

        Service(LocalSettings.ServiceSpec spec, Path jar, LocalSettings settings) {
            super(spec.name());
            this.spec = spec;
            this.jar = jar;
            this.settings = settings;
            this.log = settings.logDirectory().resolve(spec.name() + ".log");
        }

        @Override
        Process launch() {
            List<String> command = new ArrayList<>(ownSession());
            command.add(ProcessHandle.current().info().command().orElse("java"));
            command.addAll(this.settings.jvmOptions());
            command.add("-jar");
            command.add(this.jar.toString());
            Map<String, String> properties = new LinkedHashMap<>(this.spec.properties());
            properties.forEach((key, value) -> command.add("--" + key + "=" + value));
            // A fresh log per system; a restart appends to it.
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(this.launched ? ProcessBuilder.Redirect.appendTo(this.log.toFile())
                        : ProcessBuilder.Redirect.to(this.log.toFile()));
            this.launched = true;
            logger.info("Starting {} on port {}", this.spec.name(), this.spec.port());
            return LocalSystem.start(builder);
        }

        @Override
        void stop() throws InterruptedException {
            super.stop();
            awaitClosed(this.name, this.spec.port(), Duration.ofSeconds(10));
        }

        void awaitListening(Duration timeout) {
            Instant deadline = Instant.now().plus(timeout);
            while (Instant.now().isBefore(deadline)) {
                Process process = process();
                if (!process.isAlive()) {
                    throw new IllegalStateException(this.name + " exited with " + process.exitValue()
                            + "; its log " + this.log + " ends with:\n" + tail(this.log, 40));
                }
                if (isListening(this.spec.port())) {
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
