package io.qrlogin.local;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

import io.qrlogin.local.LoginClient.Minted;
import io.qrlogin.local.LoginClient.Watch;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * No secret leaves its place: runs logins (and failed attempts) through the whole system with every
 * service logging at debug level, in one sampled trace, then searches everything the system wrote —
 * each service's log, every event record (value and headers), every service's metrics and every span
 * exported — for the secrets it used: the verifiers, the challenge, the whole QR id, the app token and
 * the session token.
 */
class SecretsDoNotLeakIT {

    private static final HttpClient HTTP = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5))
        .build();

    private final LoginClient client = SharedSystem.client();

    @Test
    void flowsThenNoSecretInLogsEventsOrMetrics() throws Exception {
        LocalSystem system = SharedSystem.get();
        // Every call in one sampled trace, so each service records (and exports) its spans.
        String traceId = HexFormat.of().formatHex(randomBytes(16));
        LoginClient traced = this.client.withHeader("traceparent",
                "00-" + traceId + "-" + HexFormat.of().formatHex(randomBytes(8)) + "-01");
        try (KafkaConsumer<String, String> events = eventsFromNow(system, LocalSystem.EVENTS_TOPIC);
                KafkaConsumer<String, String> sessionEvents = eventsFromNow(system, LocalSystem.SESSIONS_TOPIC)) {
            Minted ticket = SharedSystem.mint();
            Watch browser = traced.watchUntilPending(ticket, SharedSystem.PUSH);
            String appToken = traced.appToken("leaky-" + ticket.qrId().substring(0, 4));
            traced.scan(ticket.qrId(), appToken);
            String wrongVerifier = LoginClient.verifier();
            traced.redeem(ticket.qrId(), wrongVerifier);
            traced.confirm(ticket.qrId(), appToken);
            browser.awaitState("CONFIRMED", SharedSystem.PUSH);
            Map<String, Object> redeemed = traced.redeem(ticket.qrId(), ticket.verifier()).body();
            String sessionToken = (String) redeemed.get("accessToken");
            String sessionId = (String) redeemed.get("sessionId");
            assertThat(sessionToken).isNotNull();
            traced.get("/api/session/me", sessionToken);
            traced.post("/api/session/logout", sessionToken, null);
            traced.get("/api/session/me", sessionToken);
            traced.confirm(ticket.qrId(), sessionToken);

            List<String> secrets = List.of(ticket.verifier(), LoginClient.challenge(ticket.verifier()), wrongVerifier,
                    ticket.qrId(), appToken, sessionToken, signature(appToken), signature(sessionToken));

            List<ConsumerRecord<String, String>> records = awaitEvents(events, hash(ticket.qrId()), 4);
            assertThat(records).extracting(ConsumerRecord::value).allSatisfy((value) -> assertThat(value)
                .doesNotContain(secrets));
            // The session's start and its end by the logout, on the sessions topic, keyed by a hash of its id.
            List<ConsumerRecord<String, String>> sessionRecords = awaitEvents(sessionEvents, hash(sessionId), 2);
            assertThat(sessionRecords).extracting(ConsumerRecord::topic).containsOnly(LocalSystem.SESSIONS_TOPIC);
            assertThat(sessionRecords).extracting(ConsumerRecord::value).allSatisfy((value) -> assertThat(value)
                .doesNotContain(secrets));
            for (ConsumerRecord<String, String> record : sessionRecords) {
                for (Header header : record.headers()) {
                    assertThat(new String(header.value(), StandardCharsets.UTF_8)).doesNotContain(secrets);
                }
            }
            for (ConsumerRecord<String, String> record : records) {
                assertThat(record.key()).isEqualTo(hash(ticket.qrId()));
                for (Header header : record.headers()) {
                    assertThat(new String(header.value(), StandardCharsets.UTF_8)).doesNotContain(secrets);
                }
            }

            LocalSettings settings = system.settings();
            List<Integer> services = new ArrayList<>(settings.gatewayPorts());
            services.addAll(List.of(settings.qrPort(), settings.scanPort(), settings.sessionPort()));
            for (int port : services) {
                String metrics = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                        + settings.managementPort(port) + "/actuator/prometheus")).build(),
                        HttpResponse.BodyHandlers.ofString()).body();
                assertThat(metrics).contains("qrlogin_").doesNotContain(secrets);
            }

            SpanCollector spans = SharedSystem.spans();
            await().atMost(Duration.ofSeconds(30)).until(() -> spans.received(traceId));
            for (String secret : secrets) {
                assertThat(spans.anyHolds(secret)).as("a span holds a secret").isFalse();
            }

            // Log lines reach the files a moment after the calls.
            await().pollDelay(Duration.ofSeconds(1)).until(() -> true);
            List<Path> logs = logFiles(settings.logDirectory());
            assertThat(logs).isNotEmpty();
            for (Path log : logs) {
                String text = Files.readString(log, StandardCharsets.UTF_8);
                for (String secret : secrets) {
                    assertThat(text.contains(secret)).as("%s holds a secret", log.getFileName()).isFalse();
                }
            }
        }
    }

    /** The events keyed by {@code key}, once there are at least {@code count}. */
    private static List<ConsumerRecord<String, String>> awaitEvents(KafkaConsumer<String, String> consumer, String key,
            int count) {
        List<ConsumerRecord<String, String>> seen = new ArrayList<>();
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                if (key.equals(record.key())) {
                    seen.add(record);
                }
            }
            return seen.size() >= count;
        });
        return seen;
    }

    private static KafkaConsumer<String, String> eventsFromNow(LocalSystem system, String topic) {
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + system.settings().kafkaPort(),
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false));
        List<TopicPartition> partitions = new ArrayList<>();
        for (int partition = 0; partition < LocalSystem.PARTITIONS; partition++) {
            partitions.add(new TopicPartition(topic, partition));
        }
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
        return consumer;
    }

    private static List<Path> logFiles(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter((file) -> file.getFileName().toString().endsWith(".log")).toList();
        }
    }

    private static byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        ThreadLocalRandom.current().nextBytes(bytes);
        return bytes;
    }

    /** A JWT's signature alone is as good as the token for nobody, but it identifies the token: never logged. */
    private static String signature(String jwt) {
        return jwt.substring(jwt.lastIndexOf('.') + 1);
    }

    /** How events name a ticket: the first 128 bits of SHA-256 of its id, base64url. */
    static String hash(String qrId) throws Exception {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(qrId.getBytes(StandardCharsets.US_ASCII));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, 16));
    }
}
