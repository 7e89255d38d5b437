package io.qrlogin.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static io.qrlogin.local.LocalSystem.EVENTS_TOPIC;
import static io.qrlogin.local.LocalSystem.SESSIONS_TOPIC;
import static io.qrlogin.local.LocalSystem.PARTITIONS;

/**
 * A real Kafka broker in KRaft mode (combined broker and controller) from Kafka's own jars, as a
 * child process on fixed ports, with the events topic created. Its data survives a restart.
 */
final class KafkaBroker extends ChildProcess {

    private static final Logger logger = LoggerFactory.getLogger(KafkaBroker.class);

    private final LocalSettings settings;

    private final Path data;

    private final Path config;

    /** Writes the broker's configuration and formats its storage; {@link #start} runs it. */
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
            Process formatting = Processes.start(new ProcessBuilder(format).redirectErrorStream(true)
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
        List<String> server = new ArrayList<>(Processes.ownSession());
        server.addAll(kafkaJvm("kafka.Kafka"));
        server.add(this.config.toString());
        // Appended to the formatting tool's output.
        return Processes.start(new ProcessBuilder(server).redirectErrorStream(true)
            .redirectOutput(Processes.logTo(log(), true)));
    }

    @Override
    void start() {
        super.start();
        int port = this.settings.kafkaPort();
        Ports.awaitOpen(this.name, port, Duration.ofSeconds(60));
        try {
            createTopic("127.0.0.1:" + port);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
        logger.info("Kafka (KRaft) on 127.0.0.1:{}, topics {} and {} with {} partitions", port, EVENTS_TOPIC,
                SESSIONS_TOPIC, PARTITIONS);
    }

    @Override
    void stop() throws InterruptedException {
        super.stop();
        Ports.awaitClosed(this.name, this.settings.kafkaPort(), Duration.ofSeconds(10));
    }

    @Override
    void cleanUp() {
        Processes.deleteRecursively(this.data);
    }

    /** A JVM running {@code mainClass} from Kafka's jars, which are on this launcher's class path. */
    private static List<String> kafkaJvm(String mainClass) {
        List<String> command = new ArrayList<>();
        command.add(Processes.java());
        command.addAll(List.of("-Xms128m", "-Xmx512m", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                mainClass));
        return command;
    }

    private static void createTopic(String bootstrap) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(60);
        while (true) {
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
                for (String topic : List.of(EVENTS_TOPIC, SESSIONS_TOPIC)) {
                    try {
                        admin.createTopics(List.of(new NewTopic(topic, PARTITIONS, (short) 1))).all()
                            .get(30, TimeUnit.SECONDS);
                    }
                    catch (ExecutionException ex) {
                        if (!(ex.getCause() instanceof TopicExistsException)) {
                            throw ex;
                        }
                    }
                }
                return;
            }
            catch (ExecutionException ex) {
                if (ex.getCause() instanceof TopicExistsException) {
                    return;
                }
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("Could not create the topics " + EVENTS_TOPIC + " and "
                            + SESSIONS_TOPIC, ex);
                }
            }
            catch (TimeoutException ex) {
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("Kafka did not answer", ex);
                }
            }
            Processes.pause(500);
        }
    }
}
