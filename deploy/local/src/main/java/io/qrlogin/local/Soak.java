package io.qrlogin.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.qrlogin.local.LoginClient.Minted;
import io.qrlogin.local.LoginClient.Response;
import io.qrlogin.local.LoginClient.Watch;

import static io.qrlogin.local.Processes.pause;

/**
 * {@code deploy/local/soak.sh}: the whole system (two gateways) on free ports, driven by simulated
 * browsers and phones for a while — logins (confirm, then redeem), cancels and expiries, mixed —
 * while Redis, Kafka and every service are restarted once each, one after the other. Clients behave
 * like the widget and the app: a browser whose socket goes away resubscribes (on the other gateway
 * first) with backoff and jitter; a call answered 502/503/504 or refused is retried.
 *
 * <p>It counts every flow by outcome and, above all, <em>lost confirms</em>: a confirm the app was told
 * succeeded (200) whose browser did not learn it within the confirmed ticket's lifetime (30 s). Prints
 * the counts, writes them to {@code deploy/local/target/soak-result.txt}, and exits with 1 if any
 * confirm was lost or any flow ended in a way the contract does not allow.
 *
 * <p>Environment: {@code QRLOGIN_SOAK_MINUTES} (default 10), {@code QRLOGIN_SOAK_BROWSERS} concurrent
 * flows (default 6).
 */
public final class Soak {

    /** Short, so expiry flows end quickly; long enough for a login across a restart. */
    static final Duration PENDING = Duration.ofSeconds(45);

    /** How long a browser may usefully learn of a confirm: the confirmed ticket's lifetime. */
    static final Duration CONFIRMED = Duration.ofSeconds(30);

    /** How long a client keeps retrying one call through restarts before it calls it failed. */
    static final Duration RETRY_FOR = Duration.ofSeconds(90);

    private final LocalSystem system;

    private final List<LoginClient> gateways = new ArrayList<>();

    /** Every count the report lists, by its label. */
    private final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();

    /** How many flows ended with each verdict. */
    private final Map<Verdict, AtomicLong> verdicts = new EnumMap<>(Verdict.class);

    private final Map<String, String> examples = new ConcurrentHashMap<>();

    private final List<String> restarts = Collections.synchronizedList(new ArrayList<>());

    private final Map<String, String> appTokens = new ConcurrentHashMap<>();

    private volatile boolean running = true;

    private Soak(LocalSystem system) {
        this.system = system;
        for (Verdict verdict : Verdict.values()) {
            this.verdicts.put(verdict, new AtomicLong());
        }
        for (String name : system.gatewayNames()) {
            this.gateways.add(new LoginClient("http://localhost:" + system.port(name)));
        }
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(System.getProperty("qrlogin.root", ".")).toAbsolutePath().normalize();
        Duration length = Duration.ofMinutes(Long.parseLong(System.getenv().getOrDefault("QRLOGIN_SOAK_MINUTES", "10")));
        int browsers = Integer.parseInt(System.getenv().getOrDefault("QRLOGIN_SOAK_BROWSERS", "6"));
        LocalSettings settings = LocalSettings.onFreePorts(root, root.resolve("deploy/local/.run/soak-logs"), 2)
            .withJvmOptions(List.of("-XX:+UseSerialGC", "-Xmx256m"))
            .withSharedProperties(Map.of("qrlogin.ticket.pending", PENDING.toSeconds() + "s",
                    "qrlogin.ratelimit.enabled", "false"));

        int exit;
        try (LocalSystem system = LocalSystem.start(settings)) {
            exit = new Soak(system).run(length, browsers, root.resolve("deploy/local/target/soak-result.txt"));
        }
        System.exit(exit);
    }

    private int run(Duration length, int browsers, Path result) throws Exception {
        Instant begin = Instant.now();
        Instant end = begin.plus(length);
        System.out.printf("Soak: %d concurrent flows for %s, logs in %s%n", browsers, length,
                this.system.settings().logDirectory());
        ExecutorService pool = Executors.newFixedThreadPool(browsers);
        for (int i = 0; i < browsers; i++) {
            int browser = i;
            pool.submit(() -> {
                while (this.running && Instant.now().isBefore(end)) {
                    flow(browser);
                }
            });
        }
        // Each part once, spread over the middle of the run: the parts the data lives in first.
        List<String> parts = new ArrayList<>(List.of("redis", "kafka", "qr-service", "scan-service", "session-service"));
        parts.addAll(this.system.gatewayNames());
        for (int i = 0; i < parts.size(); i++) {
            Instant at = begin.plus(length.multipliedBy(15 + 70L * i / (parts.size() - 1)).dividedBy(100));
            sleepUntil(at);
            String part = parts.get(i);
            Instant started = Instant.now();
            System.out.printf("%s restarting %s%n", elapsed(begin), part);
            try {
                this.system.restart(part);
                this.restarts.add(String.format("%s at %s (back after %d s)", part, elapsed(begin),
                        Duration.between(started, Instant.now()).toSeconds()));
            }
            catch (RuntimeException ex) {
                this.restarts.add(part + " FAILED to restart: " + ex.getMessage());
                count(Counted.RESTART_FAILED);
            }
        }
        sleepUntil(end);
        this.running = false;
        pool.shutdown();
        // Flows in progress finish: the longest is an expiry, plus retries.
        pool.awaitTermination(2, TimeUnit.MINUTES);
        return report(Duration.between(begin, Instant.now()), browsers, result);
    }

