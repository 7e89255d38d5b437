package io.qrlogin.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole system on one machine: a real Redis (one server, a Sentinel group or a Cluster: {@link RedisTopology}), a real Kafka broker in
 * KRaft mode ({@link KafkaBroker}), the five services as child processes of their built jars
 * ({@link ServiceProcess}), configured to find each other, and the demo relying party, an OpenID Connect
 * client of the system. {@link #close()} stops everything it started, last started first: the relying
 * party, the gateways, then the services, then Kafka and Redis; so does the end of the JVM that started it
 * (Ctrl-C, SIGTERM), also while the system is still starting.
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

    /** The topic of sessions' starts and ends (session-service's {@code qrlogin.session.events-topic}). */
    public static final String SESSIONS_TOPIC = "qrlogin.sessions";

    /** Partitions of the events topic: enough to spread tickets, few enough for one small broker. */
    public static final int PARTITIONS = 3;

    /** The issuer of demo app tokens' audience, which scan-service requires in demo mode. */
    public static final String APP_AUDIENCE = "qrlogin-app";

    private final LocalSettings settings;

    private final RedisDeployment redis;

    private final List<SystemPart> started = Collections.synchronizedList(new ArrayList<>());

    private final Map<String, SystemPart> byName = new ConcurrentHashMap<>();

    private volatile boolean closed;

    /** Stops what was started when the JVM ends before {@link #close()} (Ctrl-C, SIGTERM), starting or not. */
    private final Thread stopOnExit = new Thread(() -> {
        logger.info("Stopping QR Login…");
        close();
    }, "stop-local-system");

    private LocalSystem(LocalSettings settings, RedisTopology redis) {
        this.settings = settings;
        this.redis = RedisDeployment.of(redis, settings);
    }

    /** Starts everything, on one Redis server, and returns once every service accepts connections. */
    public static LocalSystem start(LocalSettings settings) {
        return start(settings, RedisTopology.STANDALONE);
    }

    /**
     * Starts everything on Redis in the {@code redis} topology and returns once every service accepts
     * connections.
     */
    public static LocalSystem start(LocalSettings settings, RedisTopology redis) {
        LocalSystem system = new LocalSystem(settings, redis);
        // Before the first part starts: a stop during the minute a start can take must not leave Redis, Kafka or
        // the services running without the launcher that would stop them.
        Runtime.getRuntime().addShutdownHook(system.stopOnExit);
        try {
            system.startAll();
            return system;
        }
        catch (RuntimeException ex) {
            if (system.closed) {
                awaitTheEnd();
            }
            system.close();
            throw ex;
        }
    }

    /**
     * Closed while starting, which only the JVM's end does: what failed is the stop itself (a part that was
     * stopped while starting), not worth a stack trace; the JVM halts once the hook is done.
     */
    private static void awaitTheEnd() {
        try {
            Thread.sleep(Long.MAX_VALUE);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * A free TCP port, chosen below the kernel's ephemeral range when there is room (see
     * {@link Ports#free()}).
     */
    public static int freePort() {
        return Ports.free();
    }

    /** The settings it runs with (ports included, resolved if they were 0). */
    public LocalSettings settings() {
        return this.settings;
    }

    /** The public URL of the first gateway. */
    public String gatewayUrl() {
        return "http://localhost:" + this.settings.gatewayPorts().get(0);
    }

    /**
     * Redis, then Kafka, then every service at once, then (once they all listen) the relying parties, which
     * read the OpenID Provider's discovery document through the gateway when they start; returns when all
     * of them listen.
     */
    private void startAll() {
        Instant begin = Instant.now();
        createDirectories(this.settings.logDirectory());
        for (SystemPart part : this.redis.parts()) {
            launch(part);
        }
        this.redis.awaitReady();
        launch(new KafkaBroker(this.settings));
        List<LocalSettings.ServiceSpec> specs = this.settings.services().stream().map(this::onThisRedis).toList();
        launchAndAwait(specs.stream().filter((spec) -> !spec.relyingParty()).toList());
        launchAndAwait(specs.stream().filter(LocalSettings.ServiceSpec::relyingParty).toList());
        logger.info("QR Login is up in {} ms", Duration.between(begin, Instant.now()).toMillis());
    }

    /** {@code spec} pointed at this system's Redis topology instead of the one server its settings name. */
    private LocalSettings.ServiceSpec onThisRedis(LocalSettings.ServiceSpec spec) {
        if (!spec.properties().containsKey("spring.data.redis.url")) {
            return spec;
        }
        Map<String, String> properties = new LinkedHashMap<>(spec.properties());
        properties.remove("spring.data.redis.url");
        properties.putAll(this.redis.clientProperties());
        return new LocalSettings.ServiceSpec(spec.name(), spec.module(), spec.port(), properties, spec.environment(),
                spec.relyingParty());
    }

    /** The Redis topology the system runs on. */
    public RedisTopology redisTopology() {
        return this.redis.topology();
    }

    /**
     * The name of the Redis data node that is master for {@code key} now (of its slot in a Cluster, of
     * the group with Sentinel).
     */
    public String redisMasterFor(String key) {
        return this.redis.masterFor(key).name;
    }

    /** Whether every Redis node runs again, each master with its replica online (always, for one server). */
    public boolean isRedisWhole() {
        return this.redis.isWhole();
    }

    /**
     * Ends the Redis node named {@code name} at once (SIGKILL), as a crash or a lost machine does; {@link #start}
     * starts it again, with its data.
     */
    public void kill(String name) {
        if (!(part(name) instanceof RedisNode node)) {
            throw new IllegalArgumentException(name + " is not a Redis node of a Cluster or Sentinel group");
        }
        try {
            node.kill();
            logger.info("Killed {}", name);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    private void launchAndAwait(List<LocalSettings.ServiceSpec> specs) {
        List<ServiceProcess> services = new ArrayList<>();
        for (LocalSettings.ServiceSpec spec : specs) {
            ServiceProcess service = new ServiceProcess(spec, this.settings);
            launch(service);
            services.add(service);
        }
        for (ServiceProcess service : services) {
            service.awaitListening(this.settings.startTimeout());
        }
    }

    /**
     * Under the lock {@link #close()} takes: a close waits for a part being launched (so it stops it too), and no
     * part is launched after a close.
     */
    private synchronized void launch(SystemPart part) {
        if (this.closed) {
            throw new IllegalStateException("QR Login is stopping; " + part.name + " not started");
        }
        this.started.add(part);
        this.byName.put(part.name, part);
        part.start();
    }

    /**
     * The names of the parts, in start order: {@code redis} (or a Cluster's {@code redis-1}…{@code redis-6}, a
     * Sentinel group's {@code redis-1}, {@code redis-2}, {@code sentinel-1}…{@code sentinel-3}), {@code kafka},
     * then each service's name.
     */
    public List<String> names() {
        return this.started.stream().map((part) -> part.name).toList();
    }

    /**
     * Stops the part named {@code name} as an orchestrator would: SIGTERM, then a kill if it has not
     * ended within 20 s. Returns once it has ended.
     */
    public void stop(String name) {
        try {
            part(name).stop();
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
        SystemPart part = part(name);
        part.start();
        if (part instanceof ServiceProcess service) {
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
        return part(name).isRunning();
    }

    /** The HTTP port of the service named {@code name}. */
    public int port(String name) {
        return service(name).spec.port();
    }

    /** The management URL ({@code /actuator/…} lives there) of the service named {@code name}. */
    public String managementUrl(String name) {
        return "http://127.0.0.1:" + this.settings.managementPort(port(name));
    }

    /** The log file of the service named {@code name}. */
    public Path log(String name) {
        return service(name).log;
    }

    /** The names of the system's services (not Redis, not Kafka, not the relying parties), in start order. */
    public List<String> serviceNames() {
        return this.settings.services().stream()
            .filter((spec) -> !spec.relyingParty())
            .map(LocalSettings.ServiceSpec::name)
            .toList();
    }

    /** The names of the gateway instances, the main one first. */
    public List<String> gatewayNames() {
        return this.settings.services().stream()
            .filter((spec) -> "notify-gateway".equals(spec.module()))
            .map(LocalSettings.ServiceSpec::name)
            .toList();
    }

    private SystemPart part(String name) {
        SystemPart part = this.byName.get(name);
        if (part == null) {
            throw new IllegalArgumentException("No part named " + name + "; there are " + names());
        }
        return part;
    }

    private ServiceProcess service(String name) {
        return (ServiceProcess) part(name);
    }

    /** Stops everything that was started, last started first. Idempotent. */
    @Override
    public synchronized void close() {
        if (this.closed) {
            return;
        }
        this.closed = true;
        List<SystemPart> reversed = new ArrayList<>(this.started);
        Collections.reverse(reversed);
        for (SystemPart part : reversed) {
            try {
                if (part.isRunning()) {
                    part.stop();
                    logger.info("Stopped {}", part.name);
                }
            }
            catch (Exception ex) {
                logger.warn("Could not stop {} cleanly: {}", part.name, ex.toString());
            }
            finally {
                part.cleanUp();
            }
        }
        if (Thread.currentThread() != this.stopOnExit) {
            try {
                Runtime.getRuntime().removeShutdownHook(this.stopOnExit);
            }
            catch (IllegalStateException ex) {
                // The JVM is ending already (another hook closed the system): the hook finds it closed.
            }
        }
    }

    private static void createDirectories(Path directory) {
        try {
            Files.createDirectories(directory);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
