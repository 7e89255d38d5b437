package io.qrlogin.deploy.k8s;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPBackendRef;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPPathMatch;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteMatch;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteRule;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Listener;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.ParentReference;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;

/**
 * The public edge: the Gateway API's HTTPRoute (the default) or an Ingress sends every path of the
 * public host to notify-gateway and nothing to any other Service; the browser socket's route has a
 * timeout longer than a socket lives; an HTTPRoute attached to a Gateway of the same manifests finds its
 * listener; and in an overlay, there is an edge and a network policy that lets it reach the gateway.
 */
final class EdgeChecks {

    /** The ConfigMap and key of the public URL (its host is the edge's host). */
    static final String PUBLIC_CONFIG_MAP = "qrlogin-public";

    static final String PUBLIC_URL_KEY = "url";

    /** How long a ticket waits, and so how long a browser socket can live. */
    static final Duration DEFAULT_PENDING = Duration.ofSeconds(120);

    static final Duration DEFAULT_CONFIRMED = Duration.ofSeconds(30);

    /** How often the gateway pings a socket: an idle timeout of the edge must exceed it. */
    static final Duration DEFAULT_PING_INTERVAL = Duration.ofSeconds(20);

    private EdgeChecks() {
    }

    static List<String> check(ResourceSet set) {
        List<String> problems = new ArrayList<>();
        for (Doc doc : set.all()) {
            if (doc.resource() instanceof HTTPRoute route && route.getSpec() != null) {
                problems.addAll(route(set, doc, route));
            }
            if (doc.resource() instanceof Ingress ingress && ingress.getSpec() != null && !doc.patch()) {
                problems.addAll(ingressHosts(set, doc, patched(set, doc, ingress)));
                problems.addAll(ingressWebSocket(set, doc, ingress));
            }
        }
        problems.addAll(overlayHasAnEdge(set));
        return problems;
    }

