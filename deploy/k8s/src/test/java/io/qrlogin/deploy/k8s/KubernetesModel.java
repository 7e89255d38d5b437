package io.qrlogin.deploy.k8s;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

/**
 * Parses manifests into fabric8's typed model and finds what the model did not understand. fabric8
 * never fails on an unknown field: it keeps it in the object's {@code additionalProperties}. A field
 * Kubernetes does not know is a dead field at best (a typo like {@code readinessProbes} disables the
 * probe without a word), so every such map, at any depth, must be empty.
 */
final class KubernetesModel {

    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    /**
     * The kinds these manifests may contain, each with the model class it must parse into. Anything else
     * (another kind, or a known kind at an API version the model does not know) is refused: the checks
     * below only understand these. The Gateway API's kinds have model classes; Strimzi's, the Prometheus
     * Operator's, the External Secrets Operator's and kustomize's own file have none: they parse as
     * {@link GenericKubernetesResource} and {@link StrimziSchema} / {@link MonitoringSchema} /
     * {@link ExternalSecretsSchema} / {@link KustomizationSchema} check them.
     */
    static final Map<String, Class<?>> KINDS = kinds(
            List.of(Namespace.class, ConfigMap.class, Service.class, Deployment.class, StatefulSet.class,
                    HorizontalPodAutoscaler.class, PodDisruptionBudget.class, NetworkPolicy.class, ServiceAccount.class,
                    Ingress.class, HTTPRoute.class, Gateway.class),
            Map.of(StrimziSchema.API_VERSION, List.of("Kafka", "KafkaNodePool", "KafkaTopic", "KafkaUser"),
                    MonitoringSchema.API_VERSION, List.of("ServiceMonitor", "PodMonitor", "PrometheusRule"),
                    ExternalSecretsSchema.API_VERSION, List.of("SecretStore", "ExternalSecret"),
                    KustomizationSchema.API_VERSION, List.of("Kustomization")));

    /**
     * Strategic-merge-patch directives: allowed in patch files only, where kustomize consumes them.
     * @see <a href="https://github.com/kubernetes/community/blob/master/contributors/devel/sig-api-machinery/strategic-merge-patch.md">Strategic merge patch</a>
     */
    static final Set<String> PATCH_DIRECTIVES = Set.of("$patch", "$retainKeys");

    private KubernetesModel() {
    }

    /**
     * Each model class under the API version and kind it declares (so the two cannot drift apart), and each
     * kind without a model class under its API's version, as a {@link GenericKubernetesResource}.
     */
    private static Map<String, Class<?>> kinds(List<Class<? extends HasMetadata>> modelled,
            Map<String, List<String>> generic) {
        Map<String, Class<?>> kinds = new HashMap<>();
        modelled.forEach((type) -> kinds.put(HasMetadata.getApiVersion(type) + "/" + HasMetadata.getKind(type), type));
        generic.forEach((apiVersion, names) -> names
            .forEach((kind) -> kinds.put(apiVersion + "/" + kind, GenericKubernetesResource.class)));
        return Map.copyOf(kinds);
    }

    /** The document as its model object; throws if it is not one of {@link #KINDS}. */
    static KubernetesResource parse(Map<String, Object> document) {
        String type = document.get("apiVersion") + "/" + document.get("kind");
        Class<?> expected = KINDS.get(type);
        if (expected == null) {
            throw new IllegalArgumentException("kind " + type + " is not one these manifests use (known: "
                    + KINDS.keySet().stream().sorted().toList() + "); teach KubernetesModel before adding it");
        }
        KubernetesResource resource = SERIALIZATION.unmarshal(SERIALIZATION.asJson(document), KubernetesResource.class);
        if (!expected.isInstance(resource)) {
            throw new IllegalArgumentException(type + " parsed as " + resource.getClass().getSimpleName()
                    + ", expected " + expected.getSimpleName());
        }
        return resource;
    }

    /** {@code fragment} (part of a custom resource) as the model class {@code type}, for {@link StrimziSchema}. */
    static <T> T parse(Object fragment, Class<T> type) {
        return SERIALIZATION.convertValue(fragment, type);
    }

