package io.qrlogin.local;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import static org.awaitility.Awaitility.await;

/**
 * A real Keycloak: the server distribution from Maven Central ({@code org.keycloak:keycloak-quarkus-dist},
 * unpacked by the build) run as {@code bin/kc.sh start-dev} on a JDK 21 or later, with an in-memory
 * database, so every start is a fresh server. Talks to it over its admin REST API as the bootstrap admin.
 */
final class KeycloakServer implements AutoCloseable {

    /** The oldest Java Keycloak 26 runs on. */
    static final int MINIMUM_JAVA = 21;

    /** A JDK for Keycloak, when the one running the tests is older. */
    static final String JAVA_HOME_VARIABLE = "QRLOGIN_KEYCLOAK_JAVA_HOME";

    /**
     * How long Keycloak may take to become ready. Its first start from a fresh unpack re-augments the
     * distribution (a Quarkus build) and took minutes on a loaded 2-core machine.
     */
    private static final Duration START = Duration.ofMinutes(8);

    /** How long one REST call may take: creating a realm writes hundreds of rows, slowly on a loaded machine. */
    private static final Duration CALL = Duration.ofMinutes(3);

    private static final Logger logger = LoggerFactory.getLogger(KeycloakServer.class);

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final String ADMIN = "admin";

    private final Process process;

    private final int port;

    private final int managementPort;

    private final String adminPassword;

    private final Path log;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private KeycloakServer(Process process, int port, int managementPort, String adminPassword, Path log) {
        this.process = process;
        this.port = port;
        this.managementPort = managementPort;
        this.adminPassword = adminPassword;
        this.log = log;
    }

    /**
     * A JDK that can run Keycloak: the one {@value #JAVA_HOME_VARIABLE} names, else the one running this
     * JVM, else the newest under {@code /usr/lib/jvm}; none if none of them is {@value #MINIMUM_JAVA} or later.
     */
    static Optional<Path> javaHome() {
        String configured = System.getenv(JAVA_HOME_VARIABLE);
        if (configured != null && !configured.isBlank()) {
            Path home = Path.of(configured);
            return (featureVersion(home) >= MINIMUM_JAVA) ? Optional.of(home) : Optional.empty();
        }
        if (Runtime.version().feature() >= MINIMUM_JAVA) {
            return Optional.of(Path.of(System.getProperty("java.home")));
        }
        Path installed = Path.of("/usr/lib/jvm");
        if (!Files.isDirectory(installed)) {
            return Optional.empty();
        }
        try (Stream<Path> homes = Files.list(installed)) {
            return homes.filter((home) -> featureVersion(home) >= MINIMUM_JAVA)
                .max(Comparator.comparingInt(KeycloakServer::featureVersion));
        }
        catch (IOException ex) {
            return Optional.empty();
        }
    }

    /** Why {@link #javaHome()} found none, and what to do about it. */
    static String noJavaHome() {
        String configured = System.getenv(JAVA_HOME_VARIABLE);
        if (configured != null && !configured.isBlank()) {
            return "Keycloak needs a JDK " + MINIMUM_JAVA + " or later, and " + JAVA_HOME_VARIABLE + " names " + configured
                    + ", which is not one: point it at one to run the Keycloak brokering test";
        }
        return "Keycloak needs a JDK " + MINIMUM_JAVA + " or later, and none was found (this JVM is "
                + Runtime.version().feature() + ", none under /usr/lib/jvm): install one (e.g. Temurin 21 or 25) or set "
                + JAVA_HOME_VARIABLE + " to its home to run the Keycloak brokering test";
    }

    /** The Java feature version of the JDK at {@code home} (from its {@code release} file), or 0. */
    private static int featureVersion(Path home) {
        if (!Files.isExecutable(home.resolve("bin/java"))) {
            return 0;
        }
        try (Stream<String> lines = Files.lines(home.resolve("release"))) {
            return lines.filter((line) -> line.startsWith("JAVA_VERSION="))
                .map((line) -> line.substring("JAVA_VERSION=".length()).replace("\"", ""))
                .map((version) -> version.split("[.+-]")[0])
                .filter((feature) -> feature.matches("[0-9]+"))
                .mapToInt(Integer::parseInt)
                .findFirst()
                .orElse(0);
        }
        catch (IOException | RuntimeException ex) {
            return 0;
        }
    }

