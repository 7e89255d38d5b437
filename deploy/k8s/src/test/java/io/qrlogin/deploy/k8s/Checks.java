package io.qrlogin.deploy.k8s;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.fabric8.kubernetes.api.model.Capabilities;
import io.fabric8.kubernetes.api.model.ConfigMapKeySelector;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.KeyToPath;
import io.fabric8.kubernetes.api.model.LocalObjectReference;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import io.fabric8.kubernetes.api.model.SecretProjection;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Listener;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.SecretObjectReference;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBackend;
import io.fabric8.kubernetes.api.model.networking.v1.IngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.IngressTLS;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;

import static io.qrlogin.deploy.k8s.Workloads.containers;
import static io.qrlogin.deploy.k8s.Workloads.matches;
import static io.qrlogin.deploy.k8s.Workloads.podLabels;
import static io.qrlogin.deploy.k8s.Workloads.podSpec;
import static io.qrlogin.deploy.k8s.Workloads.workloads;

/**
 * The cross-reference checks, run on what one kustomization applies ({@link ResourceSet}): names that
 * must point at something that exists, ports that must be open, configuration that must reach a
 * property the service reads. Each check returns problems as sentences; none means it holds.
 */
final class Checks {

    /** The public edge: the only Service an Ingress or HTTPRoute may route to. */
    static final String GATEWAY = Project.GATEWAY;

    /** Where a service's HTTP API and its management endpoints listen (container port names). */
    static final String HTTP_PORT = "http";

    static final String MANAGEMENT_PORT = "management";

    /** Values that must come from a Secret, never a literal or a ConfigMap. */
    static final Pattern SENSITIVE = Pattern.compile("(?i).*(PASSWORD|SECRET|TOKEN|JWKS|CREDENTIALS)$|SPRING_DATA_REDIS_URL");

    static final String DEMO_SWITCH = "QRLOGIN_DEMO_ENABLED";

    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private Checks() {
    }

    static List<String> all(ResourceSet set, Map<String, ServiceConfiguration> services,
            Map<String, Set<String>> operatorSecrets) {
        List<String> problems = new ArrayList<>(set.problems());
        problems.addAll(serviceSelectors(set));
        problems.addAll(probePorts(set));
        problems.addAll(references(set, operatorSecrets));
        problems.addAll(environment(set, services, operatorSecrets));
        problems.addAll(images(set));
        problems.addAll(ingress(set));
        problems.addAll(scaling(set));
        problems.addAll(networkPolicies(set));
        problems.addAll(hardening(set));
        problems.addAll(servicePorts(set, services));
        problems.addAll(inClusterUrls(set));
        problems.addAll(networkPathsForInClusterUrls(set));
        problems.addAll(secretsStaySecret(set));
        problems.addAll(demoModeOnlyInDev(set));
        problems.addAll(StrimziChecks.check(set));
        problems.addAll(ServiceChecks.check(set, services, operatorSecrets));
        problems.addAll(EdgeChecks.check(set));
        problems.addAll(EgressChecks.check(set));
        problems.addAll(MonitoringChecks.check(set));
        problems.addAll(ExternalSecretsChecks.check(set, operatorSecrets));
        return problems.stream().map((problem) -> set.name() + ": " + problem).toList();
    }

    /** Every Service selects the pods of a Deployment or StatefulSet, on a port they open. */
    static List<String> serviceSelectors(ResourceSet set) {
        List<String> problems = new ArrayList<>();
        for (Doc doc : set.resources()) {
            if (doc.resource() instanceof Service service && service.getSpec() != null) {
                Map<String, String> selector = Objects.requireNonNullElse(service.getSpec().getSelector(), Map.of());
                if (selector.isEmpty()) {
                    problems.add(doc.where() + " has no selector");
                    continue;
                }
                List<Doc> selected = workloads(set).stream().filter((workload) -> matches(selector, podLabels(workload))).toList();
                if (selected.isEmpty()) {
                    problems.add(doc.where() + " selects " + selector + ", which no Deployment or StatefulSet's pods carry");
                    continue;
                }
                for (ServicePort port : Objects.requireNonNullElse(service.getSpec().getPorts(), List.<ServicePort>of())) {
                    IntOrString target = (port.getTargetPort() != null) ? port.getTargetPort() : new IntOrString(port.getPort());
                    for (Doc workload : selected) {
                        if (!Workloads.hasPort(Workloads.podPorts(workload), target)) {
                            problems.add(doc.where() + " port " + port.getName() + " targets " + show(target)
                                    + ", which " + workload.where() + " does not open");
                        }
                    }
                }
            }
            if (doc.resource() instanceof StatefulSet statefulSet && statefulSet.getSpec() != null
                    && serviceNamed(set, statefulSet.getSpec().getServiceName()).isEmpty()) {
                problems.add(doc.where() + " names the Service " + statefulSet.getSpec().getServiceName() + ", which does not exist");
            }
        }
        return problems;
    }

