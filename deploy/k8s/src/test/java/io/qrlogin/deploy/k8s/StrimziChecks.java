package io.qrlogin.deploy.k8s;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.ContainerPortBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;

import static io.qrlogin.deploy.k8s.Trees.list;
import static io.qrlogin.deploy.k8s.Trees.map;

/**
 * How Strimzi's resources fit together and with the services: pools, topics and users belong to a Kafka
 * that exists, the brokers are enough for the replication asked for, an acks=all write survives the
 * loss of a broker, the topic is the one the services use and the bootstrap address is the cluster's.
 * And the cluster is locked: TLS listeners with SCRAM-SHA-512 only, simple authorization, rack
 * awareness, resources for the entity operator; each service signs in as its own KafkaUser, allowed
 * only what it does with the topic, trusts the cluster CA, and may reach the brokers. Reads the
 * resources as written (patches are checked after rendering, by {@code KustomizeBuildIT}).
 */
final class StrimziChecks {

    static final String TOPIC_VARIABLE = "QRLOGIN_EVENTS_TOPIC";

    static final String BOOTSTRAP_VARIABLE = "SPRING_KAFKA_BOOTSTRAP_SERVERS";

    /** The client settings of a TLS listener with SCRAM-SHA-512 users, as the services must have them. */
    static final Map<String, String> CLIENT_SETTINGS = Map.of(
            "SPRING_KAFKA_SECURITY_PROTOCOL", "SASL_SSL",
            "SPRING_KAFKA_PROPERTIES_SASL_MECHANISM", "SCRAM-SHA-512",
            "SPRING_KAFKA_SSL_TRUST_STORE_TYPE", "PEM");

    /** The config tree file with a service's SCRAM credentials: a KafkaUser Secret's sasl.jaas.config. */
    static final String JAAS_FILE = "spring.kafka.properties.sasl.jaas.config";

    static final String JAAS_KEY = "sasl.jaas.config";

    /** The config tree file with the certificates the services trust: the cluster CA's ca.crt. */
    static final String TRUST_FILE = "spring.kafka.ssl.trust-store-certificates";

    static final String TRUST_KEY = "ca.crt";

    /** What every service does with the events topic: publish. */
    static final Set<String> WRITER_OPERATIONS = Set.of("Write", "Describe");

    /** What the gateway also does: read every partition. */
    static final Set<String> READER_OPERATIONS = Set.of("Read", "Describe");

    /** The port Strimzi's Kafka Exporter serves its metrics on. */
    static final int EXPORTER_PORT = 9404;

    private StrimziChecks() {
    }

    static List<String> check(ResourceSet set) {
        List<String> problems = new ArrayList<>();
        List<Doc> kafkas = ofKind(set, "Kafka");
        List<Doc> pools = ofKind(set, "KafkaNodePool");
        List<Doc> topics = ofKind(set, "KafkaTopic");
        for (Doc doc : pools) {
            cluster(doc, kafkas, problems);
        }
        for (Doc doc : topics) {
            cluster(doc, kafkas, problems);
        }
        List<Doc> users = ofKind(set, "KafkaUser");
        for (Doc doc : users) {
            cluster(doc, kafkas, problems);
            problems.addAll(user(doc));
        }
        for (Doc kafka : kafkas) {
            problems.addAll(cluster(set, kafka, pools, topics));
            problems.addAll(locked(kafka, users));
        }
        problems.addAll(servicesAgree(set, kafkas, topics));
        problems.addAll(clients(set, kafkas, users));
        return problems;
    }