    /**
     * Starts Keycloak from the distribution at {@code distribution} on {@code javaHome}, its HTTP port
     * {@code port}, and returns once it reports itself ready. Its output goes to {@code keycloak.log} in
     * {@code logDirectory}.
     */
    static KeycloakServer start(Path distribution, Path javaHome, int port, Path logDirectory) throws IOException {
        int managementPort;
        do {
            managementPort = LocalSystem.freePort();
        }
        while (managementPort == port);
        Files.createDirectories(logDirectory);
        Path log = logDirectory.resolve("keycloak.log");
        String adminPassword = LoginClient.verifier();
        // Run through bash: a zip keeps no execute bits the unpacking can be sure to restore.
        ProcessBuilder builder = new ProcessBuilder("bash", distribution.resolve("bin/kc.sh").toString(), "start-dev",
                "--http-port=" + port, "--http-management-port=" + managementPort, "--health-enabled=true",
                // Nothing on disk: every start is a fresh server, and no file outlives the test.
                "--db=dev-mem")
            .directory(distribution.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
        Map<String, String> environment = builder.environment();
        environment.put("JAVA_HOME", javaHome.toString());
        environment.put("KC_BOOTSTRAP_ADMIN_USERNAME", ADMIN);
        // In the environment, not on the command line, where every user of the machine could read it.
        environment.put("KC_BOOTSTRAP_ADMIN_PASSWORD", adminPassword);
        // Quicker to start on a small machine; the test does not run long enough to profit from C2.
        environment.put("JAVA_OPTS_APPEND", "-XX:TieredStopAtLevel=1");
        long started = System.nanoTime();
        Process process = Processes.start(builder);
        KeycloakServer server = new KeycloakServer(process, port, managementPort, adminPassword, log);
        logger.info("Keycloak starting (pid {}) on port {} with the JDK at {}; its log: {}", process.pid(), port,
                javaHome, log);
        try {
            await().atMost(START).pollInterval(Duration.ofMillis(500)).until(server::isReady);
        }
        catch (RuntimeException | Error ex) {
            server.close();
            throw ex;
        }
        // CPU time besides wall time: the wall time says more about the machine's other work than about Keycloak.
        logger.info("Keycloak ready in {} s, having used {} s of CPU time",
                Duration.ofNanos(System.nanoTime() - started).toSeconds(), server.cpuTime().toSeconds());
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "stop-keycloak"));
        return server;
    }

    /**
     * The CPU time Keycloak's processes have used so far: kc.sh runs the JVM as its child, a first start runs
     * one JVM that re-augments the distribution and then execs the server's. Linux's {@code /proc} counts
     * the ended children too; elsewhere only the running processes count.
     */
    private Duration cpuTime() {
        Duration running = this.process.descendants()
            .map((handle) -> handle.info().totalCpuDuration().orElse(Duration.ZERO))
            .reduce(Duration.ZERO, Duration::plus);
        try {
            // Read as lines: /proc files report a size of 0. After the command's ")": state, then utime is the 12th.
            String stat = Files.readAllLines(Path.of("/proc", Long.toString(this.process.pid()), "stat")).get(0);
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = 0;
            for (int field = 11; field <= 14; field++) {
                ticks += Long.parseLong(fields[field]);
            }
            // utime, stime, and those of waited-for children (cutime, cstime), in USER_HZ ticks (100 on Linux).
            return running.plusMillis(ticks * 10);
        }
        catch (IOException | RuntimeException ex) {
            return running.plus(this.process.info().totalCpuDuration().orElse(Duration.ZERO));
        }
    }

    /** Whether Keycloak reports itself ready; fails at once if it has ended. */
    private boolean isReady() {
        if (!this.process.isAlive()) {
            throw new IllegalStateException("Keycloak ended with exit code " + this.process.exitValue() + "; see "
                    + this.log);
        }
        try {
            HttpResponse<Void> response = this.http.send(HttpRequest.newBuilder(
                    URI.create("http://localhost:" + this.managementPort + "/health/ready"))
                .timeout(Duration.ofSeconds(5))
                .GET()
                .build(), HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        }
        catch (IOException ex) {
            return false;
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", ex);
        }
    }

    /** Keycloak's URL, by the host name browsers use for it too (Keycloak names itself after the request). */
    String url() {
        return "http://localhost:" + this.port;
    }

    /** A realm's URL, its tokens' issuer. */
    String realmUrl(String realm) {
        return url() + "/realms/" + realm;
    }

    /** An admin REST call as the bootstrap admin; {@code body} is sent as JSON unless {@code null}. */
    Answer admin(String method, String path, Object body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url() + "/admin/realms" + path))
            .timeout(CALL)
            .header("Authorization", "Bearer " + adminToken())
            .header("Accept", "application/json");
        if (body != null) {
            request.header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        }
        else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return send(request);
    }

    /** POSTs {@code form} to {@code path} below Keycloak's URL, form-encoded, as an OAuth client does. */
    Answer postForm(String path, Map<String, String> form) throws IOException, InterruptedException {
        String encoded = form.entrySet()
            .stream()
            .map((entry) -> URLEncoder.encode(entry.getKey(), StandardCharsets.UTF_8) + "="
                    + URLEncoder.encode(entry.getValue(), StandardCharsets.UTF_8))
            .collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(URI.create(url() + path))
            .timeout(CALL)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .header("Accept", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(encoded)));
    }

    /** A fresh admin access token (they live a minute): the password grant of the master realm's admin-cli. */
    private String adminToken() throws IOException, InterruptedException {
        Answer token = postForm("/realms/master/protocol/openid-connect/token", Map.of("client_id", "admin-cli",
                "grant_type", "password", "username", ADMIN, "password", this.adminPassword));
        if (token.status() != 200) {
            throw new IllegalStateException("No admin token from Keycloak: " + token.status() + " " + token.body());
        }
        return (String) token.json().get("access_token");
    }

    private Answer send(HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpResponse<String> response = this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), response.body());
    }

    /**
     * Stops Keycloak by its process id: SIGTERM (which {@code kc.sh} passes on to its JVM), then a kill if
     * it has not ended in time.
     */
    @Override
    public void close() {
        try {
            List<ProcessHandle> children = this.process.descendants().toList();
            Processes.terminate("keycloak", this.process);
            for (ProcessHandle child : children) {
                child.destroyForcibly();
            }
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            this.process.destroyForcibly();
        }
    }

    /**
     * An answer from Keycloak.
     *
     * @param status its HTTP status
     * @param body its body as text
     */
    record Answer(int status, String body) {

        /** The body as a JSON object. */
        Map<String, Object> json() {
            return JSON.readValue(Objects.requireNonNullElse(this.body, "{}"), Map.class);
        }

        /** The body as a JSON array of objects. */
        List<Map<String, Object>> jsonList() {
            return JSON.readValue(this.body, List.class);
        }

        /** The body as a JSON object with string values (an identity provider's configuration). */
        Map<String, String> stringMap() {
            return JSON.readValue(this.body, Map.class);
        }
    }
}
