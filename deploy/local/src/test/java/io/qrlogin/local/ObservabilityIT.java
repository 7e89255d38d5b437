package io.qrlogin.local;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;

import io.qrlogin.local.LoginClient.Minted;
import io.qrlogin.local.LoginClient.Watch;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The operations contract on the running system: the login funnel moves the {@code qrlogin_*} meters of
 * each service's {@code /actuator/prometheus}, readiness is up, and a W3C trace started by the caller
 * runs through the gateway, the service, the Kafka event and the gateway's push (the trace id is in
 * each of their log lines).
 */
class ObservabilityIT {

    private static final Duration PUSH = SharedSystem.PUSH;

    private static final HttpClient HTTP = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5))
        .build();

    private static final SecureRandom RANDOM = new SecureRandom();

    private final LoginClient client = SharedSystem.client();

    @BeforeAll
    static void startTheSystem() {
        SharedSystem.get();
    }

    @Test
    void loginThenFunnelMetersMoveInEveryService() throws Exception {
        LocalSettings settings = SharedSystem.get().settings();
        int qr = settings.managementPort(settings.qrPort());
        int scan = settings.managementPort(settings.scanPort());
        int session = settings.managementPort(settings.sessionPort());
        int gateway = settings.managementPort(settings.gatewayPorts().get(0));
        double issued = meter(qr, "qrlogin_tickets_total", "event=\"issued\"", "client=\"web\"");
        double scanned = meter(scan, "qrlogin_tickets_total", "event=\"scanned\"", "client=\"web\"");
        double confirmed = meter(scan, "qrlogin_tickets_total", "event=\"confirmed\"", "client=\"web\"");
        double redeemed = meter(session, "qrlogin_tickets_total", "event=\"redeemed\"", "client=\"web\"");
        double wrongVerifier = meter(session, "qrlogin_rejections_total", "code=\"invalid_verifier\"");
        double pushed = meter(gateway, "qrlogin_pushes_total", "state=\"confirmed\"");

        Minted ticket = SharedSystem.mint();
        Watch browser = this.client.watchUntilPending(ticket, PUSH);
        String alice = this.client.appToken("alice");
        assertThat(this.client.scan(ticket.qrId(), alice).status()).isEqualTo(200);
        assertThat(this.client.confirm(ticket.qrId(), alice).status()).isEqualTo(200);
        browser.awaitState("CONFIRMED", PUSH);
        assertThat(this.client.redeem(ticket.qrId(), LoginClient.verifier()).status()).isEqualTo(401);
        assertThat(this.client.redeem(ticket.qrId(), ticket.verifier()).status()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(meter(qr, "qrlogin_tickets_total", "event=\"issued\"", "client=\"web\"")).isGreaterThan(issued);
            assertThat(meter(scan, "qrlogin_tickets_total", "event=\"scanned\"", "client=\"web\"")).isGreaterThan(scanned);
            assertThat(meter(scan, "qrlogin_tickets_total", "event=\"confirmed\"", "client=\"web\"")).isGreaterThan(confirmed);
            assertThat(meter(session, "qrlogin_tickets_total", "event=\"redeemed\"", "client=\"web\"")).isGreaterThan(redeemed);
            assertThat(meter(session, "qrlogin_rejections_total", "code=\"invalid_verifier\"")).isGreaterThan(wrongVerifier);
            assertThat(meter(gateway, "qrlogin_pushes_total", "state=\"confirmed\"")).isGreaterThan(pushed);
        });
        String gatewayMetrics = scrape(gateway);
        assertThat(gatewayMetrics).contains("qrlogin_push_latency_seconds_bucket{").contains("qrlogin_sockets");
        assertThat(gatewayMetrics).doesNotContain(ticket.qrId());
        assertThat(scrape(scan)).doesNotContain(ticket.qrId()).doesNotContain("alice");
    }

    @Test
    void readinessOfEveryServiceIsUpWithRedisAndKafka() throws Exception {
        LocalSettings settings = SharedSystem.get().settings();
        for (int port : List.of(settings.qrPort(), settings.scanPort(), settings.sessionPort(),
                settings.gatewayPorts().get(0))) {
            HttpResponse<String> readiness = HTTP.send(HttpRequest
                .newBuilder(URI.create("http://127.0.0.1:" + settings.managementPort(port) + "/actuator/health/readiness"))
                .timeout(Duration.ofSeconds(10))
                .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(readiness.statusCode()).as("readiness of the service on %d", port).isEqualTo(200);
            assertThat(readiness.body()).contains("\"UP\"");
        }
    }

    @Test
    void traceFromTheBrowserRunsThroughGatewayServiceKafkaAndPush() throws Exception {
        String mintTrace = traceId();
        Minted ticket = this.client.withHeader("traceparent", traceparent(mintTrace, true)).mint();
        assertThat(ticket.response().status()).isEqualTo(201);
        Watch browser = this.client.watchUntilPending(ticket, PUSH);
        String alice = this.client.appToken("alice");
        assertThat(this.client.scan(ticket.qrId(), alice).status()).isEqualTo(200);

        // The phone app's confirm starts a trace of its own, one its caller did not sample (as most are, at
        // the default sampling): its id still runs through the logs, and the push it causes belongs to it.
        String confirmTrace = traceId();
        LoginClient phoneApp = this.client.fromOrigin(null).withHeader("traceparent", traceparent(confirmTrace, false));
        assertThat(phoneApp.confirm(ticket.qrId(), alice).status()).isEqualTo(200);
        browser.awaitState("CONFIRMED", PUSH);
        String redeemTrace = traceId();
        assertThat(this.client.withHeader("traceparent", traceparent(redeemTrace, false))
            .redeem(ticket.qrId(), ticket.verifier()).status()).isEqualTo(200);
        // A refusal is logged in the trace of the call refused.
        String refusedTrace = traceId();
        assertThat(phoneApp.withHeader("traceparent", traceparent(refusedTrace, false))
            .scan(SharedSystem.mint().qrId(), "not-a-token").status()).isEqualTo(401);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(linesWith("notify-gateway", mintTrace)).as("the mint at the edge and its event's fan-out")
                .anyMatch((line) -> line.contains("Routing POST"))
                .anyMatch((line) -> line.contains("Fanning out PENDING"));
            assertThat(linesWith("qr-service", mintTrace)).as("the mint in qr-service")
                .anyMatch((line) -> line.contains("Issued ticket"));
            assertThat(linesWith("scan-service", confirmTrace)).as("the confirm in scan-service")
                .anyMatch((line) -> line.contains("confirm") || line.contains("Confirm"));
            assertThat(linesWith("notify-gateway", confirmTrace)).as("the confirm at the edge, its event and push")
                .anyMatch((line) -> line.contains("Routing POST"))
                .anyMatch((line) -> line.contains("Fanning out CONFIRMED"))
                .anyMatch((line) -> line.contains("Pushed CONFIRMED"));
            assertThat(linesWith("session-service", redeemTrace)).as("the redeem in session-service")
                .anyMatch((line) -> line.contains("redeem of ticket"));
            assertThat(linesWith("scan-service", refusedTrace)).as("the refused token in scan-service")
                .anyMatch((line) -> line.contains("rejected"));
        });
        for (String service : List.of("notify-gateway", "qr-service", "scan-service", "session-service")) {
            assertThat(Files.readString(log(service))).as("no whole ticket id in the log of %s", service)
                .doesNotContain(ticket.qrId())
                .doesNotContain(ticket.verifier());
        }
    }

    private static List<String> linesWith(String service, String traceId) throws IOException {
        return Files.readAllLines(log(service)).stream().filter((line) -> line.contains(traceId)).toList();
    }

    private static Path log(String service) {
        return SharedSystem.get().settings().logDirectory().resolve(service + ".log");
    }

    private static String traceId() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    private static String traceparent(String traceId, boolean sampled) {
        byte[] parent = new byte[8];
        RANDOM.nextBytes(parent);
        return "00-" + traceId + "-" + HexFormat.of().formatHex(parent) + (sampled ? "-01" : "-00");
    }

    private static String scrape(int managementPort) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest
            .newBuilder(URI.create("http://127.0.0.1:" + managementPort + "/actuator/prometheus"))
            .timeout(Duration.ofSeconds(10))
            .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    /** The sum of the samples of {@code name} whose labels include every one of {@code labels} (0 if none yet). */
    private static double meter(int managementPort, String name, String... labels) throws Exception {
        double sum = 0;
        for (String line : scrape(managementPort).split("\n")) {
            if (!line.startsWith(name + "{") || !List.of(labels).stream().allMatch(line::contains)) {
                continue;
            }
            sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
        }
        return sum;
    }
}