    /**
     * Every listener is TLS with SCRAM-SHA-512 sign-in, users are authorized (simple), replicas are spread
     * over racks (zones), and the operators Strimzi runs next to the cluster have requests and a memory limit.
     */
    private static List<String> locked(Doc kafka, List<Doc> users) {
        List<String> problems = new ArrayList<>();
        for (Object listener : list(path(kafka.tree(), "spec", "kafka", "listeners"))) {
            Map<String, Object> fields = map(listener);
            if (!Boolean.TRUE.equals(fields.get("tls")) || !"scram-sha-512".equals(map(fields.get("authentication")).get("type"))) {
                problems.add(kafka.where() + " listener " + fields.get("name") + " is not TLS with SCRAM-SHA-512 users: every "
                        + "client must sign in over an encrypted connection");
            }
        }
        if (!"simple".equals(map(path(kafka.tree(), "spec", "kafka", "authorization")).get("type"))) {
            problems.add(kafka.where() + " has no authorization (spec.kafka.authorization.type: simple): every user could do "
                    + "anything, whatever its KafkaUser's ACLs say");
        }
        if (map(path(kafka.tree(), "spec", "kafka", "rack")).get("topologyKey") == null) {
            problems.add(kafka.where() + " is not rack-aware (spec.kafka.rack.topologyKey): a topic's replicas may share a zone");
        }
        Map<String, Object> entityOperator = map(path(kafka.tree(), "spec", "entityOperator"));
        for (String operator : List.of("topicOperator", "userOperator")) {
            if (entityOperator.containsKey(operator)) {
                problems.addAll(resources(kafka.where() + " entityOperator." + operator, map(entityOperator.get(operator)).get("resources")));
            }
        }
        if (!users.isEmpty() && !entityOperator.containsKey("userOperator")) {
            problems.add(kafka.where() + " has KafkaUsers but no entityOperator.userOperator to create them");
        }
        Object exporter = path(kafka.tree(), "spec", "kafkaExporter");
        if (exporter != null) {
            problems.addAll(resources(kafka.where() + " kafkaExporter", map(exporter).get("resources")));
        }
        return problems;
    }

    private static List<String> resources(String where, Object resources) {
        if (resources == null) {
            return List.of(where + " has no resources: it would run unbounded next to the brokers");
        }
        ResourceRequirements requirements = KubernetesModel.parse(resources, ResourceRequirements.class);
        Map<String, Quantity> requests = Objects.requireNonNullElse(requirements.getRequests(), Map.of());
        Map<String, Quantity> limits = Objects.requireNonNullElse(requirements.getLimits(), Map.of());
        if (!requests.containsKey("cpu") || !requests.containsKey("memory") || !limits.containsKey("memory")) {
            return List.of(where + " needs cpu and memory requests and a memory limit");
        }
        return List.of();
    }

    /** A user signs in with SCRAM-SHA-512 and is allowed named things only: no All, no wildcard, nothing on the cluster. */
    private static List<String> user(Doc user) {
        List<String> problems = new ArrayList<>();
        if (!"scram-sha-512".equals(map(path(user.tree(), "spec", "authentication")).get("type"))) {
            problems.add(user.where() + " does not sign in with SCRAM-SHA-512, the listener's mechanism");
        }
        for (Object acl : list(path(user.tree(), "spec", "authorization", "acls"))) {
            Map<String, Object> resource = map(map(acl).get("resource"));
            List<String> operations = list(map(acl).get("operations")).stream().map(String::valueOf).toList();
            if (operations.contains("All")) {
                problems.add(user.where() + " is allowed All on " + resource.get("type") + " " + resource.get("name")
                        + ": name the operations it needs");
            }
            if ("*".equals(resource.get("name")) || "cluster".equals(resource.get("type"))) {
                problems.add(user.where() + " is allowed " + operations + " on " + resource.get("type") + " "
                        + Objects.requireNonNullElse(resource.get("name"), "") + ": a service needs its topic, not every resource");
            }
        }
        return problems;
    }

    /** The operations {@code user} is allowed on the topic {@code topic} (literal name, or a matching prefix). */
    static Set<String> topicOperations(Doc user, String topic) {
        Set<String> operations = new TreeSet<>();
        for (Object acl : list(path(user.tree(), "spec", "authorization", "acls"))) {
            Map<String, Object> resource = map(map(acl).get("resource"));
            String name = String.valueOf(resource.get("name"));
            boolean prefix = "prefix".equals(resource.get("patternType"));
            if ("topic".equals(resource.get("type")) && (prefix ? topic.startsWith(name) : topic.equals(name))) {
                list(map(acl).get("operations")).forEach((operation) -> operations.add(String.valueOf(operation)));
            }
        }
        return operations;
    }

