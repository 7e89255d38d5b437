package io.qrlogin.deploy.k8s;

import java.util.List;
import java.util.Map;
import java.util.Set;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;

import static io.qrlogin.deploy.k8s.Shape.bool;
import static io.qrlogin.deploy.k8s.Shape.configValue;
import static io.qrlogin.deploy.k8s.Shape.fields;
import static io.qrlogin.deploy.k8s.Shape.integer;
import static io.qrlogin.deploy.k8s.Shape.listOf;
import static io.qrlogin.deploy.k8s.Shape.mapOf;
import static io.qrlogin.deploy.k8s.Shape.model;
import static io.qrlogin.deploy.k8s.Shape.oneOf;
import static io.qrlogin.deploy.k8s.Shape.resource;
import static io.qrlogin.deploy.k8s.Shape.string;

/**
 * The part of Strimzi's custom resources these manifests use, as shapes (Strimzi has no fabric8
 * model here, so the resources parse as {@link GenericKubernetesResource}). Follows Strimzi's
 * {@code kafka.strimzi.io/v1} API reference; Kubernetes structures inside them (resources, network
 * policy peers) are checked with the typed model.
 *
 * @see <a href="https://strimzi.io/docs/operators/latest/configuring.html">Strimzi custom resource API reference</a>
 */
final class StrimziSchema {

    static final String API_VERSION = "kafka.strimzi.io/v1";

    static final String CLUSTER_LABEL = "strimzi.io/cluster";

    /** Broker settings these manifests may set: a typo in a key would be a setting Kafka never applies. */
    static final Set<String> BROKER_CONFIG = Set.of("auto.create.topics.enable", "default.replication.factor",
            "min.insync.replicas", "offsets.topic.replication.factor", "transaction.state.log.replication.factor",
            "transaction.state.log.min.isr", "num.partitions", "log.retention.hours", "log.retention.ms",
            "log.segment.bytes", "message.max.bytes", "compression.type");

    /** Topic settings these manifests may set. */
    static final Set<String> TOPIC_CONFIG = Set.of("retention.ms", "retention.bytes", "segment.ms", "segment.bytes",
            "cleanup.policy", "min.insync.replicas", "max.message.bytes", "compression.type", "message.timestamp.type");

    private static final Shape JVM_OPTIONS = fields(
            "-Xms", string("[0-9]+[kKmMgG]?"),
            "-Xmx", string("[0-9]+[kKmMgG]?"),
            "javaSystemProperties", listOf(fields("name", string(), "value", string()).required("name", "value")));

    private static final Shape STORAGE_VOLUME = fields(
            "id", integer(0, 255),
            "type", oneOf("persistent-claim", "ephemeral"),
            "size", string("[0-9]+(Ki|Mi|Gi|Ti)"),
            "class", string(),
            "deleteClaim", bool(),
            "kraftMetadata", oneOf("shared")).required("id", "type");

    private static final Shape KAFKA_NODE_POOL = resource(fields(
            "replicas", integer(1, 100),
            "roles", listOf(oneOf("controller", "broker")),
            "storage", fields(
                    "type", oneOf("jbod", "persistent-claim", "ephemeral"),
                    "volumes", listOf(STORAGE_VOLUME),
                    "size", string("[0-9]+(Ki|Mi|Gi|Ti)"),
                    "class", string(),
                    "deleteClaim", bool()).required("type"),
            "resources", model(ResourceRequirements.class),
            "jvmOptions", JVM_OPTIONS).required("replicas", "roles", "storage"));

    private static final Shape LISTENER = fields(
            // Strimzi: lower-case letters and digits, at most 11 characters; ports from 9092 except its own.
            "name", string("[a-z0-9]{1,11}"),
            "port", integer(9092, 65535),
            "type", oneOf("internal", "cluster-ip", "route", "loadbalancer", "nodeport", "ingress"),
            "tls", bool(),
            "authentication", fields("type", oneOf("scram-sha-512", "tls")).required("type"),
            "networkPolicyPeers", listOf(model(NetworkPolicyPeer.class))).required("name", "port", "type", "tls");

    private static final Shape OPERATOR = fields(
            "watchedNamespace", string(),
            "reconciliationIntervalMs", integer(1000, Long.MAX_VALUE),
            "resources", model(ResourceRequirements.class),
            "jvmOptions", JVM_OPTIONS);

    private static final Shape KAFKA = resource(fields(
            "kafka", fields(
                    "version", string("[0-9]+\\.[0-9]+\\.[0-9]+"),
                    "metadataVersion", string("[0-9]+\\.[0-9]+(-IV[0-9]+)?"),
                    "listeners", listOf(LISTENER),
                    "authorization", fields(
                            "type", oneOf("simple"),
                            "superUsers", listOf(string())).required("type"),
                    "rack", fields("topologyKey", string("[a-z0-9./-]+")).required("topologyKey"),
                    "config", mapOf(BROKER_CONFIG, configValue())).required("listeners"),
            "entityOperator", fields(
                    "topicOperator", OPERATOR,
                    "userOperator", OPERATOR),
            "kafkaExporter", fields(
                    "topicRegex", string(),
                    "groupRegex", string(),
                    "resources", model(ResourceRequirements.class))).required("kafka"));

    /** The operations a Kafka ACL may grant, as Strimzi spells them. */
    static final List<String> ACL_OPERATIONS = List.of("Read", "Write", "Create", "Delete", "Alter", "Describe",
            "ClusterAction", "AlterConfigs", "DescribeConfigs", "IdempotentWrite", "All");

    private static final Shape KAFKA_USER = resource(fields(
            "authentication", fields("type", oneOf("scram-sha-512", "tls")).required("type"),
            "authorization", fields(
                    "type", oneOf("simple"),
                    "acls", listOf(fields(
                            "resource", fields(
                                    "type", oneOf("topic", "group", "cluster", "transactionalId"),
                                    "name", string(),
                                    "patternType", oneOf("literal", "prefix")).required("type"),
                            "operations", listOf(oneOf(ACL_OPERATIONS.toArray(String[]::new))),
                            "host", string()).required("resource", "operations"))).required("type", "acls"))
        .required("authentication"));

    private static final Shape KAFKA_TOPIC = resource(fields(
            "topicName", string("[a-zA-Z0-9._-]{1,249}"),
            "partitions", integer(1, 10_000),
            "replicas", integer(1, 32_767),
            "config", mapOf(TOPIC_CONFIG, configValue())).required("partitions", "replicas"));

    private static final Map<String, Shape> SHAPES = Map.of("Kafka", KAFKA, "KafkaNodePool", KAFKA_NODE_POOL,
            "KafkaTopic", KAFKA_TOPIC, "KafkaUser", KAFKA_USER);

    private StrimziSchema() {
    }

    static boolean isStrimzi(Map<String, Object> document) {
        return API_VERSION.equals(document.get("apiVersion"));
    }

    /** How the document differs from its kind's shape; patches may leave out required fields. */
    static List<String> check(Map<String, Object> document, boolean patch) {
        List<String> problems = Shape.checkDocument(document, SHAPES, "a Strimzi", patch);
        if (!patch && !"Kafka".equals(document.get("kind"))) {
            Object labels = ((Map<?, ?>) document.getOrDefault("metadata", Map.of())).get("labels");
            if (!(labels instanceof Map<?, ?> map) || !(map.get(CLUSTER_LABEL) instanceof String)) {
                problems.add(".metadata.labels." + CLUSTER_LABEL + " is required: it names the Kafka cluster");
            }
        }
        return problems;
    }
}