    private static List<String> route(ResourceSet set, Doc doc, HTTPRoute route) {
        List<String> problems = new ArrayList<>();
        List<HTTPRouteRule> rules = Objects.requireNonNullElse(route.getSpec().getRules(), List.of());
        boolean servicesHere = set.resources().stream().anyMatch((candidate) -> candidate.resource() instanceof Service);
        for (HTTPRouteRule rule : rules) {
            for (HTTPBackendRef backend : Objects.requireNonNullElse(rule.getBackendRefs(), List.<HTTPBackendRef>of())) {
                boolean service = backend.getKind() == null || "Service".equals(backend.getKind());
                if (!service || !Project.GATEWAY.equals(backend.getName()) || backend.getNamespace() != null) {
                    problems.add(doc.where() + " routes to " + backend.getKind() + " " + backend.getName() + ": only "
                            + Project.GATEWAY + " is public");
                    continue;
                }
                if (servicesHere && !servicePort(set, Project.GATEWAY, backend.getPort())) {
                    problems.add(doc.where() + " routes to port " + backend.getPort() + " of " + Project.GATEWAY
                            + ", which its Service does not have");
                }
            }
        }
        if (doc.patch()) {
            return problems;
        }
        if (rules.stream().noneMatch((rule) -> matches(rule).stream().anyMatch((match) -> "PathPrefix".equals(type(match))
                && "/".equals(match.getValue())))) {
            problems.add(doc.where() + " does not send every path (PathPrefix /) to the gateway");
        }
        String socket = GatewaySource.socketPath();
        Optional<HTTPRouteRule> socketRule = ruleFor(rules, socket);
        Duration lifetime = socketLifetime(set);
        if (socketRule.isEmpty()) {
            problems.add(doc.where() + " has no rule for the browser socket " + socket);
        }
        else {
            var timeouts = socketRule.get().getTimeouts();
            for (String[] timeout : new String[][] { { "request", (timeouts != null) ? timeouts.getRequest() : null },
                    { "backendRequest", (timeouts != null) ? timeouts.getBackendRequest() : null } }) {
                if (timeout[0].equals("backendRequest") && timeout[1] == null) {
                    continue;
                }
                Optional<Duration> value = (timeout[1] != null) ? ContainerConfig.duration(timeout[1]) : Optional.empty();
                boolean disabled = value.isPresent() && value.get().isZero();
                if (value.isEmpty() || (!disabled && value.get().compareTo(lifetime) < 0)) {
                    problems.add(doc.where() + ": the rule serving the browser socket " + socket + " has timeouts."
                            + timeout[0] + " " + timeout[1] + ", shorter than a socket lives (" + lifetime.toSeconds()
                            + " s: a ticket's pending plus confirmed time; \"0s\" disables it); Envoy-based implementations "
                            + "default to 15 s");
                }
            }
        }
        // Hosts and parents as the overlay's patches leave them (kustomize replaces these lists whole).
        List<String> routeHostnames = Objects.requireNonNullElse(patched(set, doc, route, (candidate) -> candidate.getSpec().getHostnames()),
                List.<String>of());
        List<ParentReference> parents = Objects.requireNonNullElse(patched(set, doc, route, (candidate) -> candidate.getSpec().getParentRefs()),
                List.<ParentReference>of());
        publicHost(set).ifPresent((host) -> {
            if (!routeHostnames.isEmpty() && !routeHostnames.contains(host)) {
                problems.add(doc.where() + " serves " + routeHostnames + ", not the public URL's host " + host + " ("
                        + PUBLIC_CONFIG_MAP + ")");
            }
        });
        for (ParentReference parent : parents) {
            if (parent.getNamespace() != null) {
                continue;
            }
            Optional<Gateway> gateway = set.resources().stream()
                .filter((candidate) -> candidate.resource() instanceof Gateway && Objects.equals(candidate.name(), parent.getName()))
                .map((candidate) -> (Gateway) candidate.resource()).findFirst();
            if (gateway.isEmpty()) {
                problems.add(doc.where() + " attaches to the Gateway " + parent.getName() + " of its own namespace, which is "
                        + "not in these manifests (name the namespace of a shared Gateway)");
                continue;
            }
            List<Listener> listeners = Objects.requireNonNullElse(gateway.get().getSpec().getListeners(), List.of());
            List<Listener> attached = listeners.stream()
                .filter((listener) -> parent.getSectionName() == null || parent.getSectionName().equals(listener.getName())).toList();
            if (attached.isEmpty()) {
                problems.add(doc.where() + " attaches to the listener " + parent.getSectionName() + " of the Gateway "
                        + parent.getName() + ", which has " + listeners.stream().map(Listener::getName).toList());
            }
            for (Listener listener : attached) {
                if (listener.getHostname() != null && !routeHostnames.isEmpty() && !routeHostnames.contains(listener.getHostname())) {
                    problems.add(doc.where() + " serves " + routeHostnames + ", but the listener " + listener.getName()
                            + " of the Gateway " + parent.getName() + " accepts only " + listener.getHostname());
                }
            }
        }
        return problems;
    }

    /** A list field of an HTTPRoute as the last patch of the set that sets it leaves it, else the route's own. */
    private static <T> List<T> patched(ResourceSet set, Doc doc, HTTPRoute route,
            Function<HTTPRoute, List<T>> field) {
        List<T> value = field.apply(route);
        for (Doc patch : set.patches()) {
            if (patch != doc && patch.resource() instanceof HTTPRoute candidate && Objects.equals(patch.name(), doc.name())
                    && candidate.getSpec() != null && field.apply(candidate) != null) {
                value = field.apply(candidate);
            }
        }
        return value;
    }

    /** An Ingress with the rules of the last patch of the set that sets them. */
    private static Ingress patched(ResourceSet set, Doc doc, Ingress ingress) {
        Ingress value = ingress;
        for (Doc patch : set.patches()) {
            if (patch.resource() instanceof Ingress candidate && Objects.equals(patch.name(), doc.name())
                    && candidate.getSpec() != null && candidate.getSpec().getRules() != null) {
                value = candidate;
            }
        }
        return value;
    }

