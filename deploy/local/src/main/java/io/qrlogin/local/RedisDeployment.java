package io.qrlogin.local;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Redis parts of the local system for one {@link RedisTopology}, and the {@code spring.data.redis.*}
 * settings that point the services at them.
 *
 * <p>Ports: standalone uses {@link LocalSettings#redisPort()}. The other topologies take consecutive ports
 * from it where they are free (run.sh: a Cluster on 6379-6384, its bus on 16379-16384; Sentinel data
 * nodes on 6379-6380, sentinels on 26379-26381), else any free ones.
 */
final class RedisDeployment {

    /** The name the sentinels know the master by ({@code spring.data.redis.sentinel.master}). */
    static final String SENTINEL_MASTER = "qrlogin";

    /**
     * How long a node may not answer before the others count it failed (cluster-node-timeout, the
     * sentinels' down-after-milliseconds): short, so a failover test sees the whole failover quickly.
     */
    static final Duration NODE_TIMEOUT = Duration.ofSeconds(2);

    /** Redis Cluster's hash slots. */
    private static final int SLOTS = 16384;

    /** A cluster node's bus port is its port plus this. */
    private static final int BUS_OFFSET = 10000;

    private static final Duration READY = Duration.ofSeconds(60);

    private static final Logger logger = LoggerFactory.getLogger(RedisDeployment.class);

    private final RedisTopology topology;

    private final LocalSettings settings;

    private final List<SystemPart> parts;

    private final List<RedisNode> dataNodes;

    private final List<RedisNode> sentinels;

    private RedisDeployment(RedisTopology topology, LocalSettings settings, List<SystemPart> parts,
            List<RedisNode> dataNodes, List<RedisNode> sentinels) {
        this.topology = topology;
        this.settings = settings;
        this.parts = List.copyOf(parts);
        this.dataNodes = List.copyOf(dataNodes);
        this.sentinels = List.copyOf(sentinels);
    }

    static RedisDeployment of(RedisTopology topology, LocalSettings settings) {
        return switch (topology) {
            case STANDALONE -> new RedisDeployment(topology, settings, List.of(new RedisServerProcess(settings)),
                    List.of(), List.of());
            case CLUSTER -> cluster(settings);
            case SENTINEL -> sentinel(settings);
        };
    }

    private static RedisDeployment cluster(LocalSettings settings) {
        List<Integer> ports = ports(settings.redisPort(), 6, BUS_OFFSET);
        List<String> options = List.of("--cluster-enabled", "yes", "--cluster-config-file", "nodes.conf",
                "--cluster-node-timeout", Long.toString(NODE_TIMEOUT.toMillis()),
                // A replica takes over however long it was cut off from its master: locally there is no other.
                "--cluster-replica-validity-factor", "0", "--save", "", "--appendonly", "yes", "--appendfsync",
                "everysec");
        List<RedisNode> nodes = new ArrayList<>();
        for (int i = 0; i < ports.size(); i++) {
            nodes.add(new RedisNode("redis-" + (i + 1), settings, ports.get(i), options, null));
        }
        return new RedisDeployment(RedisTopology.CLUSTER, settings, List.copyOf(nodes), nodes, List.of());
    }

    private static RedisDeployment sentinel(LocalSettings settings) {
        List<Integer> data = ports(settings.redisPort(), 2, 0);
        List<Integer> sentinelPorts = ports(settings.redisPort() + 20000, 3, 0);
        List<String> options = List.of("--save", "", "--appendonly", "yes", "--appendfsync", "everysec");
        RedisNode master = new RedisNode("redis-1", settings, data.get(0), options, null);
        List<String> replicaOptions = new ArrayList<>(options);
        replicaOptions.addAll(List.of("--replicaof", "127.0.0.1", Integer.toString(data.get(0))));
        RedisNode replica = new RedisNode("redis-2", settings, data.get(1), replicaOptions, null);
        List<RedisNode> sentinels = new ArrayList<>();
        for (int i = 0; i < sentinelPorts.size(); i++) {
            sentinels.add(new RedisNode("sentinel-" + (i + 1), settings, sentinelPorts.get(i), List.of(), List.of(
                    "sentinel monitor " + SENTINEL_MASTER + " 127.0.0.1 " + data.get(0) + " 2",
                    "sentinel down-after-milliseconds " + SENTINEL_MASTER + " " + NODE_TIMEOUT.toMillis(),
                    "sentinel failover-timeout " + SENTINEL_MASTER + " 10000",
                    "sentinel parallel-syncs " + SENTINEL_MASTER + " 1")));
        }
        List<SystemPart> parts = new ArrayList<>(List.of(master, replica));
        parts.addAll(sentinels);
        return new RedisDeployment(RedisTopology.SENTINEL, settings, parts, List.of(master, replica), sentinels);
    }

    RedisTopology topology() {
        return this.topology;
    }

    /** Every Redis process, in start order. */
    List<SystemPart> parts() {
        return this.parts;
    }

    /** The data nodes of a Cluster or Sentinel group (not the sentinels); none for standalone. */
    List<RedisNode> dataNodes() {
        return this.dataNodes;
    }

    /** Once every part runs: joins the Cluster, or waits until the sentinels know the group. */
    void awaitReady() {
        Instant begin = Instant.now();
        switch (this.topology) {
            case CLUSTER -> createCluster();
            case SENTINEL -> awaitSentinels();
            case STANDALONE -> {
                return;
            }
        }
        logger.info("Redis {} ready in {} ms: {}", this.topology.name().toLowerCase(Locale.ROOT),
                Duration.between(begin, Instant.now()).toMillis(), clientProperties());
    }

    /** The settings that point a service at this Redis. */
    Map<String, String> clientProperties() {
        Map<String, String> properties = new LinkedHashMap<>();
        switch (this.topology) {
            case STANDALONE -> properties.put("spring.data.redis.url",
                    "redis://127.0.0.1:" + this.settings.redisPort());
            case CLUSTER -> properties.put("spring.data.redis.cluster.nodes", addresses(this.dataNodes));
            case SENTINEL -> {
                properties.put("spring.data.redis.sentinel.master", SENTINEL_MASTER);
                properties.put("spring.data.redis.sentinel.nodes", addresses(this.sentinels));
            }
        }
        return properties;
    }

    /**
     * The data node that is master for {@code key} now: of its slot in a Cluster, of the group with
     * Sentinel (as the sentinels see it).
     */
    RedisNode masterFor(String key) {
        if (this.topology == RedisTopology.CLUSTER) {
            long slot = (Long) RespClient.call(running().port(), "CLUSTER", "KEYSLOT", key);
            for (String line : RespClient.text(running().port(), "CLUSTER", "NODES").split("\n")) {
                String[] fields = line.trim().split(" ");
                if (fields.length > 8 && fields[2].contains("master") && !fields[2].contains("fail")) {
                    for (int i = 8; i < fields.length; i++) {
                        String[] range = fields[i].split("-");
                        long low = Long.parseLong(range[0]);
                        long high = Long.parseLong(range[range.length - 1]);
                        if (slot >= low && slot <= high) {
                            return byPort(Integer.parseInt(fields[1].substring(fields[1].indexOf(':') + 1,
                                    fields[1].indexOf('@'))));
                        }
                    }
                }
            }
            throw new IllegalStateException("No master serves slot " + slot);
        }
        if (this.topology == RedisTopology.SENTINEL) {
            for (RedisNode sentinel : this.sentinels) {
                if (sentinel.isRunning() && RespClient.answers(sentinel.port())) {
                    @SuppressWarnings("unchecked")
                    List<Object> address = (List<Object>) RespClient.call(sentinel.port(), "SENTINEL",
                            "GET-MASTER-ADDR-BY-NAME", SENTINEL_MASTER);
                    return byPort(Integer.parseInt(address.get(1).toString()));
                }
            }
            throw new IllegalStateException("No sentinel answers");
        }
        throw new IllegalStateException("A standalone Redis has no failover");
    }

    /**
     * Whether the group is whole again: every data node runs and answers, a Cluster covers every slot
     * with a master that has a replica online, a Sentinel group's master has its replica online.
     */
    boolean isWhole() {
        try {
            for (RedisNode node : this.dataNodes) {
                if (!node.isRunning() || !RespClient.answers(node.port())) {
                    return false;
                }
            }
            if (this.topology == RedisTopology.CLUSTER) {
                for (RedisNode node : this.dataNodes) {
                    if (!RespClient.text(node.port(), "CLUSTER", "INFO").contains("cluster_state:ok")) {
                        return false;
                    }
                }
                return this.dataNodes.stream().filter((node) -> isMaster(node.port())).count() == 3
                        && this.dataNodes.stream().filter((node) -> isMaster(node.port())).allMatch(
                                (node) -> onlineReplicas(node.port()) == 1);
            }
            if (this.topology == RedisTopology.SENTINEL) {
                return onlineReplicas(masterFor("any").port()) == 1;
            }
            return true;
        }
        catch (RuntimeException ex) {
            return false;
        }
    }

    private void createCluster() {
        int masters = this.dataNodes.size() / 2;
        for (int i = 0; i < masters; i++) {
            int low = SLOTS * i / masters;
            int high = SLOTS * (i + 1) / masters;
            List<Object> command = new ArrayList<>(List.of("CLUSTER", "ADDSLOTS"));
            for (int slot = low; slot < high; slot++) {
                command.add(slot);
            }
            RespClient.call(this.dataNodes.get(i).port(), command.toArray());
        }
        int first = this.dataNodes.get(0).port();
        for (RedisNode node : this.dataNodes.subList(1, this.dataNodes.size())) {
            RespClient.call(node.port(), "CLUSTER", "MEET", "127.0.0.1", first);
        }
        await("every cluster node knows the five others", () -> this.dataNodes.stream().allMatch((node) -> {
            String nodes = RespClient.text(node.port(), "CLUSTER", "NODES");
            return nodes.strip().split("\n").length == this.dataNodes.size() && !nodes.contains("handshake");
        }));
        for (int i = 0; i < masters; i++) {
            String master = RespClient.text(this.dataNodes.get(i).port(), "CLUSTER", "MYID");
            int replica = this.dataNodes.get(masters + i).port();
            await("node " + replica + " replicates " + this.dataNodes.get(i).port(), () -> {
                try {
                    return "OK".equals(RespClient.text(replica, "CLUSTER", "REPLICATE", master));
                }
                catch (IllegalStateException notYet) {
                    return false;
                }
            });
        }
        await("the cluster is whole", this::isWhole);
    }

    private void awaitSentinels() {
        await("the sentinels know the master, its replica and each other", () -> this.sentinels.stream()
            .allMatch((sentinel) -> {
                String master = RespClient.call(sentinel.port(), "SENTINEL", "MASTER", SENTINEL_MASTER).toString();
                return master.contains("num-slaves, 1") && master.contains("num-other-sentinels, 2");
            }));
        await("the replica is online", this::isWhole);
    }

    private RedisNode running() {
        return this.dataNodes.stream()
            .filter((node) -> node.isRunning() && RespClient.answers(node.port()))
            .findFirst()
            .orElseThrow(() -> new IllegalStateException("No Redis node answers"));
    }

    private RedisNode byPort(int port) {
        return this.dataNodes.stream()
            .filter((node) -> node.port() == port)
            .findFirst()
            .orElseThrow(() -> new IllegalStateException("No node on port " + port));
    }

    private static boolean isMaster(int port) {
        return RespClient.text(port, "INFO", "replication").contains("role:master");
    }

    private static long onlineReplicas(int port) {
        return RespClient.text(port, "INFO", "replication").lines()
            .filter((line) -> line.startsWith("slave") && line.contains("state=online"))
            .count();
    }

    private static String addresses(List<RedisNode> nodes) {
        return nodes.stream().map((node) -> "127.0.0.1:" + node.port()).collect(Collectors.joining(","));
    }

    /**
     * {@code count} ports from {@code first} on where each (and each plus {@code companionOffset}, a
     * cluster node's bus port) is free, else free ones.
     */
    private static List<Integer> ports(int first, int count, int companionOffset) {
        List<Integer> ports = new ArrayList<>();
        Set<Integer> taken = new HashSet<>();
        for (int i = 0; i < count; i++) {
            int port = first + i;
            while (!usable(port, companionOffset) || !taken.add(port)) {
                port = Ports.free();
            }
            ports.add(port);
        }
        return ports;
    }

    private static boolean usable(int port, int companionOffset) {
        return port + companionOffset < 65536 && Ports.isBindable(port)
                && (companionOffset == 0 || Ports.isBindable(port + companionOffset));
    }

    private static void await(String what, BooleanSupplier condition) {
        Instant deadline = Instant.now().plus(READY);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("Redis did not get ready within " + READY + ": " + what);
            }
            Processes.pause(100);
        }
    }
}
