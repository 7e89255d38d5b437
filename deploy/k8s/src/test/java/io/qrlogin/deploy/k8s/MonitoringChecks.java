package io.qrlogin.deploy.k8s;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.LabelSelector;

import static io.qrlogin.deploy.k8s.Trees.list;
import static io.qrlogin.deploy.k8s.Trees.map;

/**
 * What the monitoring brings: alerts for the two things that fill up silently (a consumer falling behind
 * on the events topic, Redis running out of memory), alerts over the services' jobs that leave none of
 * them out, a PodMonitor that finds the pods it means, and the Grafana dashboard as a ConfigMap the
 * Grafana sidecar loads, holding exactly the dashboard's JSON file.
 */
final class MonitoringChecks {

    /** The label the Grafana sidecar looks for. */
    static final String DASHBOARD_LABEL = "grafana_dashboard";

    /** The dashboards, as files: the ConfigMap is generated from them. */
    static final Path DASHBOARDS = Project.K8S.resolve("monitoring/dashboards");

    /** Metric names an alert must watch, and what for. */
    static final Map<String, String> ALERTED = Map.of(
            "kafka_consumergroup_lag", "Kafka consumer lag on the events topic (Strimzi's Kafka Exporter)",
            "qrlogin_kafka_reachable", "a service that cannot reach Kafka (readiness leaves Kafka out, so only this tells)",
            "redis_memory_used_bytes", "Redis memory against maxmemory (a Redis exporter)",
            "redis_memory_max_bytes", "Redis memory against maxmemory (a Redis exporter)",
            "qrlogin_rejections_total{code=\"invalid_verifier\"}",
            "wrong code verifiers: someone guessing, refused and counted, never burning a ticket");

    /** A selection of Prometheus jobs by regular expression; a service's job is its Service's name. */
    private static final Pattern JOBS = Pattern.compile("job=~\"([^\"]+)\"");

    private MonitoringChecks() {
    }

    static List<String> check(ResourceSet set) {
        List<String> problems = new ArrayList<>();
        List<Doc> rules = set.ofKind("PrometheusRule");
        if (!rules.isEmpty()) {
            problems.addAll(servicesAlertedAlike(rules));
            List<String> expressions = rules.stream()
                .flatMap((doc) -> list(map(doc.tree().get("spec")).get("groups")).stream())
                .flatMap((group) -> list(map(group).get("rules")).stream())
                .filter((rule) -> map(rule).containsKey("alert"))
                .map((rule) -> String.valueOf(map(rule).get("expr")))
                .toList();
            ALERTED.forEach((metric, what) -> {
                if (expressions.stream().noneMatch((expression) -> expression.contains(metric))) {
                    problems.add("no alert watches " + metric + ": " + what);
                }
            });
        }
        problems.addAll(podMonitors(set));
        if (!set.ofKind("ServiceMonitor").isEmpty()) {
            problems.addAll(dashboard(set));
        }
        return problems;
    }

    /**
     * An alert that watches the services by their jobs ({@code job=~"notify-gateway|qr-service|..."})
     * watches every service: a new service left out of the list would fail, or go down, without an alert.
     */
    private static List<String> servicesAlertedAlike(List<Doc> rules) {
        List<String> problems = new ArrayList<>();
        for (Doc doc : rules) {
            for (Object group : list(map(doc.tree().get("spec")).get("groups"))) {
                for (Object rule : list(map(group).get("rules"))) {
                    Object alert = map(rule).get("alert");
                    if (alert == null) {
                        continue;
                    }
                    Matcher jobs = JOBS.matcher(String.valueOf(map(rule).get("expr")));
                    while (jobs.find()) {
                        List<String> named = Arrays.asList(jobs.group(1).split("\\|"));
                        List<String> missing = Project.SERVICES.stream().filter((service) -> !named.contains(service)).toList();
                        if (named.stream().anyMatch(Project.SERVICES::contains) && !missing.isEmpty()) {
                            problems.add(doc.where() + " alert " + alert + " watches the jobs " + named + " but not " + missing
                                    + ": a service it leaves out fails unnoticed");
                        }
                    }
                }
            }
        }
        return problems;
    }

