package io.qrlogin.deploy.k8s;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;

/**
 * The services' way out. Every service pod is selected by an egress policy (so what is not allowed is
 * refused), every egress rule names its peers and its ports, and what a service must reach is allowed:
 * the cluster DNS, the services and collectors its configuration calls, Redis (an in-cluster one must let
 * it in too). The Kafka brokers are {@link StrimziChecks}'.
 */
final class EgressChecks {

    /**
     * The settings whose URL a service calls (the gateway's routes, the identity provider's keys, the
     * OpenTelemetry collector). Other URLs in the configuration are names, not destinations: the public
     * URL, the issuer, the browser origins. A URL naming a Service of the namespace (a bare host) is a call
     * whatever the setting's name: nothing else would name one (the gateway's route to oidc-provider).
     */
    static final Pattern CALLED = Pattern.compile("(?i).*(_SERVICE_URI|_JWK_SET_URI|_OTLP_ENDPOINT|_EXPORT_URL)$");

    static final String NAMESPACE_LABEL = "kubernetes.io/metadata.name";

    /** Where a service's traffic goes. */
    sealed interface Destination {
    }

    /** Pods of this namespace, with their labels and ports (to resolve named ports). */
    record Pods(String what, Map<String, String> labels, List<ContainerPort> ports) implements Destination {
    }

    /** Any pod of another namespace. */
    record Namespace(String name) implements Destination {
    }

    /** An address outside the cluster (an ipBlock). */
    record Outside(String what) implements Destination {
    }

    private EgressChecks() {
    }

    static List<String> check(ResourceSet set) {
        List<String> problems = new ArrayList<>();
        List<NetworkPolicy> policies = policies(set);
        List<ContainerConfig> services = ServiceChecks.serviceContainers(set);
        if (policies.isEmpty() || services.isEmpty()) {
            return problems;
        }
        for (ContainerConfig service : services) {
            Map<String, String> labels = Workloads.podLabels(service.workload());
            List<NetworkPolicy> selecting = selecting(policies, labels);
            if (selecting.isEmpty()) {
                problems.add(service.where() + " may call anywhere: no network policy with policyTypes Egress selects its pods");
                continue;
            }
            if (!allowed(policies, labels, new Namespace("kube-system"), new IntOrString(53), "UDP")) {
                problems.add(service.where() + " may not reach the cluster DNS (kube-system, port 53 UDP)");
            }
            service.settings().forEach((name, value) -> {
                Optional<Map.Entry<Destination, IntOrString>> called = destination(set, value);
                if (CALLED.matcher(name).matches() || called.filter((destination) -> destination.getKey() instanceof Pods).isPresent()) {
                    // The base and the parts leave the ways out of the cluster to the overlays.
                    called.filter((destination) -> set.profile() != ResourceSet.Profile.PART
                            || destination.getKey() instanceof Pods).ifPresent((destination) -> {
                        if (!allowed(policies, labels, destination.getKey(), destination.getValue(), "TCP")) {
                            problems.add(service.where() + " calls " + value.strip() + " (" + name + "), which no egress policy "
                                    + "lets out (to " + describe(destination.getKey()) + " on port "
                                    + Checks.show(destination.getValue()) + ")");
                        }
                    });
                }
            });
            problems.addAll(redis(set, service, policies, labels));
        }
        for (Doc doc : set.resources()) {
            if (!(doc.resource() instanceof NetworkPolicy policy) || policy.getSpec() == null
                    || services.stream().noneMatch((service) -> Workloads.matches(policy.getSpec().getPodSelector(),
                            Workloads.podLabels(service.workload())))) {
                continue;
            }
            for (NetworkPolicyEgressRule rule : Objects.requireNonNullElse(policy.getSpec().getEgress(), List.<NetworkPolicyEgressRule>of())) {
                if (Objects.requireNonNullElse(rule.getTo(), List.of()).isEmpty()) {
                    problems.add(doc.where() + " lets the services' pods out to any destination: name the peers");
                }
                if (Objects.requireNonNullElse(rule.getPorts(), List.of()).isEmpty()) {
                    problems.add(doc.where() + " lets the services' pods out on any port: name the ports");
                }
            }
        }
        return problems;
    }

