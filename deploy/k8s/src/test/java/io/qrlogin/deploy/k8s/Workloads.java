package io.qrlogin.deploy.k8s;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;

/** Reading pods out of workloads, and matching label selectors, as Kubernetes does. */
final class Workloads {

    private Workloads() {
    }

    /** The pod template of a Deployment or StatefulSet (also of a patch to one). */
    static Optional<PodTemplateSpec> template(Doc doc) {
        if (doc.resource() instanceof Deployment deployment && deployment.getSpec() != null) {
            return Optional.ofNullable(deployment.getSpec().getTemplate());
        }
        if (doc.resource() instanceof StatefulSet statefulSet && statefulSet.getSpec() != null) {
            return Optional.ofNullable(statefulSet.getSpec().getTemplate());
        }
        return Optional.empty();
    }

    static Optional<PodSpec> podSpec(Doc doc) {
        return template(doc).map(PodTemplateSpec::getSpec);
    }

    /** The pod labels of a Deployment or StatefulSet. */
    static Map<String, String> podLabels(Doc doc) {
        return template(doc).map((template) -> template.getMetadata())
            .map((metadata) -> Objects.requireNonNullElse(metadata.getLabels(), Map.<String, String>of()))
            .orElse(Map.of());
    }

    /** The resources (not patches) of the set that run pods. */
    static List<Doc> workloads(ResourceSet set) {
        return set.resources().stream().filter((doc) -> template(doc).isPresent()).toList();
    }

    /** Containers and init containers. */
    static List<Container> containers(Doc doc) {
        return podSpec(doc).map((spec) -> Stream.concat(
                Objects.requireNonNullElse(spec.getInitContainers(), List.<Container>of()).stream(),
                Objects.requireNonNullElse(spec.getContainers(), List.<Container>of()).stream()).toList())
            .orElse(List.of());
    }

    /** The service module a container runs (containers are named after their module), if it runs one. */
    static Optional<String> service(Container container) {
        return Project.SERVICES.contains(container.getName()) ? Optional.of(container.getName()) : Optional.empty();
    }

    /** Every port of every container named {@code container} in any document of the set (patches included). */
    static List<ContainerPort> ports(ResourceSet set, String workload, String container) {
        List<ContainerPort> ports = new ArrayList<>();
        for (Doc doc : set.all()) {
            if (!Objects.equals(doc.name(), workload)) {
                continue;
            }
            for (Container candidate : containers(doc)) {
                if (Objects.equals(candidate.getName(), container) && candidate.getPorts() != null) {
                    ports.addAll(candidate.getPorts());
                }
            }
        }
        return ports;
    }

    /** Whether a port given by name or number is one of {@code ports}. */
    static boolean hasPort(List<ContainerPort> ports, IntOrString port) {
        if (port == null) {
            return false;
        }
        if (port.getStrVal() != null) {
            return ports.stream().anyMatch((candidate) -> port.getStrVal().equals(candidate.getName()));
        }
        return ports.stream().anyMatch((candidate) -> Objects.equals(port.getIntVal(), candidate.getContainerPort()));
    }

    static List<ContainerPort> podPorts(Doc workload) {
        return containers(workload).stream()
            .flatMap((container) -> Objects.requireNonNullElse(container.getPorts(), List.<ContainerPort>of()).stream())
            .toList();
    }

    /** Whether {@code labels} satisfy {@code selector} (an empty selector matches everything). */
    static boolean matches(LabelSelector selector, Map<String, String> labels) {
        if (selector == null) {
            return true;
        }
        Map<String, String> matchLabels = Objects.requireNonNullElse(selector.getMatchLabels(), Map.of());
        if (!matchLabels.entrySet().stream().allMatch((entry) -> entry.getValue().equals(labels.get(entry.getKey())))) {
            return false;
        }
        for (LabelSelectorRequirement requirement : Objects.requireNonNullElse(selector.getMatchExpressions(),
                List.<LabelSelectorRequirement>of())) {
            String value = labels.get(requirement.getKey());
            List<String> values = Objects.requireNonNullElse(requirement.getValues(), List.of());
            boolean satisfied = switch (requirement.getOperator()) {
                case "In" -> value != null && values.contains(value);
                case "NotIn" -> value == null || !values.contains(value);
                case "Exists" -> value != null;
                case "DoesNotExist" -> value == null;
                default -> false;
            };
            if (!satisfied) {
                return false;
            }
        }
        return true;
    }

    static boolean matches(Map<String, String> selector, Map<String, String> labels) {
        return selector.entrySet().stream().allMatch((entry) -> entry.getValue().equals(labels.get(entry.getKey())));
    }
}