    /** Every probe's port (by name or number) is a port of its container. */
    static List<String> probePorts(ResourceSet set) {
        List<String> problems = new ArrayList<>();
        for (Doc doc : set.all()) {
            for (Container container : containers(doc)) {
                List<ContainerPort> ports = Workloads.ports(set, doc.name(), container.getName());
                Stream.of(container.getStartupProbe(), container.getLivenessProbe(), container.getReadinessProbe())
                    .filter(Objects::nonNull)
                    .forEach((probe) -> {
                        IntOrString port = probePort(probe);
                        if (port != null && !Workloads.hasPort(ports, port)) {
                            problems.add(doc.where() + " container " + container.getName() + " probes port " + show(port)
                                    + ", which the container does not declare");
                        }
                    });
            }
        }
        return problems;
    }

    /** A reference from a pod, an Ingress or a Gateway to a ConfigMap or a Secret (key null: the whole object). */
    record Reference(String where, boolean secret, String name, String key, boolean optional) {
    }

    /** Every reference to a ConfigMap or a Secret in the set's pods, Ingresses and Gateways. */
    static List<Reference> references(ResourceSet set) {
        List<Reference> references = new ArrayList<>();
        for (Doc doc : set.all()) {
            podSpec(doc).ifPresent((spec) -> {
                for (Container container : containers(doc)) {
                    String where = doc.where() + " container " + container.getName();
                    for (EnvVar env : Objects.requireNonNullElse(container.getEnv(), List.<EnvVar>of())) {
                        if (env.getValueFrom() == null) {
                            continue;
                        }
                        SecretKeySelector secret = env.getValueFrom().getSecretKeyRef();
                        if (secret != null) {
                            references.add(new Reference(where + " env " + env.getName(), true, secret.getName(),
                                    secret.getKey(), Boolean.TRUE.equals(secret.getOptional())));
                        }
                        ConfigMapKeySelector configMap = env.getValueFrom().getConfigMapKeyRef();
                        if (configMap != null) {
                            references.add(new Reference(where + " env " + env.getName(), false, configMap.getName(),
                                    configMap.getKey(), Boolean.TRUE.equals(configMap.getOptional())));
                        }
                    }
                    for (EnvFromSource source : Objects.requireNonNullElse(container.getEnvFrom(), List.<EnvFromSource>of())) {
                        if (source.getConfigMapRef() != null) {
                            references.add(new Reference(where + " envFrom", false, source.getConfigMapRef().getName(), null,
                                    Boolean.TRUE.equals(source.getConfigMapRef().getOptional())));
                        }
                        if (source.getSecretRef() != null) {
                            references.add(new Reference(where + " envFrom", true, source.getSecretRef().getName(), null,
                                    Boolean.TRUE.equals(source.getSecretRef().getOptional())));
                        }
                    }
                }
                for (Volume volume : Objects.requireNonNullElse(spec.getVolumes(), List.<Volume>of())) {
                    for (SecretProjection secret : ContainerConfig.secrets(volume)) {
                        List<KeyToPath> items = Objects.requireNonNullElse(secret.getItems(), List.of());
                        if (items.isEmpty()) {
                            references.add(new Reference(doc.where() + " volume " + volume.getName(), true, secret.getName(), null,
                                    Boolean.TRUE.equals(secret.getOptional())));
                        }
                        items.forEach((item) -> references.add(new Reference(doc.where() + " volume " + volume.getName()
                                + " file " + item.getPath(), true, secret.getName(), item.getKey(), Boolean.TRUE.equals(secret.getOptional()))));
                    }
                    if (volume.getConfigMap() != null) {
                        references.add(new Reference(doc.where() + " volume " + volume.getName(), false,
                                volume.getConfigMap().getName(), null, Boolean.TRUE.equals(volume.getConfigMap().getOptional())));
                    }
                }
                for (LocalObjectReference pullSecret : Objects.requireNonNullElse(spec.getImagePullSecrets(),
                        List.<LocalObjectReference>of())) {
                    references.add(new Reference(doc.where() + " imagePullSecrets", true, pullSecret.getName(), null, false));
                }
            });
            if (doc.resource() instanceof Ingress ingress && ingress.getSpec() != null) {
                for (IngressTLS tls : Objects.requireNonNullElse(ingress.getSpec().getTls(), List.<IngressTLS>of())) {
                    references.add(new Reference(doc.where() + " tls", true, tls.getSecretName(), null, false));
                }
            }
            if (doc.resource() instanceof Gateway gateway && gateway.getSpec() != null) {
                for (Listener listener : Objects.requireNonNullElse(gateway.getSpec().getListeners(), List.<Listener>of())) {
                    if (listener.getTls() == null) {
                        continue;
                    }
                    for (SecretObjectReference certificate : Objects.requireNonNullElse(listener.getTls().getCertificateRefs(),
                            List.<SecretObjectReference>of())) {
                        if (certificate.getNamespace() == null) {
                            references.add(new Reference(doc.where() + " listener " + listener.getName(), true,
                                    certificate.getName(), null, false));
                        }
                    }
                }
            }
        }
        return references;
    }