    /**
     * Redis: the pods of an in-cluster Redis on their redis port, both ways (the service's egress, and
     * Redis' ingress), or (an overlay without one) an address outside.
     */
    private static List<String> redis(ResourceSet set, ContainerConfig service, List<NetworkPolicy> policies,
            Map<String, String> labels) {
        List<String> problems = new ArrayList<>();
        List<Doc> redis = Workloads.workloads(set).stream()
            .filter((doc) -> Workloads.podPorts(doc).stream().anyMatch((port) -> "redis".equals(port.getName()))).toList();
        for (Doc server : redis) {
            Pods pods = new Pods(server.where(), Workloads.podLabels(server), Workloads.podPorts(server));
            if (!allowed(policies, labels, pods, new IntOrString("redis"), "TCP")) {
                problems.add(service.where() + " may not reach Redis (" + server.where() + ", port redis)");
            }
            if (!Checks.allowed(policies, labels, server, new IntOrString("redis"))) {
                problems.add(service.where() + " is not let in by Redis (" + server.where() + ", port redis): no network "
                        + "policy selecting Redis admits it");
            }
        }
        if (redis.isEmpty() && set.profile() != ResourceSet.Profile.PART && selecting(policies, labels).stream()
            .flatMap((policy) -> Objects.requireNonNullElse(policy.getSpec().getEgress(), List.<NetworkPolicyEgressRule>of()).stream())
            .noneMatch((rule) -> Objects.requireNonNullElse(rule.getTo(), List.<NetworkPolicyPeer>of()).stream()
                .anyMatch((peer) -> peer.getIpBlock() != null))) {
            problems.add(service.where() + " may not reach a Redis outside the cluster: no egress rule to an ipBlock");
        }
        return problems;
    }

    /** The policies with policyTypes Egress that select pods with {@code labels}. */
    static List<NetworkPolicy> selecting(List<NetworkPolicy> policies, Map<String, String> labels) {
        return policies.stream()
            .filter((policy) -> policy.getSpec().getPolicyTypes() != null && policy.getSpec().getPolicyTypes().contains("Egress"))
            .filter((policy) -> Workloads.matches(policy.getSpec().getPodSelector(), labels))
            .toList();
    }

    /**
     * Whether pods with {@code source} labels may send to {@code destination} on {@code port} ({@code protocol}):
     * yes if no egress policy selects them, else if a rule of one that does admits it.
     */
    static boolean allowed(List<NetworkPolicy> policies, Map<String, String> source, Destination destination, IntOrString port,
            String protocol) {
        List<NetworkPolicy> selecting = selecting(policies, source);
        if (selecting.isEmpty()) {
            return true;
        }
        Optional<Integer> number = number(destination, port);
        return selecting.stream()
            .flatMap((policy) -> Objects.requireNonNullElse(policy.getSpec().getEgress(), List.<NetworkPolicyEgressRule>of()).stream())
            .anyMatch((rule) -> {
                List<NetworkPolicyPeer> to = Objects.requireNonNullElse(rule.getTo(), List.of());
                boolean peer = to.isEmpty() || to.stream().anyMatch((candidate) -> admits(candidate, destination));
                List<NetworkPolicyPort> ports = Objects.requireNonNullElse(rule.getPorts(), List.of());
                boolean open = ports.isEmpty() || ports.stream().anyMatch((candidate) ->
                        Objects.requireNonNullElse(candidate.getProtocol(), "TCP").equals(protocol) && samePort(candidate.getPort(),
                                port, number, destination));
                return peer && open;
            });
    }

    static List<NetworkPolicy> policies(ResourceSet set) {
        return set.resources().stream().filter((doc) -> doc.resource() instanceof NetworkPolicy)
            .map((doc) -> (NetworkPolicy) doc.resource()).filter((policy) -> policy.getSpec() != null).toList();
    }

