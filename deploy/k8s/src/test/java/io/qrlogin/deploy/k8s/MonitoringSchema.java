package io.qrlogin.deploy.k8s;

import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.LabelSelector;

import static io.qrlogin.deploy.k8s.Shape.fields;
import static io.qrlogin.deploy.k8s.Shape.listOf;
import static io.qrlogin.deploy.k8s.Shape.mapOf;
import static io.qrlogin.deploy.k8s.Shape.model;
import static io.qrlogin.deploy.k8s.Shape.oneOf;
import static io.qrlogin.deploy.k8s.Shape.resource;
import static io.qrlogin.deploy.k8s.Shape.string;

/**
 * The part of the Prometheus Operator's custom resources these manifests use (ServiceMonitor,
 * PodMonitor, PrometheusRule of {@code monitoring.coreos.com/v1}), as shapes: they parse as
 * {@link GenericKubernetesResource}, like Strimzi's.
 *
 * @see <a href="https://prometheus-operator.dev/docs/api-reference/api/">Prometheus Operator API reference</a>
 */
final class MonitoringSchema {

    static final String API_VERSION = "monitoring.coreos.com/v1";

    private static final Shape DURATION = string("[0-9]+(ms|s|m|h|d)");

    /** A ServiceMonitor's endpoints and a PodMonitor's podMetricsEndpoints: where and how often to scrape. */
    private static final Shape ENDPOINTS = listOf(fields(
            "port", string("[a-z0-9]([-a-z0-9]*[a-z0-9])?"),
            "path", string("/.*"),
            "scheme", oneOf("http", "https"),
            "interval", DURATION,
            "scrapeTimeout", DURATION).required("port"));

    private static final Shape SERVICE_MONITOR = resource(fields(
            "selector", model(LabelSelector.class),
            "endpoints", ENDPOINTS).required("selector", "endpoints"));

    private static final Shape POD_MONITOR = resource(fields(
            "selector", model(LabelSelector.class),
            "podMetricsEndpoints", ENDPOINTS).required("selector", "podMetricsEndpoints"));

    private static final Shape RULE = fields(
            "alert", string("[A-Za-z][A-Za-z0-9_]*"),
            "record", string("[a-zA-Z_:][a-zA-Z0-9_:]*"),
            "expr", string(),
            "for", DURATION,
            "labels", mapOf(string()),
            "annotations", mapOf(string())).required("expr");

    private static final Shape PROMETHEUS_RULE = resource(fields(
            "groups", listOf(fields(
                    "name", string(),
                    "interval", DURATION,
                    "rules", listOf(RULE)).required("name", "rules"))).required("groups"));

    private static final Map<String, Shape> SHAPES = Map.of("ServiceMonitor", SERVICE_MONITOR, "PodMonitor", POD_MONITOR,
            "PrometheusRule", PROMETHEUS_RULE);

    private MonitoringSchema() {
    }

    static boolean isMonitoring(Map<String, Object> document) {
        return API_VERSION.equals(document.get("apiVersion"));
    }

    /** How the document differs from its kind's shape; an alerting rule also needs a summary and a severity. */
    static List<String> check(Map<String, Object> document, boolean patch) {
        List<String> problems = Shape.checkDocument(document, SHAPES, "a Prometheus Operator", patch);
        if (problems.isEmpty() && "PrometheusRule".equals(document.get("kind"))) {
            for (Object group : (List<?>) ((Map<?, ?>) document.get("spec")).get("groups")) {
                for (Object rule : (List<?>) ((Map<?, ?>) group).get("rules")) {
                    Map<?, ?> fields = (Map<?, ?>) rule;
                    if (fields.containsKey("alert") && !(has(fields, "labels", "severity") && has(fields, "annotations", "summary"))) {
                        problems.add("alert " + fields.get("alert") + " needs labels.severity and annotations.summary");
                    }
                }
            }
        }
        return problems;
    }

    private static boolean has(Map<?, ?> rule, String map, String key) {
        return rule.get(map) instanceof Map<?, ?> entries && entries.containsKey(key);
    }
}