    /**
     * Every Secret and ConfigMap a pod or Ingress names exists: ConfigMaps in the manifests, Secrets in
     * deploy/README.md's list (the manifests hold none). A referenced key exists, unless a ConfigMap
     * key is optional (an optional Secret key must still be listed: the operator needs to know of it).
     */
    static List<String> references(ResourceSet set, Map<String, Set<String>> operatorSecrets) {
        List<String> problems = new ArrayList<>();
        for (Reference reference : references(set)) {
            if (reference.secret()) {
                Set<String> keys = operatorSecrets.get(reference.name());
                if (keys == null) {
                    problems.add(reference.where() + " names the Secret " + reference.name()
                            + ", which deploy/README.md does not list among those the operator provides");
                }
                else if (reference.key() != null && !keys.contains(reference.key())) {
                    problems.add(reference.where() + " reads key " + reference.key() + " of the Secret " + reference.name()
                            + ", which deploy/README.md lists with keys " + keys);
                }
                continue;
            }
            Map<String, String> data = set.configMaps().get(reference.name());
            if (data == null) {
                problems.add(reference.where() + " names the ConfigMap " + reference.name() + ", which is not declared");
            }
            else if (reference.key() != null && !reference.optional() && !data.containsKey(reference.key())) {
                problems.add(reference.where() + " reads key " + reference.key() + " of the ConfigMap " + reference.name()
                        + ", which has " + data.keySet());
            }
        }
        return problems;
    }

    /**
     * Every environment variable a service container gets (set one by one, or every key of a ConfigMap
     * or Secret through envFrom) binds to a configuration property of that service.
     */
    static List<String> environment(ResourceSet set, Map<String, ServiceConfiguration> services,
            Map<String, Set<String>> operatorSecrets) {
        List<String> problems = new ArrayList<>();
        for (Doc doc : set.all()) {
            for (Container container : containers(doc)) {
                Optional<String> service = Workloads.service(container);
                if (service.isEmpty()) {
                    continue;
                }
                ServiceConfiguration configuration = services.get(service.get());
                String where = doc.where() + " container " + container.getName();
                Consumer<String> check = (variable) -> {
                    if (!ENV_NAME.matcher(variable).matches()) {
                        problems.add(where + ": " + variable + " is not a valid environment variable name (the kubelet skips it)");
                    }
                    else if (configuration.propertyOf(variable).isEmpty()) {
                        problems.add(where + ": " + variable + " binds to no configuration property of " + service.get()
                                + " (its @ConfigurationProperties record, application.yml or the listed Spring Boot ones)");
                    }
                };
                Objects.requireNonNullElse(container.getEnv(), List.<EnvVar>of()).forEach((env) -> check.accept(env.getName()));
                for (EnvFromSource source : Objects.requireNonNullElse(container.getEnvFrom(), List.<EnvFromSource>of())) {
                    String prefix = Objects.requireNonNullElse(source.getPrefix(), "");
                    if (source.getConfigMapRef() != null) {
                        set.configMaps().getOrDefault(source.getConfigMapRef().getName(), Map.of()).keySet()
                            .forEach((key) -> check.accept(prefix + key));
                    }
                    if (source.getSecretRef() != null) {
                        operatorSecrets.getOrDefault(source.getSecretRef().getName(), Set.of())
                            .forEach((key) -> check.accept(prefix + key));
                    }
                }
            }
        }
        return problems;
    }

    /** Every image has a version tag (or a digest), never {@code latest}; a service runs its own image. */
    static List<String> images(ResourceSet set) {
        List<String> problems = new ArrayList<>();
        for (Doc doc : set.all()) {
            for (Container container : containers(doc)) {
                String image = container.getImage();
                String where = doc.where() + " container " + container.getName();
                if (image == null) {
                    if (!doc.patch()) {
                        problems.add(where + " has no image");
                    }
                    continue;
                }
                imageProblem(image).ifPresent((problem) -> problems.add(where + ": " + problem));
                Workloads.service(container).filter((service) -> !repository(image).endsWith("/" + service))
                    .ifPresent((service) -> problems.add(where + " runs " + image + ", not the " + service + " image"));
            }
        }
        return problems;
    }

    /** Why an image reference is not pinned, if it is not. */
    static Optional<String> imageProblem(String image) {
        if (image.contains("@sha256:")) {
            return Optional.empty();
        }
        int colon = image.lastIndexOf(':');
        if (colon < 0 || colon < image.lastIndexOf('/')) {
            return Optional.of(image + " has no tag (it would mean :latest)");
        }
        String tag = image.substring(colon + 1);
        if (tag.equals("latest") || tag.isBlank()) {
            return Optional.of(image + " is not pinned to a version");
        }
        return Optional.empty();
    }