    private static boolean admits(NetworkPolicyPeer peer, Destination destination) {
        if (destination instanceof Pods pods) {
            return peer.getPodSelector() != null && peer.getNamespaceSelector() == null && peer.getIpBlock() == null
                    && Workloads.matches(peer.getPodSelector(), pods.labels());
        }
        if (destination instanceof Namespace namespace) {
            return peer.getNamespaceSelector() != null && Workloads.matches(peer.getNamespaceSelector(), Map.of(NAMESPACE_LABEL, namespace.name()));
        }
        return peer.getIpBlock() != null;
    }

    private static boolean samePort(IntOrString rule, IntOrString wanted, Optional<Integer> wantedNumber, Destination destination) {
        if (rule == null) {
            return true;
        }
        if (rule.getIntVal() != null) {
            return wantedNumber.isPresent() && wantedNumber.get().equals(rule.getIntVal());
        }
        if (wanted.getStrVal() != null) {
            return rule.getStrVal().equals(wanted.getStrVal());
        }
        return destination instanceof Pods pods && pods.ports().stream()
            .anyMatch((port) -> rule.getStrVal().equals(port.getName()) && Objects.equals(port.getContainerPort(), wanted.getIntVal()));
    }

    private static Optional<Integer> number(Destination destination, IntOrString port) {
        if (port.getIntVal() != null) {
            return Optional.of(port.getIntVal());
        }
        if (destination instanceof Pods pods) {
            return pods.ports().stream().filter((candidate) -> port.getStrVal().equals(candidate.getName()))
                .map(ContainerPort::getContainerPort).findFirst();
        }
        return Optional.empty();
    }

    /**
     * Where a called URL goes: a Service of this namespace (a bare host: its pods, on the Service's target
     * port), another namespace ({@code name.namespace.svc...}), or outside the cluster (any other host).
     */
    private static Optional<Map.Entry<Destination, IntOrString>> destination(ResourceSet set, String value) {
        URI uri;
        try {
            uri = URI.create(value.strip());
        }
        catch (IllegalArgumentException ex) {
            return Optional.empty();
        }
        if (uri.getScheme() == null || !uri.getScheme().startsWith("http") || uri.getHost() == null
                || uri.getHost().equals("localhost")) {
            return Optional.empty();
        }
        int port = (uri.getPort() != -1) ? uri.getPort() : ("https".equals(uri.getScheme()) ? 443 : 80);
        String host = uri.getHost();
        if (!host.contains(".")) {
            Optional<Service> service = set.resources().stream()
                .filter((doc) -> doc.resource() instanceof Service && Objects.equals(doc.name(), host))
                .map((doc) -> (Service) doc.resource()).findFirst();
            Optional<ServicePort> servicePort = service.flatMap((candidate) -> Objects.requireNonNullElse(candidate.getSpec().getPorts(),
                    List.<ServicePort>of()).stream().filter((candidate2) -> candidate2.getPort() == port).findFirst());
            if (servicePort.isEmpty()) {
                return Optional.empty();
            }
            Map<String, String> selector = Objects.requireNonNullElse(service.get().getSpec().getSelector(), Map.of());
            Optional<Doc> pods = Workloads.workloads(set).stream()
                .filter((doc) -> Workloads.matches(selector, Workloads.podLabels(doc))).findFirst();
            if (pods.isEmpty()) {
                return Optional.empty();
            }
            IntOrString target = (servicePort.get().getTargetPort() != null) ? servicePort.get().getTargetPort() : new IntOrString(port);
            return Optional.of(Map.entry(new Pods(pods.get().where(), Workloads.podLabels(pods.get()), Workloads.podPorts(pods.get())),
                    target));
        }
        String[] labels = host.split("\\.");
        if (labels.length >= 3 && labels[2].equals("svc")) {
            return Optional.of(Map.entry(new Namespace(labels[1]), new IntOrString(port)));
        }
        return Optional.of(Map.entry(new Outside(host), new IntOrString(port)));
    }

    private static String describe(Destination destination) {
        if (destination instanceof Pods pods) {
            return "the pods of " + pods.what();
        }
        if (destination instanceof Namespace namespace) {
            return "the namespace " + namespace.name();
        }
        return ((Outside) destination).what() + " (an ipBlock)";
    }
}
