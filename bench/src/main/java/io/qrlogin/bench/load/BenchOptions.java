package io.qrlogin.bench.load;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What to run, from the command line: {@code MODE [--name value]…}.
 *
 * @param mode {@code flows}, {@code oidc} (whole OpenID Connect logins: authorization code with PKCE through the
 * provider's QR login page), {@code waiting} (waiting browsers held while flows run) or {@code kafka-floor}
 * @param url the gateway
 * @param concurrency browser + phone pairs running flows at once
 * @param rate whole flows per second to aim at (0: as fast as the pairs go)
 * @param duration how long flows are measured
 * @param warmup how long flows run before measuring
 * @param browsers waiting browsers to hold ({@code waiting} mode)
 * @param sourceAddresses loopback source addresses the waiting browsers spread over (127.0.0.2 and up)
 * @param openRate waiting browsers opened per second
 * @param users distinct app users that scan
 * @param image the QR image format the browsers ask for
 * @param timeout how long one step may take before it counts as an error
 * @param managementUrl the gateway's management port, for its socket count ({@code waiting} mode)
 * @param gatewayPid the gateway's process id, for its resident memory (0: not watched)
 * @param kafka the Kafka bootstrap servers ({@code kafka-floor} mode)
 * @param messages records to time ({@code kafka-floor} mode)
 * @param lingerMs the producer's {@code linger.ms} ({@code kafka-floor} mode)
 * @param processes {@code name=pid,…} of the system's processes, whose CPU time is reported
 */
public record BenchOptions(String mode, URI url, int concurrency, double rate, Duration duration, Duration warmup,
        int browsers, int sourceAddresses, int openRate, int users, String image, Duration timeout, URI managementUrl,
        long gatewayPid, String kafka, int messages, int lingerMs, String processes) {

    static final String USAGE = """
            usage: bench/run.sh flows|oidc|waiting|kafka-floor [options]
              --url http://localhost:8080   the gateway
              --concurrency 64              browser + phone pairs running whole flows at once
                                            (oidc: each flow is an authorization-code login of the
                                            client cli through the provider's QR login page)
              --rate 0                      flows/s to aim at (0: closed loop, as fast as the pairs go)
              --duration 60s                measured time        --warmup 15s   unmeasured time first
              --browsers 15000              waiting browsers to hold (waiting mode)
              --source-addresses 30         spread waiting browsers over 127.0.0.2..
              --open-rate 1000              waiting browsers opened per second
              --users 200                   distinct app users
              --image png|svg               QR image format (png)
              --timeout 15s                 per step (longer than the gateway's 10 s response timeout,
                                            so a service that does not answer shows as the gateway's 503)
              --management-url http://localhost:9080   --gateway-pid PID   (waiting mode: sockets, memory)
              --kafka 127.0.0.1:9092  --messages 20000  --linger-ms 0   (kafka-floor mode)
              --processes gateway=PID,…     CPU time per process over the measured window (run.sh fills it in)
            """;

    public static BenchOptions parse(String... args) {
        if (args.length == 0 || args[0].startsWith("-")) {
            throw new IllegalArgumentException(USAGE);
        }
        String mode = args[0];
        if (!mode.equals("flows") && !mode.equals("oidc") && !mode.equals("waiting") && !mode.equals("kafka-floor")) {
            throw new IllegalArgumentException("Unknown mode " + mode + "\n" + USAGE);
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 1; i < args.length; i++) {
            String name = args[i];
            if (!name.startsWith("--")) {
                throw new IllegalArgumentException("Expected an option, got " + name + "\n" + USAGE);
            }
            String value;
            int equals = name.indexOf('=');
            if (equals > 0) {
                value = name.substring(equals + 1);
                name = name.substring(0, equals);
            }
            else if (i + 1 < args.length) {
                value = args[++i];
            }
            else {
                throw new IllegalArgumentException("No value for " + name);
            }
            values.put(name.substring(2), value);
        }
        BenchOptions options = new BenchOptions(mode, URI.create(take(values, "url", "http://localhost:8080")),
                Integer.parseInt(take(values, "concurrency", "64")), Double.parseDouble(take(values, "rate", "0")),
                Durations.parse(take(values, "duration", "60s")), Durations.parse(take(values, "warmup", "15s")),
                Integer.parseInt(take(values, "browsers", "15000")), Integer.parseInt(take(values, "source-addresses", "30")),
                Integer.parseInt(take(values, "open-rate", "1000")), Integer.parseInt(take(values, "users", "200")),
                take(values, "image", "png"), Durations.parse(take(values, "timeout", "15s")),
                URI.create(take(values, "management-url", "http://localhost:9080")),
                Long.parseLong(take(values, "gateway-pid", "0")), take(values, "kafka", "127.0.0.1:9092"),
                Integer.parseInt(take(values, "messages", "20000")), Integer.parseInt(take(values, "linger-ms", "0")),
                take(values, "processes", ""));
        if (!values.isEmpty()) {
            throw new IllegalArgumentException("Unknown options " + values.keySet() + "\n" + USAGE);
        }
        if (options.concurrency < 1 || options.sourceAddresses < 1 || options.sourceAddresses > 250
                || options.users < 1 || options.openRate < 1) {
            throw new IllegalArgumentException("concurrency, users, open-rate ≥ 1; source-addresses 1..250");
        }
        if (!options.image.equals("png") && !options.image.equals("svg")) {
            throw new IllegalArgumentException("--image png or svg");
        }
        return options;
    }

    private static String take(Map<String, String> values, String name, String fallback) {
        String value = values.remove(name);
        return (value != null) ? value : fallback;
    }
}