    /** One flow, chosen at random: 60 % logins, 20 % cancels, 20 % expiries. */
    private void flow(int browser) {
        Flow kind = Flow.random();
        count(kind + " started");
        Outcome outcome;
        try {
            outcome = switch (kind) {
                case LOGIN -> login(browser);
                case CANCEL -> cancel(browser);
                case EXPIRY -> expiry();
            };
        }
        catch (Unavailable ex) {
            outcome = Outcome.unavailable(ex.getMessage());
        }
        catch (Exception ex) {
            outcome = Outcome.violation(ex.toString());
        }
        String ending = kind + " " + outcome;
        count(ending);
        this.verdicts.get(outcome.verdict()).incrementAndGet();
        if (outcome.verdict() != Verdict.OK) {
            this.examples.putIfAbsent(ending, Instant.now().toString());
        }
        pause(ThreadLocalRandom.current().nextLong(100, 400));
    }

    /** The flows a simulated browser plays, each under its label in the counts. */
    enum Flow {

        LOGIN("login"), CANCEL("cancel"), EXPIRY("expiry");

        private final String label;

        Flow(String label) {
            this.label = label;
        }

        /** 60 % logins, 20 % cancels, 20 % expiries. */
        static Flow random() {
            int dice = ThreadLocalRandom.current().nextInt(100);
            return (dice < 60) ? LOGIN : (dice < 80) ? CANCEL : EXPIRY;
        }

        @Override
        public String toString() {
            return this.label;
        }
    }

    /** How a flow ended, measured against the contract. */
    enum Verdict {

        /** As the contract says. */
        OK,

        /** Allowed while a single-instance part is down for longer than a client retries. */
        UNAVAILABLE,

        /** Against the contract. */
        VIOLATION
    }

    /** How one flow ended, and why when it did not end well; counted under {@link #toString()}. */
    record Outcome(Verdict verdict, String reason) {

        static final Outcome OK = new Outcome(Verdict.OK, "");

        static Outcome unavailable(String reason) {
            return new Outcome(Verdict.UNAVAILABLE, reason);
        }

        static Outcome violation(String reason) {
            return new Outcome(Verdict.VIOLATION, reason);
        }

        @Override
        public String toString() {
            return switch (this.verdict) {
                case OK -> "ok";
                case UNAVAILABLE -> "unavailable: " + this.reason;
                case VIOLATION -> "VIOLATION: " + this.reason;
            };
        }
    }

    /** What the soak counts under a fixed label, besides flows and retries. */
    enum Counted {

        CONFIRM("confirms"), LOST_CONFIRM("LOST CONFIRMS"), RESTART_FAILED("restart failed");

        private final String label;

        Counted(String label) {
            this.label = label;
        }
    }

    private Outcome login(int browser) throws Exception {
        return scanned(browser, (ticket, follower, token) -> {
            Outcome refused = refused("confirm", call((client) -> client.confirm(ticket.qrId(), token)));
            if (refused != null) {
                return refused;
            }
            count(Counted.CONFIRM);
            if (!follower.await("CONFIRMED", CONFIRMED)) {
                count(Counted.LOST_CONFIRM);
                return Outcome.violation("confirm not pushed within " + CONFIRMED.toSeconds() + " s");
            }
            Response redeemed = call((client) -> client.redeem(ticket.qrId(), ticket.verifier()));
            // A redeem answered 200 whose answer was lost to a restart: the retry finds it done.
            if (redeemed.status() == 200 || "qr_already_redeemed".equals(redeemed.code())) {
                return Outcome.OK;
            }
            return Outcome.violation("redeem " + redeemed.status() + " " + redeemed.code());
        });
    }

