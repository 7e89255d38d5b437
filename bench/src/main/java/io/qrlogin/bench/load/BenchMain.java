package io.qrlogin.bench.load;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import reactor.core.Disposable;
import reactor.core.publisher.Flux;

/**
 * {@code bench/run.sh flows|oidc|waiting|kafka-floor}: the load generator. Prints one line per second
 * while it runs and the report at the end. Never prints a verifier, token or QR id.
 */
public final class BenchMain {

    private BenchMain() {
    }

    public static void main(String[] args) throws Exception {
        BenchOptions options;
        try {
            options = BenchOptions.parse(args);
        }
        catch (IllegalArgumentException ex) {
            System.err.println(ex.getMessage());
            System.exit(2);
            return;
        }
        switch (options.mode()) {
            case "kafka-floor" -> KafkaFloor.run(options);
            case "waiting" -> waiting(options);
            default -> flows(options, null);
        }
        System.exit(0);
    }

    private static void flows(BenchOptions options, WaitingBrowsers waiting) throws InterruptedException {
        Gateway gateway = Gateway.connect(options.url(), Math.max(8, options.concurrency() * 2), options.timeout(), null);
        List<String> tokens = appTokens(gateway, options.users());
        FlowStats stats = new FlowStats();
        OidcLogin oidc = options.mode().equals("oidc") ? new OidcLogin(gateway, stats) : null;
        WholeFlows flows = new WholeFlows(gateway, tokens, stats, options.image(), options.timeout(), oidc);
        System.out.printf(Locale.ROOT, "%s: %d pairs%s against %s, warm-up %s, measured %s%n", options.mode(),
                options.concurrency(), (options.rate() > 0) ? " at " + options.rate() + " flows/s" : "", options.url(),
                options.warmup(), options.duration());
        Disposable running = flows.start(options.concurrency(), options.rate());
        tick(options.warmup(), stats, waiting, options, "warm-up");
        ProcessCpu cpu = new ProcessCpu(ProcessCpu.parse(options.processes()));
        stats.snapshot();
        cpu.begin();
        FlowStats.Snapshot measured = measure(options.duration(), stats, waiting, options);
        String cpuReport = cpu.report();
        flows.stop();
        Thread.sleep(Math.min(options.timeout().toMillis(), 2000));
        running.dispose();
        System.out.println();
        System.out.print(Report.render(String.format(Locale.ROOT, "== %s, %d pairs%s, %s ==", options.mode(),
                options.concurrency(), (options.rate() > 0) ? ", aiming at " + options.rate() + " flows/s" : "",
                Instant.now()), measured));
        System.out.print(cpuReport);
        System.out.println("load average at the end: " + loadAverage());
    }

    private static void waiting(BenchOptions options) throws Exception {
        List<Gateway> sources = new ArrayList<>();
        for (int i = 0; i < options.sourceAddresses(); i++) {
            sources.add(Gateway.connect(options.url(), 16, options.timeout(), "127.0.0." + (2 + i)));
        }
        String before = gatewayMemory(options);
        WaitingBrowsers browsers = new WaitingBrowsers(sources, options.timeout());
        System.out.printf(Locale.ROOT, "waiting: opening %d browsers over 127.0.0.2..127.0.0.%d at %d/s; gateway %s%n",
                options.browsers(), 1 + options.sourceAddresses(), options.openRate(), before);
        Disposable opened = browsers.open(options.browsers(), options.openRate());
        // A loaded system opens more slowly than asked: allow for it, but not forever.
        Instant deadline = Instant.now().plusSeconds(Math.max(600, 4L * options.browsers() / options.openRate()));
        while (browsers.waiting() < options.browsers() && Instant.now().isBefore(deadline)) {
            Thread.sleep(1000);
            System.out.printf(Locale.ROOT, "  waiting %d, gateway %s, failures %s%n", browsers.waiting(),
                    gatewayMemory(options), browsers.failures());
        }
        System.out.printf(Locale.ROOT, "holding %d waiting browsers; gateway %s, sockets %s%n", browsers.waiting(),
                gatewayMemory(options), gatewaySockets(options));
        flows(options, browsers);
        System.out.printf(Locale.ROOT, "after the flows: %d waiting browsers; gateway %s, sockets %s; failures %s%n",
                browsers.waiting(), gatewayMemory(options), gatewaySockets(options), browsers.failures());
        browsers.stop();
        opened.dispose();
    }

