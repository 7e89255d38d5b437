package io.qrlogin.deploy.k8s;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;

/**
 * How Strimzi's resources fit together and with the services: pools and topics belong to a Kafka that
 * exists, the brokers are enough for the replication asked for, an acks=all write survives the loss of
 * a broker, the topic is the one the services use and the bootstrap address is the cluster's. Reads the
 * resources as written (patches are checked after rendering, by {@code KustomizeBuildIT}).
 */
final class StrimziChecks {

    static final String TOPIC_VARIABLE = "QRLOGIN_EVENTS_TOPIC";

    static final String BOOTSTRAP_VARIABLE = "SPRING_KAFKA_BOOTSTRAP_SERVERS";

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
        for (Doc kafka : kafkas) {
            problems.addAll(cluster(set, kafka, pools, topics));
        }
        problems.addAll(servicesAgree(set, kafkas, topics));
        return problems;
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

    private static String clusterOf(Doc doc) {
        Object cluster = map(path(doc.tree(), "metadata", "labels")).get(StrimziSchema.CLUSTER_LABEL);
        return (cluster != null) ? cluster.toString() : null;
    }

    private static List<String> roles(Doc pool) {
        return list(path(pool.tree(), "spec", "roles")).stream().map(String::valueOf).toList();
    }

    private static int replicas(Doc pool) {
        return number(path(pool.tree(), "spec", "replicas"), 0);
    }

    private static List<Doc> ofKind(ResourceSet set, String kind) {
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

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object node) {
        return (node instanceof Map<?, ?> map) ? (Map<String, Object>) map : Map.of();
    }

    private static List<?> list(Object node) {
        return (node instanceof List<?> list) ? list : List.of();
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
