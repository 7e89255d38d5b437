package io.qrlogin.local;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code deploy/local/run.sh}: starts the whole system on the documented ports, prints the URLs,
 * follows every log on the terminal, and on Ctrl-C or SIGTERM stops everything in order.
 *
 * Environment: {@code QRLOGIN_LOCAL_GATEWAYS=2} starts a second gateway on 8090;
 * {@code QRLOGIN_LOCAL_REDIS=cluster} runs Redis as a Cluster (three masters, three replicas) and
 * {@code =sentinel} as a master, a replica and three sentinels ({@link RedisTopology});
 * {@code QRLOGIN_LOCAL_JAVA_OPTS} adds JVM options for the services; {@code QRLOGIN_LOCAL_AOT} chooses whether
 * they use or train an AOT cache ({@link AotCache}); every other variable (e.g.
 * {@code QRLOGIN_TICKET_PENDING=60s}) reaches the services unchanged.
 */
public final class LocalMain {

    private LocalMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        Path root = Path.of(System.getProperty("qrlogin.root", ".")).toAbsolutePath().normalize();
        int gateways = Integer.parseInt(System.getenv().getOrDefault("QRLOGIN_LOCAL_GATEWAYS", "1").trim());
        String javaOptions = System.getenv().getOrDefault("QRLOGIN_LOCAL_JAVA_OPTS", "").trim();
        LocalSettings settings = LocalSettings.defaults(root, gateways)
            .withJvmOptions(javaOptions.isEmpty() ? List.of() : Arrays.asList(javaOptions.split("\\s+")));

        RedisTopology redis = RedisTopology.fromEnvironment();
        // Stops everything itself when this JVM ends (Ctrl-C, SIGTERM), even while it is still starting.
        LocalSystem.start(settings, redis);

        String url = settings.publicUrl();
        System.out.println();
        System.out.println("QR Login is running.");
        System.out.println("  Login page (browser):      " + url + "/");
        System.out.println("  Phone app simulator:       " + url + "/app");
        System.out.println("  Public API and WebSocket:  " + url + "/api/…, " + url.replace("http", "ws") + "/ws/qr");
        System.out.println("  OpenID Provider (issuer):  " + url + "  (" + url + "/.well-known/openid-configuration)");
        System.out.println("  Demo app (OIDC client):    " + settings.demoRpUrl() + "/");
        if (gateways > 1) {
            System.out.println("  Second gateway:            http://localhost:" + settings.gatewayPorts().get(1) + "/");
        }
        System.out.println("  Redis:                     " + redis.name().toLowerCase(Locale.ROOT)
                + " (" + RedisTopology.VARIABLE + ")");
        System.out.println("  Logs:                      " + settings.logDirectory());
        System.out.println("Press Ctrl-C to stop.\n");
        follow(settings.logDirectory());
    }

    /** Prints every new line of every log, prefixed with its process, until the JVM ends. */
    private static void follow(Path directory) throws InterruptedException {
        Map<Path, Long> offsets = new HashMap<>();
        while (true) {
            try (var logs = Files.list(directory)) {
                for (Path log : logs.filter((file) -> file.toString().endsWith(".log")).sorted().toList()) {
                    offsets.put(log, print(log, offsets.getOrDefault(log, Files.size(log))));
                }
            }
            catch (IOException ex) {
                // A log that rotates or vanishes is picked up again on the next round.
            }
            Thread.sleep(250);
        }
    }

    private static long print(Path log, long offset) throws IOException {
        try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
            long length = file.length();
            if (length <= offset) {
                return Math.min(offset, length);
            }
            byte[] bytes = new byte[(int) Math.min(length - offset, 1 << 20)];
            file.seek(offset);
            file.readFully(bytes);
            String text = new String(bytes, StandardCharsets.UTF_8);
            int end = text.lastIndexOf('\n');
            if (end < 0) {
                return offset;
            }
            String name = log.getFileName().toString().replace(".log", "");
            for (String line : text.substring(0, end).split("\n")) {
                System.out.println(String.format("%-16s| %s", name, line));
            }
            return offset + text.substring(0, end + 1).getBytes(StandardCharsets.UTF_8).length;
        }
    }
}