    private static void tick(Duration duration, FlowStats stats, WaitingBrowsers waiting, BenchOptions options,
            String phase) throws InterruptedException {
        long end = System.nanoTime() + duration.toNanos();
        while (System.nanoTime() < end) {
            Thread.sleep(Math.min(1000, Math.max(1, (end - System.nanoTime()) / 1_000_000)));
            progress(phase, stats, waiting, options);
        }
    }

    private static FlowStats.Snapshot measure(Duration duration, FlowStats stats, WaitingBrowsers waiting,
            BenchOptions options) throws InterruptedException {
        // Progress lines read a second copy: the report covers the whole measured time.
        long end = System.nanoTime() + duration.toNanos();
        while (System.nanoTime() < end) {
            Thread.sleep(Math.min(1000, Math.max(1, (end - System.nanoTime()) / 1_000_000)));
            if (waiting != null) {
                System.out.printf(Locale.ROOT, "  measuring… %d waiting browsers, gateway %s%n", waiting.waiting(),
                        gatewayMemory(options));
            }
        }
        return stats.snapshot();
    }

    private static void progress(String phase, FlowStats stats, WaitingBrowsers waiting, BenchOptions options) {
        FlowStats.Snapshot second = stats.snapshot();
        System.out.printf(Locale.ROOT, "  %s: %.0f flows/s, confirm→push p99 %.1f ms, errors %d%s%n", phase,
                second.flowsPerSecond(), second.millis(Step.CONFIRM_PUSH, 99), second.errorCount(),
                (waiting != null) ? ", waiting " + waiting.waiting() + ", gateway " + gatewayMemory(options) : "");
    }

    /** The demo issuer's app tokens for {@code count} users (demo mode only). */
    private static List<String> appTokens(Gateway gateway, int count) {
        return Flux.range(0, count)
            .flatMapSequential((i) -> gateway.post("app-token", "/api/demo/app-token",
                    "{\"username\":\"bench-" + i + "\"}", 200), 16)
            .map((body) -> Json.string(body, "accessToken"))
            .collectList()
            .block(Duration.ofSeconds(60));
    }

    /** The gateway's resident memory and threads, from /proc, when its pid was given. */
    static String gatewayMemory(BenchOptions options) {
        if (options.gatewayPid() <= 0) {
            return "(memory: pass --gateway-pid)";
        }
        try {
            long rss = 0;
            long threads = 0;
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(options.gatewayPid()), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    rss = Long.parseLong(line.replaceAll("\\D", ""));
                }
                else if (line.startsWith("Threads:")) {
                    threads = Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
            return String.format(Locale.ROOT, "RSS %.0f MiB, %d threads", rss / 1024.0, threads);
        }
        catch (IOException | RuntimeException ex) {
            return "(memory unreadable)";
        }
    }

    /** {@code qrlogin_sockets} from the gateway's Prometheus endpoint. */
    static String gatewaySockets(BenchOptions options) {
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(options.managementUrl() + "/actuator/prometheus")).build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.body().lines().filter((line) -> line.startsWith("qrlogin_sockets"))
                .map((line) -> line.substring(line.lastIndexOf(' ') + 1)).findFirst().orElse("?");
        }
        catch (IOException | RuntimeException ex) {
            return "?";
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return "?";
        }
    }

    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        }
        catch (IOException ex) {
            return "?";
        }
    }
}