    /**
     * Every service that talks to Kafka signs in over TLS with SCRAM-SHA-512: its settings say so, its
     * credentials are a file from a KafkaUser's Secret of the cluster (a user allowed to publish to the
     * events topic, and for the gateway to read it), it trusts the cluster CA, the listener's network
     * policy admits it and its egress policy lets it reach the brokers.
     */
    private static List<String> clients(ResourceSet set, List<Doc> kafkas, List<Doc> users) {
        List<String> problems = new ArrayList<>();
        List<NetworkPolicy> policies = EgressChecks.policies(set);
        for (ContainerConfig client : ServiceChecks.serviceContainers(set)) {
            Optional<String> bootstrap = client.setting(BOOTSTRAP_VARIABLE);
            if (bootstrap.isEmpty()) {
                continue;
            }
            CLIENT_SETTINGS.forEach((name, expected) -> {
                if (!expected.equals(client.setting(name).orElse(null))) {
                    problems.add(client.where() + " has " + name + "=" + client.setting(name).orElse("unset") + ", not " + expected
                            + ": the brokers accept only TLS with SCRAM-SHA-512 users");
                }
            });
            ContainerConfig.SecretFile jaas = client.files().get(JAAS_FILE);
            ContainerConfig.SecretFile trust = client.files().get(TRUST_FILE);
            if (jaas == null || !JAAS_KEY.equals(jaas.key())) {
                problems.add(client.where() + " has no Kafka credentials: the config tree file " + JAAS_FILE + " from the key "
                        + JAAS_KEY + " of its KafkaUser's Secret");
            }
            if (trust == null || !TRUST_KEY.equals(trust.key())) {
                problems.add(client.where() + " does not trust the cluster CA: the config tree file " + TRUST_FILE
                        + " from the key " + TRUST_KEY + " of the cluster CA's Secret");
            }
            for (Doc kafka : kafkas) {
                if (!bootstrap.get().startsWith(kafka.name() + "-kafka-bootstrap:")) {
                    continue;
                }
                String caSecret = kafka.name() + "-cluster-ca-cert";
                if (trust != null && !caSecret.equals(trust.secret())) {
                    problems.add(client.where() + " trusts the Secret " + trust.secret() + ", not " + caSecret
                            + ", the CA of " + kafka.where());
                }
                Optional<Doc> user = users.stream().filter((candidate) -> jaas != null && candidate.name().equals(jaas.secret())
                        && kafka.name().equals(clusterOf(candidate))).findFirst();
                if (jaas != null && user.isEmpty()) {
                    problems.add(client.where() + " signs in with the Secret " + jaas.secret() + ", which no KafkaUser of "
                            + kafka.where() + " creates");
                }
                String topic = client.setting(TOPIC_VARIABLE).orElse(null);
                if (user.isPresent() && topic != null) {
                    Set<String> allowed = topicOperations(user.get(), topic);
                    Set<String> needed = new TreeSet<>(WRITER_OPERATIONS);
                    if (Project.GATEWAY.equals(client.service().orElseThrow())) {
                        needed.addAll(READER_OPERATIONS);
                    }
                    if (!allowed.containsAll(needed)) {
                        problems.add(client.where() + " signs in as " + user.get().where() + ", which is allowed " + allowed
                                + " on " + topic + ", not " + needed);
                    }
                }
                int port = Integer.parseInt(bootstrap.get().substring(bootstrap.get().lastIndexOf(':') + 1).strip());
                Map<String, String> labels = Workloads.podLabels(client.workload());
                for (Object listener : list(path(kafka.tree(), "spec", "kafka", "listeners"))) {
                    List<?> peers = list(map(listener).get("networkPolicyPeers"));
                    if (number(map(listener).get("port"), -1) == port && !peers.isEmpty() && peers.stream().noneMatch((peer) ->
                            Workloads.matches(KubernetesModel.parse(peer, NetworkPolicyPeer.class).getPodSelector(), labels))) {
                        problems.add(client.where() + " is not among the networkPolicyPeers of " + kafka.where() + " listener "
                                + map(listener).get("name") + ": the brokers would refuse its connections");
                    }
                }
                EgressChecks.Pods brokers = new EgressChecks.Pods(kafka.where() + "'s brokers", brokerLabels(kafka),
                        List.of(new ContainerPortBuilder().withContainerPort(port).build()));
                if (!EgressChecks.allowed(policies, labels, brokers, new IntOrString(port), "TCP")) {
                    problems.add(client.where() + " may not reach the brokers of " + kafka.where() + " on port " + port
                            + ": no egress policy lets it out to them");
                }
            }
        }
        return problems;
    }