    /** Every Ingress sends every path to notify-gateway, on a port its Service has. */
    static List<String> ingress(ResourceSet set) {
        List<String> problems = new ArrayList<>();
        for (Doc doc : set.all()) {
            if (!(doc.resource() instanceof Ingress ingress) || ingress.getSpec() == null) {
                continue;
            }
            List<IngressBackend> backends = new ArrayList<>();
            if (ingress.getSpec().getDefaultBackend() != null) {
                backends.add(ingress.getSpec().getDefaultBackend());
            }
            List<IngressRule> rules = Objects.requireNonNullElse(ingress.getSpec().getRules(), List.of());
            if (rules.isEmpty() && !doc.patch()) {
                problems.add(doc.where() + " has no rules");
            }
            for (IngressRule rule : rules) {
                List<HTTPIngressPath> paths = (rule.getHttp() != null)
                        ? Objects.requireNonNullElse(rule.getHttp().getPaths(), List.of()) : List.of();
                if (paths.stream().noneMatch((path) -> "/".equals(path.getPath()) && "Prefix".equals(path.getPathType()))) {
                    problems.add(doc.where() + " rule for " + rule.getHost() + " does not send every path (/ Prefix) to the gateway");
                }
                paths.forEach((path) -> backends.add(path.getBackend()));
            }
            for (IngressBackend backend : backends) {
                if (backend == null || backend.getService() == null || !GATEWAY.equals(backend.getService().getName())) {
                    problems.add(doc.where() + " routes to " + ((backend != null && backend.getService() != null)
                            ? backend.getService().getName() : "something") + ": only " + GATEWAY + " is public");
                    continue;
                }
                Optional<Service> gateway = serviceNamed(set, GATEWAY);
                if (gateway.isEmpty() && set.resources().stream().anyMatch((candidate) -> candidate.resource() instanceof Service)) {
                    problems.add(doc.where() + " routes to the Service " + GATEWAY + ", which does not exist");
                    continue;
                }
                if (gateway.isEmpty()) {
                    // An edge on its own (../ingress): the overlays that use it have the Service.
                    continue;
                }
                var port = backend.getService().getPort();
                boolean exists = port != null && Objects.requireNonNullElse(gateway.get().getSpec().getPorts(), List.<ServicePort>of())
                    .stream().anyMatch((candidate) -> (port.getName() != null) ? port.getName().equals(candidate.getName())
                            : Objects.equals(port.getNumber(), candidate.getPort()));
                if (!exists) {
                    problems.add(doc.where() + " routes to a port the Service " + GATEWAY + " does not have");
                }
            }
        }
        return problems;
    }

    /** Every autoscaler scales a workload that exists; every disruption budget covers pods that exist. */
    static List<String> scaling(ResourceSet set) {
        List<String> problems = new ArrayList<>();
        for (Doc doc : set.resources()) {
            if (doc.resource() instanceof HorizontalPodAutoscaler hpa && hpa.getSpec() != null) {
                var target = hpa.getSpec().getScaleTargetRef();
                boolean exists = workloads(set).stream()
                    .anyMatch((workload) -> workload.kind().equals(target.getKind()) && Objects.equals(workload.name(), target.getName()));
                if (!exists) {
                    problems.add(doc.where() + " scales " + target.getKind() + "/" + target.getName() + ", which does not exist");
                }
                if (hpa.getSpec().getMinReplicas() != null && hpa.getSpec().getMinReplicas() > hpa.getSpec().getMaxReplicas()) {
                    problems.add(doc.where() + " has minReplicas above maxReplicas");
                }
            }
            if (doc.resource() instanceof PodDisruptionBudget pdb && pdb.getSpec() != null
                    && workloads(set).stream().noneMatch((workload) -> matches(pdb.getSpec().getSelector(), podLabels(workload)))) {
                problems.add(doc.where() + " selects no pods of a Deployment or StatefulSet");
            }
        }
        return problems;
    }