    /** A PodMonitor selects pods of the set (Strimzi's included) that open the port it scrapes. */
    private static List<String> podMonitors(ResourceSet set) {
        List<String> problems = new ArrayList<>();
        List<Map.Entry<Map<String, String>, List<ContainerPort>>> pods = new ArrayList<>(StrimziChecks.pods(set));
        Workloads.workloads(set).forEach((doc) -> pods.add(Map.entry(Workloads.podLabels(doc), Workloads.podPorts(doc))));
        if (pods.isEmpty()) {
            return problems;
        }
        for (Doc doc : set.ofKind("PodMonitor")) {
            LabelSelector selector = KubernetesModel.parse(map(doc.tree().get("spec")).get("selector"), LabelSelector.class);
            List<Map.Entry<Map<String, String>, List<ContainerPort>>> selected = pods.stream()
                .filter((pod) -> Workloads.matches(selector, pod.getKey())).toList();
            if (selected.isEmpty()) {
                problems.add(doc.where() + " selects no pods");
                continue;
            }
            for (Object endpoint : list(map(doc.tree().get("spec")).get("podMetricsEndpoints"))) {
                Object port = map(endpoint).get("port");
                if (selected.stream().noneMatch((pod) -> pod.getValue().stream().anyMatch((candidate) -> Objects.equals(port, candidate.getName())))) {
                    problems.add(doc.where() + " scrapes the port " + port + ", which the pods it selects do not open");
                }
            }
        }
        return problems;
    }

    /**
     * A ConfigMap labelled for the Grafana sidecar holds each dashboard of monitoring/dashboards, byte for
     * byte (kustomize's configMapGenerator makes it from the file, so the two cannot drift), and the
     * dashboard is one Grafana can load: a JSON object with a uid, a title and panels.
     */
    private static List<String> dashboard(ResourceSet set) {
        List<String> problems = new ArrayList<>();
        Map<String, String> shipped = new LinkedHashMap<>();
        set.configMapLabels().forEach((name, labels) -> {
            if ("1".equals(labels.get(DASHBOARD_LABEL))) {
                shipped.putAll(set.configMaps().getOrDefault(name, Map.of()));
            }
        });
        if (shipped.isEmpty()) {
            problems.add("no ConfigMap is labelled " + DASHBOARD_LABEL + "=\"1\": the Grafana sidecar would load no dashboard");
            return problems;
        }
        for (Path file : dashboardFiles()) {
            String name = file.getFileName().toString();
            String json;
            try {
                json = Files.readString(file);
            }
            catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
            if (!json.equals(shipped.get(name))) {
                problems.add("the Grafana dashboard ConfigMap " + ((shipped.containsKey(name)) ? "holds another " + name
                        : "lacks " + name) + " than monitoring/dashboards/" + name + ": generate it from the file (configMapGenerator files)");
            }
        }
        shipped.forEach((key, json) -> {
            List<Map<String, Object>> documents;
            try {
                documents = YamlDocuments.load(json, key);
            }
            catch (RuntimeException ex) {
                problems.add("the dashboard " + key + " is not JSON: " + ex.getMessage());
                return;
            }
            Map<String, Object> dashboard = documents.isEmpty() ? Map.of() : documents.get(0);
            if (!(dashboard.get("uid") instanceof String) || !(dashboard.get("title") instanceof String)
                    || list(dashboard.get("panels")).isEmpty()) {
                problems.add("the dashboard " + key + " has no uid, title or panels: Grafana would not load it");
            }
        });
        return problems;
    }

    static List<Path> dashboardFiles() {
        try (Stream<Path> files = Files.list(DASHBOARDS)) {
            return files.filter((file) -> file.toString().endsWith(".json")).sorted().toList();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