    /** The model object back as plain maps and lists. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> tree(Object resource) {
        return SERIALIZATION.convertValue(resource, Map.class);
    }

    /**
     * The paths of every field the model kept in an {@code additionalProperties} map, i.e. did not know.
     * In a patch, the strategic-merge directives are known.
     */
    static List<String> unknownFields(Object resource, boolean patch) {
        List<String> unknown = new ArrayList<>();
        walk(resource, "", patch, unknown);
        return unknown;
    }

    /**
     * The paths where the document says something other than what the model read back: a value of the
     * wrong type that the model converted (an env value {@code 1} where Kubernetes requires the string
     * {@code "1"}, a boolean written as a string), or a field it dropped.
     */
    static List<String> changedInRoundTrip(Map<String, Object> document, Object resource) {
        List<String> changed = new ArrayList<>();
        compare(document, tree(resource), "", changed);
        return changed;
    }

    private static void compare(Object original, Object read, String path, List<String> changed) {
        if (original instanceof Map<?, ?> map) {
            if (!(read instanceof Map<?, ?> readMap)) {
                if (!map.isEmpty() || read != null) {
                    changed.add(path + " (an object, read back as " + describe(read) + ")");
                }
                return;
            }
            map.forEach((key, value) -> {
                if (!readMap.containsKey(key) && isEmptyContainer(value)) {
                    return;
                }
                compare(value, readMap.get(key), path + "." + key, changed);
            });
        }
        else if (original instanceof List<?> list) {
            if (!(read instanceof List<?> readList) || readList.size() != list.size()) {
                if (!list.isEmpty() || read != null) {
                    changed.add(path + " (a list, read back as " + describe(read) + ")");
                }
                return;
            }
            for (int i = 0; i < list.size(); i++) {
                compare(list.get(i), readList.get(i), path + "[" + i + "]", changed);
            }
        }
        else if (!sameScalar(original, read)) {
            changed.add(path + " (" + describe(original) + ", read back as " + describe(read) + ")");
        }
    }

    private static boolean isEmptyContainer(Object value) {
        return (value instanceof Map<?, ?> map && map.isEmpty()) || (value instanceof List<?> list && list.isEmpty());
    }

    private static boolean sameScalar(Object original, Object read) {
        if (original instanceof Number a && read instanceof Number b) {
            return new BigDecimal(a.toString()).compareTo(new BigDecimal(b.toString())) == 0;
        }
        return (original == null) ? read == null : original.equals(read);
    }

    private static String describe(Object value) {
        if (value == null) {
            return "nothing";
        }
        String type = (value instanceof Map) ? "object" : (value instanceof List) ? "list" : value.getClass().getSimpleName();
        return (value instanceof Map || value instanceof List) ? type : type + " " + value;
    }

    private static void walk(Object node, String path, boolean patch, List<String> unknown) {
        if (node == null) {
            return;
        }
        if (node instanceof Map<?, ?> map) {
            map.forEach((key, value) -> walk(value, path + "." + key, patch, unknown));
            return;
        }
        if (node instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                walk(list.get(i), path + "[" + i + "]", patch, unknown);
            }
            return;
        }
        if (!node.getClass().getName().startsWith("io.fabric8.") || node instanceof GenericKubernetesResource) {
            return;
        }
        for (Method method : node.getClass().getMethods()) {
            if (method.getParameterCount() != 0 || Modifier.isStatic(method.getModifiers())
                    || !method.getName().startsWith("get") || method.getName().equals("getClass")) {
                continue;
            }
            Class<?> type = method.getReturnType();
            boolean model = type.getName().startsWith("io.fabric8.");
            if (!model && !Map.class.isAssignableFrom(type) && !List.class.isAssignableFrom(type)
                    && type != Object.class) {
                continue;
            }
            Object value = invoke(method, node);
            if (method.getName().equals("getAdditionalProperties")) {
                if (value instanceof Map<?, ?> additional) {
                    additional.keySet().stream()
                        .filter((key) -> !(patch && PATCH_DIRECTIVES.contains(String.valueOf(key))))
                        .forEach((key) -> unknown.add(path + "." + key));
                }
                continue;
            }
            String property = Character.toLowerCase(method.getName().charAt(3)) + method.getName().substring(4);
            walk(value, path + "." + property, patch, unknown);
        }
    }

    private static Object invoke(Method method, Object target) {
        try {
            return method.invoke(target);
        }
        catch (IllegalAccessException | InvocationTargetException ex) {
            throw new IllegalStateException("Could not read " + method + " of " + target.getClass(), ex);
        }
    }
}