    /** Network policies select pods that exist, allow peers that exist, on ports those pods open. */
    static List<String> networkPolicies(ResourceSet set) {
        List<String> problems = new ArrayList<>();
        List<Doc> workloads = workloads(set);
        if (workloads.isEmpty()) {
            return problems;
        }
        List<Map.Entry<Map<String, String>, List<ContainerPort>>> strimzi = StrimziChecks.pods(set);
        for (Doc doc : set.resources()) {
            if (!(doc.resource() instanceof NetworkPolicy policy) || policy.getSpec() == null) {
                continue;
            }
            List<Doc> selected = workloads.stream().filter((workload) -> matches(policy.getSpec().getPodSelector(), podLabels(workload))).toList();
            List<List<ContainerPort>> selectedStrimzi = strimzi.stream()
                .filter((pod) -> matches(policy.getSpec().getPodSelector(), pod.getKey())).map(Map.Entry::getValue).toList();
            if (selected.isEmpty() && selectedStrimzi.isEmpty()) {
                problems.add(doc.where() + " selects no pods");
                continue;
            }
            for (NetworkPolicyEgressRule rule : Objects.requireNonNullElse(policy.getSpec().getEgress(),
                    List.<NetworkPolicyEgressRule>of())) {
                for (NetworkPolicyPeer peer : Objects.requireNonNullElse(rule.getTo(), List.<NetworkPolicyPeer>of())) {
                    if (strimzi.stream().noneMatch((pod) -> peer.getPodSelector() != null && matches(peer.getPodSelector(), pod.getKey()))) {
                        problems.addAll(peer(doc.where(), peer, workloads));
                    }
                }
            }
            for (NetworkPolicyIngressRule rule : Objects.requireNonNullElse(policy.getSpec().getIngress(), List.<NetworkPolicyIngressRule>of())) {
                for (NetworkPolicyPeer peer : Objects.requireNonNullElse(rule.getFrom(), List.<NetworkPolicyPeer>of())) {
                    problems.addAll(peer(doc.where(), peer, workloads));
                }
                for (NetworkPolicyPort port : Objects.requireNonNullElse(rule.getPorts(), List.<NetworkPolicyPort>of())) {
                    if (selected.stream().noneMatch((workload) -> Workloads.hasPort(Workloads.podPorts(workload), port.getPort()))
                            && selectedStrimzi.stream().noneMatch((ports) -> Workloads.hasPort(ports, port.getPort()))) {
                        problems.add(doc.where() + " allows port " + show(port.getPort()) + ", which none of its pods opens");
                    }
                }
            }
        }
        return problems;
    }

    /** A peer in this namespace (a pod selector alone) must select pods that exist. */
    static List<String> peer(String where, NetworkPolicyPeer peer, List<Doc> workloads) {
        if (peer.getPodSelector() == null || peer.getNamespaceSelector() != null || peer.getIpBlock() != null) {
            return List.of();
        }
        if (workloads.stream().noneMatch((workload) -> matches(peer.getPodSelector(), podLabels(workload)))) {
            return List.of(where + " allows pods matching " + show(peer.getPodSelector()) + ", and there are none");
        }
        return List.of();
    }

    /**
     * Every pod runs as non-root with the default seccomp profile and no service account token; every
     * container without privilege escalation, on a read-only root filesystem, without capabilities,
     * with requests and a memory limit, with liveness and readiness probes. A service container also
     * probes its management port and writes only to an emptyDir at /tmp (its shutdown timing is
     * {@link ServiceChecks#shutdown}'s).
     */
    static List<String> hardening(ResourceSet set) {
        List<String> problems = new ArrayList<>();
        for (Doc doc : workloads(set)) {
            PodSpec spec = podSpec(doc).orElseThrow();
            PodSecurityContext pod = Objects.requireNonNullElse(spec.getSecurityContext(), new PodSecurityContext());
            if (!Boolean.FALSE.equals(spec.getAutomountServiceAccountToken())) {
                problems.add(doc.where() + " mounts a service account token it does not need (automountServiceAccountToken: false)");
            }
            for (Container container : containers(doc)) {
                String where = doc.where() + " container " + container.getName();
                SecurityContext security = Objects.requireNonNullElse(container.getSecurityContext(), new SecurityContext());
                if (!Boolean.TRUE.equals(pod.getRunAsNonRoot()) && !Boolean.TRUE.equals(security.getRunAsNonRoot())) {
                    problems.add(where + " may run as root (runAsNonRoot)");
                }
                String seccomp = (security.getSeccompProfile() != null) ? security.getSeccompProfile().getType()
                        : (pod.getSeccompProfile() != null) ? pod.getSeccompProfile().getType() : null;
                if (!"RuntimeDefault".equals(seccomp) && !"Localhost".equals(seccomp)) {
                    problems.add(where + " runs without a seccomp profile (RuntimeDefault)");
                }
                if (!Boolean.FALSE.equals(security.getAllowPrivilegeEscalation())) {
                    problems.add(where + " allows privilege escalation");
                }
                if (Boolean.TRUE.equals(security.getPrivileged())) {
                    problems.add(where + " is privileged");
                }
                if (!Boolean.TRUE.equals(security.getReadOnlyRootFilesystem())) {
                    problems.add(where + " has a writable root filesystem");
                }
                Capabilities capabilities = security.getCapabilities();
                if (capabilities == null || capabilities.getDrop() == null || !capabilities.getDrop().contains("ALL")
                        || (capabilities.getAdd() != null && !capabilities.getAdd().isEmpty())) {
                    problems.add(where + " keeps Linux capabilities (drop ALL, add none)");
                }
                ResourceRequirements resources = Objects.requireNonNullElse(container.getResources(), new ResourceRequirements());
                Map<String, Quantity> requests = Objects.requireNonNullElse(resources.getRequests(), Map.of());
                Map<String, Quantity> limits = Objects.requireNonNullElse(resources.getLimits(), Map.of());
                if (!requests.containsKey("cpu") || !requests.containsKey("memory")) {
                    problems.add(where + " requests no cpu or no memory");
                }
                if (!limits.containsKey("memory")) {
                    problems.add(where + " has no memory limit");
                }
                if (container.getLivenessProbe() == null || container.getReadinessProbe() == null) {
                    problems.add(where + " lacks a liveness or a readiness probe");
                }
                if (Workloads.service(container).isPresent()) {
                    problems.addAll(serviceContainer(where, spec, container));
                }
            }
        }
        return problems;
    }