    /** The rule a request for {@code path} goes to: an Exact match first, else the longest matching prefix. */
    static Optional<HTTPRouteRule> ruleFor(List<HTTPRouteRule> rules, String path) {
        Optional<HTTPRouteRule> exact = rules.stream()
            .filter((rule) -> matches(rule).stream().anyMatch((match) -> "Exact".equals(type(match)) && path.equals(match.getValue())))
            .findFirst();
        if (exact.isPresent()) {
            return exact;
        }
        return rules.stream()
            .flatMap((rule) -> matches(rule).stream().filter((match) -> "PathPrefix".equals(type(match)) && prefixMatches(match.getValue(), path))
                .map((match) -> Map.entry(match.getValue().length(), rule)))
            .max(Comparator.comparing(Map.Entry::getKey))
            .map(Map.Entry::getValue);
    }

    /** Every Ingress rule serves the public URL's host (when the set knows it). */
    private static List<String> ingressHosts(ResourceSet set, Doc doc, Ingress ingress) {
        List<String> problems = new ArrayList<>();
        publicHost(set).ifPresent((host) -> {
            List<String> hosts = Objects.requireNonNullElse(ingress.getSpec().getRules(), List.<IngressRule>of()).stream()
                .map(IngressRule::getHost).filter(Objects::nonNull).toList();
            if (!hosts.isEmpty() && !hosts.contains(host)) {
                problems.add(doc.where() + " serves " + hosts + ", not the public URL's host " + host + " (" + PUBLIC_CONFIG_MAP + ")");
            }
        });
        return problems;
    }

    /**
     * The NGINX Ingress Controller (class nginx) proxies WebSockets only to the Services named in
     * nginx.org/websocket-services, and closes a connection idle longer than its read timeout: the
     * gateway's pings must come sooner.
     */
    private static List<String> ingressWebSocket(ResourceSet set, Doc doc, Ingress ingress) {
        List<String> problems = new ArrayList<>();
        if (!"nginx".equals(ingress.getSpec().getIngressClassName())) {
            return problems;
        }
        Map<String, String> annotations = (ingress.getMetadata() != null)
                ? Objects.requireNonNullElse(ingress.getMetadata().getAnnotations(), Map.of()) : Map.of();
        String websocketServices = annotations.getOrDefault("nginx.org/websocket-services", "");
        if (List.of(websocketServices.split(",")).stream().map(String::strip).noneMatch(Project.GATEWAY::equals)) {
            problems.add(doc.where() + ": nginx.org/websocket-services does not name " + Project.GATEWAY
                    + ", so the browser socket's upgrade would be refused");
        }
        for (String timeout : List.of("nginx.org/proxy-read-timeout", "nginx.org/proxy-send-timeout")) {
            Optional<Duration> value = Optional.ofNullable(annotations.get(timeout)).flatMap(ContainerConfig::duration);
            if (value.isEmpty() || value.get().compareTo(DEFAULT_PING_INTERVAL) <= 0) {
                problems.add(doc.where() + ": " + timeout + " " + annotations.get(timeout) + " must exceed the gateway's ping "
                        + "interval (" + DEFAULT_PING_INTERVAL.toSeconds() + " s), or idle sockets are closed (NGINX's default is 60 s)");
            }
        }
        return problems;
    }