    /** The labels Strimzi puts on the broker pods of a cluster. */
    static Map<String, String> brokerLabels(Doc kafka) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(StrimziSchema.CLUSTER_LABEL, kafka.name());
        labels.put("strimzi.io/kind", "Kafka");
        labels.put("strimzi.io/name", kafka.name() + "-kafka");
        labels.put("strimzi.io/broker-role", "true");
        return labels;
    }

    /**
     * The pods Strimzi runs for the set's Kafka clusters, as labels and ports: the brokers (on their
     * listeners' ports) and, where enabled, the Kafka Exporter (on {@value #EXPORTER_PORT}, named
     * tcp-prometheus). Network policies and monitors may select them.
     */
    static List<Map.Entry<Map<String, String>, List<ContainerPort>>> pods(ResourceSet set) {
        List<Map.Entry<Map<String, String>, List<ContainerPort>>> pods = new ArrayList<>();
        for (Doc kafka : ofKind(set, "Kafka")) {
            List<ContainerPort> listeners = list(path(kafka.tree(), "spec", "kafka", "listeners")).stream()
                .map((listener) -> new ContainerPortBuilder().withName(String.valueOf(map(listener).get("name")))
                    .withContainerPort(number(map(listener).get("port"), 0)).build())
                .toList();
            pods.add(Map.entry(brokerLabels(kafka), listeners));
            if (path(kafka.tree(), "spec", "kafkaExporter") != null) {
                Map<String, String> labels = new LinkedHashMap<>();
                labels.put(StrimziSchema.CLUSTER_LABEL, kafka.name());
                labels.put("strimzi.io/kind", "Kafka");
                labels.put("strimzi.io/name", kafka.name() + "-kafka-exporter");
                pods.add(Map.entry(labels, List.of(new ContainerPortBuilder().withName("tcp-prometheus")
                    .withContainerPort(EXPORTER_PORT).build())));
            }
        }
        return pods;
    }

    private static List<String> cluster(ResourceSet set, Doc kafka, List<Doc> allPools, List<Doc> allTopics) {
        List<String> problems = new ArrayList<>();
        List<Doc> pools = allPools.stream().filter((pool) -> kafka.name().equals(clusterOf(pool))).toList();
        List<Doc> topics = allTopics.stream().filter((topic) -> kafka.name().equals(clusterOf(topic))).toList();
        int brokers = pools.stream().filter((pool) -> roles(pool).contains("broker")).mapToInt(StrimziChecks::replicas).sum();
        int controllers = pools.stream().filter((pool) -> roles(pool).contains("controller")).mapToInt(StrimziChecks::replicas).sum();
        if (brokers == 0 || controllers == 0) {
            problems.add(kafka.where() + " has " + brokers + " brokers and " + controllers + " controllers in its node pools");
        }
        else if (controllers % 2 == 0) {
            problems.add(kafka.where() + " has an even number of KRaft controllers (" + controllers + "): a quorum needs an odd one");
        }
        Map<String, Object> config = map(path(kafka.tree(), "spec", "kafka", "config"));
        int defaultReplication = number(config.get("default.replication.factor"), 1);
        int brokerMinInSync = number(config.get("min.insync.replicas"), 1);
        if (defaultReplication > brokers) {
            problems.add(kafka.where() + " default.replication.factor " + defaultReplication + " exceeds its " + brokers + " brokers");
        }
        if (!topics.isEmpty() && path(kafka.tree(), "spec", "entityOperator", "topicOperator") == null) {
            problems.add(kafka.where() + " has KafkaTopics but no entityOperator.topicOperator to create them");
        }
        for (Doc topic : topics) {
            int replicas = number(path(topic.tree(), "spec", "replicas"), defaultReplication);
            int minInSync = number(map(path(topic.tree(), "spec", "config")).get("min.insync.replicas"), brokerMinInSync);
            if (replicas > brokers) {
                problems.add(topic.where() + " wants " + replicas + " replicas of " + brokers + " brokers");
            }
            if (minInSync > replicas || (replicas > 1 && minInSync >= replicas)) {
                problems.add(topic.where() + " has min.insync.replicas " + minInSync + " for " + replicas
                        + " replicas: acks=all writes would stop when one broker is down");
            }
        }
        if (Workloads.workloads(set).isEmpty()) {
            return problems;
        }
        for (Object listener : list(path(kafka.tree(), "spec", "kafka", "listeners"))) {
            for (Object peer : list(map(listener).get("networkPolicyPeers"))) {
                problems.addAll(Checks.peer(kafka.where() + " listener " + map(listener).get("name"),
                        KubernetesModel.parse(peer, NetworkPolicyPeer.class), Workloads.workloads(set)));
            }
        }
        return problems;
    }

    /** The topic the services publish to is a KafkaTopic here, and their bootstrap address is this cluster's. */
    private static List<String> servicesAgree(ResourceSet set, List<Doc> kafkas, List<Doc> topics) {
        List<String> problems = new ArrayList<>();
        set.configMaps().forEach((name, data) -> {
            String topic = data.get(TOPIC_VARIABLE);
            if (topic != null && !topics.isEmpty() && topics.stream().noneMatch((doc) -> topic.equals(topicName(doc)))) {
                problems.add("ConfigMap " + name + " sets " + TOPIC_VARIABLE + "=" + topic + ", which no KafkaTopic creates");
            }
            String bootstrap = data.get(BOOTSTRAP_VARIABLE);
            if (bootstrap != null && !kafkas.isEmpty() && kafkas.stream().noneMatch((kafka) -> bootstraps(kafka).contains(bootstrap))) {
                problems.add("ConfigMap " + name + " sets " + BOOTSTRAP_VARIABLE + "=" + bootstrap + ", which is no listener of "
                        + kafkas.stream().map(StrimziChecks::bootstraps).toList());
            }
        });
        return problems;
    }

    /** Strimzi's bootstrap Service for each listener: {@code <cluster>-kafka-bootstrap:<port>}. */
    private static List<String> bootstraps(Doc kafka) {
        return list(path(kafka.tree(), "spec", "kafka", "listeners")).stream()
            .map((listener) -> kafka.name() + "-kafka-bootstrap:" + map(listener).get("port"))
            .toList();
    }

    private static void cluster(Doc doc, List<Doc> kafkas, List<String> problems) {
        String cluster = clusterOf(doc);
        if (cluster != null && kafkas.stream().noneMatch((kafka) -> cluster.equals(kafka.name()))) {
            problems.add(doc.where() + " belongs to the Kafka " + cluster + ", which does not exist");
        }
    }

    private static String topicName(Doc topic) {
        return Optional.ofNullable(path(topic.tree(), "spec", "topicName")).map(String::valueOf).orElse(topic.name());
    }

    static String clusterOf(Doc doc) {
        Object cluster = map(path(doc.tree(), "metadata", "labels")).get(StrimziSchema.CLUSTER_LABEL);
        return (cluster != null) ? cluster.toString() : null;
    }

    private static List<String> roles(Doc pool) {
        return list(path(pool.tree(), "spec", "roles")).stream().map(String::valueOf).toList();
    }

    private static int replicas(Doc pool) {
        return number(path(pool.tree(), "spec", "replicas"), 0);
    }

    static List<Doc> ofKind(ResourceSet set, String kind) {
        return set.resources().stream().filter(StrimziChecks::isStrimzi).filter((doc) -> kind.equals(doc.kind())).toList();
    }

    private static boolean isStrimzi(Doc doc) {
        return StrimziSchema.isStrimzi(doc.tree());
    }

    private static Object path(Map<String, Object> tree, String... keys) {
        Object node = tree;
        for (String key : keys) {
            if (!(node instanceof Map<?, ?> map)) {
                return null;
            }
            node = map.get(key);
        }
        return node;
    }


    private static int number(Object value, int fallback) {
        if (value == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(Objects.toString(value).strip());
        }
        catch (NumberFormatException ex) {
            return fallback;
        }
    }
}