    private static List<String> serviceContainer(String where, PodSpec spec, Container container) {
        List<String> problems = new ArrayList<>();
        probe(where, "liveness", container.getLivenessProbe(), "/actuator/health/liveness", problems);
        probe(where, "readiness", container.getReadinessProbe(), "/actuator/health/readiness", problems);
        if (container.getStartupProbe() != null) {
            probe(where, "startup", container.getStartupProbe(), "/actuator/health/liveness", problems);
        }
        boolean tmp = Objects.requireNonNullElse(container.getVolumeMounts(), List.<VolumeMount>of()).stream()
            .filter((mount) -> "/tmp".equals(mount.getMountPath()))
            .anyMatch((mount) -> Objects.requireNonNullElse(spec.getVolumes(), List.<Volume>of()).stream()
                .anyMatch((volume) -> volume.getName().equals(mount.getName()) && volume.getEmptyDir() != null));
        if (!tmp) {
            problems.add(where + " has no emptyDir at /tmp (the JVM's only writable place on a read-only root)");
        }
        return problems;
    }

    private static void probe(String where, String kind, Probe probe, String path, List<String> problems) {
        if (probe == null) {
            return;
        }
        if (probe.getHttpGet() == null || !path.equals(probe.getHttpGet().getPath())
                || !MANAGEMENT_PORT.equals(probe.getHttpGet().getPort().getStrVal())) {
            problems.add(where + ": the " + kind + " probe must GET " + path + " on the port named " + MANAGEMENT_PORT);
        }
    }

    /**
     * A service's container ports are the ones it listens on: {@code http} is {@code server.port} and
     * {@code management} is {@code management.server.port} of its application.yml (the probes and the
     * Service depend on it).
     */
    static List<String> servicePorts(ResourceSet set, Map<String, ServiceConfiguration> services) {
        List<String> problems = new ArrayList<>();
        for (Doc doc : workloads(set)) {
            for (Container container : containers(doc)) {
                Optional<String> service = Workloads.service(container);
                if (service.isEmpty()) {
                    continue;
                }
                ServiceConfiguration configuration = services.get(service.get());
                for (String[] port : new String[][] { { HTTP_PORT, "server.port" }, { MANAGEMENT_PORT, "management.server.port" } }) {
                    Optional<Integer> declared = Objects.requireNonNullElse(container.getPorts(), List.<ContainerPort>of()).stream()
                        .filter((candidate) -> port[0].equals(candidate.getName())).map(ContainerPort::getContainerPort).findFirst();
                    Optional<Object> configured = configuration.applicationYml(port[1]);
                    if (declared.isEmpty()) {
                        problems.add(doc.where() + " container " + container.getName() + " declares no port named " + port[0]);
                    }
                    else if (configured.isEmpty()) {
                        problems.add(doc.where() + " container " + container.getName() + ": port " + port[0] + " is "
                                + declared.get() + " but " + service.get() + "'s application.yml sets no " + port[1]);
                    }
                    else if (!String.valueOf(declared.get()).equals(String.valueOf(configured.get()))) {
                        problems.add(doc.where() + " container " + container.getName() + ": port " + port[0] + " is "
                                + declared.get() + " but " + service.get() + " listens on " + port[1] + "=" + configured.get());
                    }
                }
            }
        }
        return problems;
    }

    /**
     * An in-cluster URL in the configuration ({@code http://session-service:8083/...}, a host without
     * dots) names a Service of this set and one of its ports.
     */
    static List<String> inClusterUrls(ResourceSet set) {
        List<String> problems = new ArrayList<>();
        if (set.resources().stream().noneMatch((doc) -> doc.resource() instanceof Service)) {
            return problems;
        }
        Consumer<String[]> check = (nameAndValue) -> {
            URI uri;
            try {
                uri = URI.create(nameAndValue[1].strip());
            }
            catch (IllegalArgumentException ex) {
                return;
            }
            if (uri.getScheme() == null || !uri.getScheme().startsWith("http") || uri.getHost() == null
                    || uri.getHost().contains(".") || uri.getHost().equals("localhost")) {
                return;
            }
            int port = (uri.getPort() != -1) ? uri.getPort() : ("https".equals(uri.getScheme()) ? 443 : 80);
            Optional<Service> service = serviceNamed(set, uri.getHost());
            if (service.isEmpty() || Objects.requireNonNullElse(service.get().getSpec().getPorts(), List.<ServicePort>of())
                .stream().noneMatch((candidate) -> candidate.getPort() == port)) {
                problems.add(nameAndValue[0] + " points at " + uri.getHost() + ":" + port + ", which is no Service port here");
            }
        };
        set.configMaps().forEach((name, data) -> data.forEach((key, value) -> check.accept(new String[] { "ConfigMap " + name + " " + key, value })));
        for (Doc doc : set.all()) {
            for (Container container : containers(doc)) {
                for (EnvVar env : Objects.requireNonNullElse(container.getEnv(), List.<EnvVar>of())) {
                    if (env.getValue() != null) {
                        check.accept(new String[] { doc.where() + " env " + env.getName(), env.getValue() });
                    }
                }
            }
        }
        return problems;
    }