    private Outcome cancel(int browser) throws Exception {
        return scanned(browser, (ticket, follower, token) -> {
            Outcome refused = refused("cancel", call((client) -> client.cancel(ticket.qrId(), token)));
            if (refused != null) {
                return refused;
            }
            return follower.await("CANCELLED", CONFIRMED) ? Outcome.OK : Outcome.violation("cancel not pushed");
        });
    }

    private Outcome expiry() throws Exception {
        return followed((ticket, follower) -> {
            // Pushed within a second of expiresAt by contract; the margin is for an overloaded machine.
            Duration wait = Duration.between(Instant.now(), ticket.expiresAt()).plusSeconds(15);
            return follower.await("EXPIRED", wait) ? Outcome.OK : Outcome.violation("expiry not pushed within 15 s");
        });
    }

    /** Plays {@code rest} on a fresh ticket that a socket follows; the socket is closed afterwards. */
    private Outcome followed(Followed rest) throws Exception {
        Minted ticket = mint();
        Follower follower = new Follower(ticket);
        try {
            return rest.play(ticket, follower);
        }
        finally {
            follower.close();
        }
    }

    /** The same, once the app user {@code soak<browser>} has scanned the ticket (unless the scan is refused). */
    private Outcome scanned(int browser, Scanned rest) throws Exception {
        return followed((ticket, follower) -> {
            String token = appToken("soak" + browser);
            Outcome refused = refused("scan", call((client) -> client.scan(ticket.qrId(), token)));
            return (refused != null) ? refused : rest.play(ticket, follower, token);
        });
    }

    @FunctionalInterface
    private interface Followed {

        Outcome play(Minted ticket, Follower follower) throws Exception;
    }

    @FunctionalInterface
    private interface Scanned {

        Outcome play(Minted ticket, Follower follower, String appToken) throws Exception;
    }

    /**
     * {@code null} if {@code response} is a 200; otherwise why not: a ticket that expired while the
     * call was retried through an outage is an allowed outcome, anything else is not.
     */
    private static Outcome refused(String call, Response response) {
        if (response.status() == 200) {
            return null;
        }
        if ("qr_expired".equals(response.code())) {
            return Outcome.unavailable(call + " retried until the ticket expired");
        }
        return Outcome.violation(call + " " + response.status() + " " + response.code());
    }

    private Minted mint() throws Exception {
        Instant deadline = Instant.now().plus(RETRY_FOR);
        long backoff = 250;
        while (Instant.now().isBefore(deadline)) {
            try {
                Minted minted = gateway().mint();
                if (minted.response().status() == 201) {
                    return minted;
                }
                count("retried: mint " + minted.response().status());
            }
            catch (IOException ex) {
                count("retried: mint, gateway unreachable");
            }
            backoff = backOff(backoff);
        }
        throw new Unavailable("mint");
    }

    /** A call still refused by an outage after {@link #RETRY_FOR} of retries. */
    static final class Unavailable extends Exception {

        Unavailable(String what) {
            super(what + " for " + RETRY_FOR.toSeconds() + " s", null, false, false);
        }
    }

    private String appToken(String user) throws Exception {
        String cached = this.appTokens.get(user);
        if (cached != null) {
            return cached;
        }
        Response response = call((client) -> client.post("/api/demo/app-token", null, Map.of("username", user)));
        if (response.status() != 200) {
            throw new IllegalStateException("No app token: " + response.status());
        }
        String token = (String) response.body().get("accessToken");
        this.appTokens.put(user, token);
        return token;
    }

    /** Calls through a gateway, retrying (on the other gateway too) while the answer says "try again". */
    private Response call(Call call) throws Exception {
        Instant deadline = Instant.now().plus(RETRY_FOR);
        long backoff = 250;
        Response last = null;
        while (Instant.now().isBefore(deadline)) {
            try {
                last = call.on(gateway());
                if (last.status() != 502 && last.status() != 503 && last.status() != 504) {
                    return last;
                }
                count("retried: " + last.status() + " " + last.code());
            }
            catch (IOException ex) {
                count("retried: gateway unreachable");
            }
            backoff = backOff(backoff);
        }
        if (last == null) {
            throw new Unavailable("no gateway answered");
        }
        if (last.status() >= 500) {
            throw new Unavailable(last.status() + " " + last.code());
        }
        return last;
    }

    private LoginClient gateway() {
        return this.gateways.get(ThreadLocalRandom.current().nextInt(this.gateways.size()));
    }

    /**
     * A browser following its ticket as the widget does: on 1001, 1006 or a broken connection it
     * resubscribes, on the other gateway first, with exponential backoff and jitter.
     */
    private final class Follower {

        private final Minted ticket;