    /**
     * An overlay has a public edge (an HTTPRoute or an Ingress to the gateway), and its network policies
     * let traffic from outside the namespace reach the gateway's http port.
     */
    private static List<String> overlayHasAnEdge(ResourceSet set) {
        List<String> problems = new ArrayList<>();
        if (set.profile() == ResourceSet.Profile.PART) {
            return problems;
        }
        boolean edge = set.resources().stream().anyMatch((doc) -> doc.resource() instanceof HTTPRoute
                || doc.resource() instanceof Ingress);
        if (!edge) {
            problems.add("there is no edge: neither an HTTPRoute (../../gateway-api) nor an Ingress (../../ingress) sends "
                    + "browsers to " + Project.GATEWAY);
        }
        List<NetworkPolicy> policies = set.resources().stream().filter((doc) -> doc.resource() instanceof NetworkPolicy)
            .map((doc) -> (NetworkPolicy) doc.resource()).toList();
        Optional<Doc> gateway = Workloads.workloads(set).stream()
            .filter((doc) -> Project.GATEWAY.equals(Workloads.podLabels(doc).get("app.kubernetes.io/name"))).findFirst();
        if (policies.isEmpty() || gateway.isEmpty()) {
            return problems;
        }
        boolean reachable = policies.stream()
            .filter((policy) -> Workloads.matches(policy.getSpec().getPodSelector(), Workloads.podLabels(gateway.get())))
            .flatMap((policy) -> Objects.requireNonNullElse(policy.getSpec().getIngress(), List.<NetworkPolicyIngressRule>of()).stream())
            .anyMatch((rule) -> Objects.requireNonNullElse(rule.getFrom(), List.<NetworkPolicyPeer>of()).stream()
                .anyMatch((peer) -> peer.getNamespaceSelector() != null || peer.getIpBlock() != null)
                    && Objects.requireNonNullElse(rule.getPorts(), List.<NetworkPolicyPort>of()).stream()
                        .anyMatch((port) -> port.getPort() != null && Checks.HTTP_PORT.equals(port.getPort().getStrVal())));
        if (!reachable) {
            problems.add("no network policy lets the edge (another namespace's proxies) reach " + Project.GATEWAY + "'s "
                    + Checks.HTTP_PORT + " port");
        }
        return problems;
    }

    /** How long a browser socket can live: a ticket's pending plus confirmed time, as qrlogin-shared sets them. */
    static Duration socketLifetime(ResourceSet set) {
        Map<String, String> shared = set.configMaps().getOrDefault("qrlogin-shared", Map.of());
        Duration pending = Optional.ofNullable(shared.get("QRLOGIN_TICKET_PENDING")).flatMap(ContainerConfig::duration)
            .orElse(DEFAULT_PENDING);
        Duration confirmed = Optional.ofNullable(shared.get("QRLOGIN_TICKET_CONFIRMED")).flatMap(ContainerConfig::duration)
            .orElse(DEFAULT_CONFIRMED);
        return pending.plus(confirmed);
    }

    /** The host of the public URL, if the set has the ConfigMap that holds it. */
    static Optional<String> publicHost(ResourceSet set) {
        String url = set.configMaps().getOrDefault(PUBLIC_CONFIG_MAP, Map.of()).get(PUBLIC_URL_KEY);
        if (url == null) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(URI.create(url.strip()).getHost());
        }
        catch (IllegalArgumentException ex) {
            return Optional.empty();
        }
    }

    private static boolean servicePort(ResourceSet set, String service, Integer port) {
        return set.resources().stream()
            .filter((doc) -> doc.resource() instanceof Service && Objects.equals(doc.name(), service))
            .map((doc) -> (Service) doc.resource())
            .flatMap((candidate) -> Objects.requireNonNullElse(candidate.getSpec().getPorts(), List.<ServicePort>of()).stream())
            .anyMatch((candidate) -> Objects.equals(candidate.getPort(), port));
    }

    private static List<HTTPPathMatch> matches(HTTPRouteRule rule) {
        List<HTTPRouteMatch> matches = Objects.requireNonNullElse(rule.getMatches(), List.of());
        if (matches.isEmpty()) {
            // No match: the Gateway API's default, PathPrefix /.
            HTTPPathMatch all = new HTTPPathMatch();
            all.setType("PathPrefix");
            all.setValue("/");
            return List.of(all);
        }
        return matches.stream().map(HTTPRouteMatch::getPath).filter(Objects::nonNull).toList();
    }

    private static String type(HTTPPathMatch match) {
        return Objects.requireNonNullElse(match.getType(), "PathPrefix");
    }

    /** Gateway API prefixes match whole path elements: /ws matches /ws/qr, not /wsx. */
    private static boolean prefixMatches(String prefix, String path) {
        String normalized = (prefix.length() > 1 && prefix.endsWith("/")) ? prefix.substring(0, prefix.length() - 1) : prefix;
        return normalized.equals("/") || path.equals(normalized) || path.startsWith(normalized + "/");
    }
}