    /**
     * Where a service's configuration points at another in the cluster (the gateway's service URIs,
     * scan-service's demo JWKS), the network policies let that traffic through: a default-deny policy
     * makes every forgotten path a timeout at run time.
     */
    static List<String> networkPathsForInClusterUrls(ResourceSet set) {
        List<String> problems = new ArrayList<>();
        List<NetworkPolicy> policies = set.resources().stream().filter((doc) -> doc.resource() instanceof NetworkPolicy)
            .map((doc) -> (NetworkPolicy) doc.resource()).toList();
        if (policies.isEmpty()) {
            return problems;
        }
        for (Doc source : workloads(set)) {
            for (Container container : containers(source)) {
                for (String[] setting : settings(set, container)) {
                    URI uri = inClusterUri(setting[1]);
                    Optional<Service> service = (uri != null) ? serviceNamed(set, uri.getHost()) : Optional.empty();
                    if (service.isEmpty()) {
                        continue;
                    }
                    int port = (uri.getPort() != -1) ? uri.getPort() : 80;
                    Optional<ServicePort> servicePort = Objects.requireNonNullElse(service.get().getSpec().getPorts(),
                            List.<ServicePort>of()).stream().filter((candidate) -> candidate.getPort() == port).findFirst();
                    if (servicePort.isEmpty()) {
                        continue;
                    }
                    IntOrString target = (servicePort.get().getTargetPort() != null) ? servicePort.get().getTargetPort()
                            : new IntOrString(port);
                    for (Doc destination : workloads(set)) {
                        if (matches(Objects.requireNonNullElse(service.get().getSpec().getSelector(), Map.of()), podLabels(destination))
                                && !allowed(policies, podLabels(source), destination, target)) {
                            problems.add(source.where() + " container " + container.getName() + " calls " + uri.getHost() + ":"
                                    + port + " (" + setting[0] + "), which no network policy lets through to " + destination.where());
                        }
                    }
                }
            }
        }
        return problems;
    }

    /** The container's configuration as name and value: literal env values and its ConfigMaps' values. */
    private static List<String[]> settings(ResourceSet set, Container container) {
        List<String[]> settings = new ArrayList<>();
        for (EnvVar env : Objects.requireNonNullElse(container.getEnv(), List.<EnvVar>of())) {
            if (env.getValue() != null) {
                settings.add(new String[] { env.getName(), env.getValue() });
            }
            else if (env.getValueFrom() != null && env.getValueFrom().getConfigMapKeyRef() != null) {
                ConfigMapKeySelector ref = env.getValueFrom().getConfigMapKeyRef();
                String value = set.configMaps().getOrDefault(ref.getName(), Map.of()).get(ref.getKey());
                if (value != null) {
                    settings.add(new String[] { env.getName(), value });
                }
            }
        }
        for (EnvFromSource source : Objects.requireNonNullElse(container.getEnvFrom(), List.<EnvFromSource>of())) {
            if (source.getConfigMapRef() != null) {
                set.configMaps().getOrDefault(source.getConfigMapRef().getName(), Map.of())
                    .forEach((key, value) -> settings.add(new String[] { key, value }));
            }
        }
        return settings;
    }

    /** Whether some policy selecting the destination pods admits the source pods on the target port. */
    static boolean allowed(List<NetworkPolicy> policies, Map<String, String> source, Doc destination, IntOrString target) {
        List<NetworkPolicy> selecting = policies.stream()
            .filter((policy) -> policy.getSpec() != null && matches(policy.getSpec().getPodSelector(), podLabels(destination)))
            .filter((policy) -> policy.getSpec().getPolicyTypes() == null || policy.getSpec().getPolicyTypes().contains("Ingress"))
            .toList();
        if (selecting.isEmpty()) {
            return true;
        }
        Optional<ContainerPort> port = Workloads.podPorts(destination).stream()
            .filter((candidate) -> (target.getStrVal() != null) ? target.getStrVal().equals(candidate.getName())
                    : Objects.equals(target.getIntVal(), candidate.getContainerPort()))
            .findFirst();
        return selecting.stream().flatMap((policy) -> Objects.requireNonNullElse(policy.getSpec().getIngress(),
                List.<NetworkPolicyIngressRule>of()).stream())
            .anyMatch((rule) -> {
                List<NetworkPolicyPeer> from = Objects.requireNonNullElse(rule.getFrom(), List.of());
                boolean peer = from.isEmpty() || from.stream().anyMatch((candidate) -> candidate.getPodSelector() != null
                        && candidate.getNamespaceSelector() == null && matches(candidate.getPodSelector(), source));
                List<NetworkPolicyPort> ports = Objects.requireNonNullElse(rule.getPorts(), List.of());
                boolean open = ports.isEmpty() || port.isPresent() && ports.stream().anyMatch((candidate) ->
                        (candidate.getPort().getStrVal() != null) ? candidate.getPort().getStrVal().equals(port.get().getName())
                                : Objects.equals(candidate.getPort().getIntVal(), port.get().getContainerPort()));
                return peer && open;
            });
    }