        private final List<String> seen = Collections.synchronizedList(new ArrayList<>());

        private Watch watch;

        private int gateway = ThreadLocalRandom.current().nextInt(Soak.this.gateways.size());

        Follower(Minted ticket) throws Unavailable {
            this.ticket = ticket;
            connect();
        }

        private void connect() throws Unavailable {
            long backoff = 250;
            Instant deadline = Instant.now().plus(RETRY_FOR);
            while (Instant.now().isBefore(deadline)) {
                LoginClient client = Soak.this.gateways.get(this.gateway);
                try {
                    this.watch = client.watch(this.ticket.qrId(), this.ticket.verifier());
                    return;
                }
                catch (IOException ex) {
                    count("resubscribed: gateway unreachable");
                    this.gateway = (this.gateway + 1) % Soak.this.gateways.size();
                    backoff = backOff(backoff);
                }
            }
            throw new Unavailable("socket");
        }

        /** Waits up to {@code timeout} for {@code state}, resubscribing as often as the socket goes away. */
        boolean await(String state, Duration timeout) throws Unavailable {
            Instant deadline = Instant.now().plus(timeout);
            long backoff = 250;
            while (Instant.now().isBefore(deadline)) {
                Watch current = this.watch;
                if (current.has(state)) {
                    return true;
                }
                if (current.isClosed()) {
                    int code = current.closed().join();
                    if (code == 1000 || code == 1008) {
                        // Final: a state this flow did not expect, or a refusal.
                        this.seen.addAll(current.states());
                        return current.has(state);
                    }
                    count("resubscribed after " + code);
                    this.gateway = (this.gateway + 1) % Soak.this.gateways.size();
                    backoff = backOff(backoff);
                    connect();
                    continue;
                }
                pause(50);
            }
            return this.watch.has(state);
        }

        void close() {
            if (this.watch != null) {
                this.watch.close();
            }
        }
    }

    @FunctionalInterface
    private interface Call {

        Response on(LoginClient client) throws IOException, InterruptedException;
    }

    private void count(String label) {
        this.counts.computeIfAbsent(label, (key) -> new AtomicLong()).incrementAndGet();
    }

    private void count(Counted what) {
        count(what.label);
    }

    private long countOf(Counted what) {
        AtomicLong count = this.counts.get(what.label);
        return (count != null) ? count.get() : 0;
    }

    private int report(Duration took, int browsers, Path result) throws IOException {
        long lost = countOf(Counted.LOST_CONFIRM);
        long bad = this.verdicts.get(Verdict.VIOLATION).get();
        long unavailable = this.verdicts.get(Verdict.UNAVAILABLE).get();
        long restartFailures = countOf(Counted.RESTART_FAILED);
        StringBuilder out = new StringBuilder();
        out.append(String.format("QR Login soak: %d concurrent flows for %d min %d s, two gateways%n", browsers,
                took.toMinutes(), took.toSecondsPart()));
        out.append("Restarts (SIGTERM, then started again):\n");
        this.restarts.forEach((line) -> out.append("  ").append(line).append('\n'));
        out.append("Counts:\n");
        new TreeMap<>(this.counts).forEach((key, value) -> out.append(String.format("  %-48s %8d%n", key, value.get())));
        if (!this.examples.isEmpty()) {
            out.append("First occurrence of each unexpected outcome:\n");
            new TreeMap<>(this.examples).forEach((key, value) -> out.append("  ").append(key).append(": ")
                .append(value).append('\n'));
        }
        out.append(String.format("Lost confirms: %d; flows ending against the contract: %d; flows cut short by an "
                + "outage longer than the clients retry (%d s): %d; failed restarts: %d%n", lost, bad,
                RETRY_FOR.toSeconds(), unavailable, restartFailures));
        boolean passed = lost == 0 && bad == 0 && restartFailures == 0;
        out.append(passed ? "PASSED\n" : "FAILED\n");
        System.out.print(out);
        Files.createDirectories(result.getParent());
        Files.writeString(result, out.toString());
        return passed ? 0 : 1;
    }

    private static String elapsed(Instant begin) {
        Duration elapsed = Duration.between(begin, Instant.now());
        return String.format("%d:%02d", elapsed.toMinutes(), elapsed.toSecondsPart());
    }

    private static long backOff(long backoff) {
        pause(backoff / 2 + ThreadLocalRandom.current().nextLong(backoff / 2 + 1));
        return Math.min(backoff * 2, 4000);
    }

    private static void sleepUntil(Instant at) {
        long millis = Duration.between(Instant.now(), at).toMillis();
        if (millis > 0) {
            pause(millis);
        }
    }
}