    /** An http(s) URL whose host is a bare name (a Service in this namespace), or null. */
    private static URI inClusterUri(String value) {
        try {
            URI uri = URI.create(value.strip());
            boolean inCluster = uri.getScheme() != null && uri.getScheme().startsWith("http") && uri.getHost() != null
                    && !uri.getHost().contains(".") && !uri.getHost().equals("localhost");
            return inCluster ? uri : null;
        }
        catch (IllegalArgumentException ex) {
            return null;
        }
    }

    /** Passwords, keys and the Redis URL (which carries the password) come from Secrets only. */
    static List<String> secretsStaySecret(ResourceSet set) {
        List<String> problems = new ArrayList<>();
        set.configMaps().forEach((name, data) -> data.keySet().stream().filter((key) -> SENSITIVE.matcher(key).matches())
            .forEach((key) -> problems.add("ConfigMap " + name + " holds " + key + ", which belongs in a Secret")));
        for (Doc doc : set.all()) {
            for (Container container : containers(doc)) {
                for (EnvVar env : Objects.requireNonNullElse(container.getEnv(), List.<EnvVar>of())) {
                    boolean fromSecret = env.getValueFrom() != null && env.getValueFrom().getSecretKeyRef() != null;
                    if (SENSITIVE.matcher(env.getName()).matches() && !fromSecret) {
                        problems.add(doc.where() + " container " + container.getName() + " env " + env.getName()
                                + " must come from a Secret (secretKeyRef)");
                    }
                }
            }
        }
        return problems;
    }

    /** Demo mode hands out app tokens to anyone: only the dev overlay may switch it on. */
    static List<String> demoModeOnlyInDev(ResourceSet set) {
        List<String> problems = new ArrayList<>();
        if (set.demoAllowed()) {
            return problems;
        }
        set.configMaps().forEach((name, data) -> {
            if (data.containsKey(DEMO_SWITCH)) {
                problems.add("ConfigMap " + name + " sets " + DEMO_SWITCH + " outside the dev overlay");
            }
        });
        for (Doc doc : set.all()) {
            for (Container container : containers(doc)) {
                Objects.requireNonNullElse(container.getEnv(), List.<EnvVar>of()).stream()
                    .filter((env) -> DEMO_SWITCH.equals(env.getName()) && !"false".equalsIgnoreCase(env.getValue()))
                    .forEach((env) -> problems.add(doc.where() + " switches demo mode on outside the dev overlay"));
            }
        }
        return problems;
    }

    private static Optional<Service> serviceNamed(ResourceSet set, String name) {
        return set.resources().stream().filter((doc) -> doc.resource() instanceof Service && Objects.equals(doc.name(), name))
            .map((doc) -> (Service) doc.resource()).findFirst();
    }

    private static IntOrString probePort(Probe probe) {
        if (probe.getHttpGet() != null) {
            return probe.getHttpGet().getPort();
        }
        if (probe.getTcpSocket() != null) {
            return probe.getTcpSocket().getPort();
        }
        if (probe.getGrpc() != null) {
            return new IntOrString(probe.getGrpc().getPort());
        }
        return null;
    }

    private static String repository(String image) {
        int at = image.indexOf('@');
        String withoutDigest = (at >= 0) ? image.substring(0, at) : image;
        int colon = withoutDigest.lastIndexOf(':');
        return (colon > withoutDigest.lastIndexOf('/')) ? withoutDigest.substring(0, colon) : withoutDigest;
    }

    static String show(IntOrString port) {
        return (port == null) ? "none" : (port.getStrVal() != null) ? port.getStrVal() : String.valueOf(port.getIntVal());
    }

    private static String show(io.fabric8.kubernetes.api.model.LabelSelector selector) {
        return Objects.requireNonNullElse(selector.getMatchLabels(), Map.of()) + " "
                + Objects.requireNonNullElse(selector.getMatchExpressions(),
                        List.<io.fabric8.kubernetes.api.model.LabelSelectorRequirement>of()).stream()
                    .map((expression) -> expression.getKey() + " " + expression.getOperator() + " " + expression.getValues()).toList();
    }

}
