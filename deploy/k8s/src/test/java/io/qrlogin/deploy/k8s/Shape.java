package io.qrlogin.deploy.k8s;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The expected shape of a document without a model class (Strimzi's custom resources, kustomize's
 * file): which fields exist, which are required, what each holds. A field the shape does not name is
 * an error, as it is for the typed model; the shapes name only what these manifests use, so a new
 * field means teaching the shape first.
 */
sealed interface Shape {

    /** The metadata of a custom resource: what these manifests set. */
    Shape METADATA = fields(
            "name", string("[a-z0-9]([-a-z0-9.]*[a-z0-9])?"),
            "namespace", string("[a-z0-9]([-a-z0-9]*[a-z0-9])?"),
            "labels", mapOf(string()),
            "annotations", mapOf(string()));

    /** An object with exactly these fields. */
    record Fields(Map<String, Shape> fields, Set<String> required) implements Shape {
    }

    /** A list whose items all have {@code item}'s shape. */
    record ListOf(Shape item) implements Shape {
    }

    /** An object with free keys (accepted by {@code keys}) whose values all have {@code value}'s shape. */
    record MapOf(Predicate<String> keys, String keysAre, Shape value) implements Shape {
    }

    /** A scalar of one of these types, accepted by {@code valid}. */
    record Scalar(Set<Class<?>> types, Predicate<Object> valid, String validIs) implements Shape {
    }

    /** A Kubernetes structure with a model class: parsed and checked like a whole manifest. */
    record Model(Class<?> type) implements Shape {
    }

    static Fields fields(Object... namesAndShapes) {
        Map<String, Shape> fields = new LinkedHashMap<>();
        for (int i = 0; i < namesAndShapes.length; i += 2) {
            fields.put((String) namesAndShapes[i], (Shape) namesAndShapes[i + 1]);
        }
        return new Fields(fields, Set.of());
    }

    default Fields required(String... names) {
        Fields fields = (Fields) this;
        return new Fields(fields.fields(), Set.of(names));
    }

    /** A custom resource: {@code apiVersion}, {@code kind}, {@link #METADATA} and a {@code spec} of this shape. */
    static Fields resource(Shape spec) {
        return fields("apiVersion", string(), "kind", string(), "metadata", METADATA, "spec", spec)
            .required("apiVersion", "kind", "metadata", "spec");
    }

    static ListOf listOf(Shape item) {
        return new ListOf(item);
    }

    static MapOf mapOf(Shape value) {
        return new MapOf((key) -> true, "any", value);
    }

    static MapOf mapOf(Set<String> keys, Shape value) {
        return new MapOf(keys::contains, "one of " + keys.stream().sorted().toList(), value);
    }

    static Scalar string() {
        return new Scalar(Set.of(String.class), (value) -> true, "");
    }

    static Scalar string(String regex) {
        return new Scalar(Set.of(String.class), (value) -> value.toString().matches(regex), "matching " + regex);
    }

    static Scalar oneOf(String... values) {
        List<String> allowed = List.of(values);
        return new Scalar(Set.of(String.class), allowed::contains, "one of " + allowed);
    }

    static Scalar integer(long min, long max) {
        return new Scalar(Set.of(Integer.class, Long.class),
                (value) -> ((Number) value).longValue() >= min && ((Number) value).longValue() <= max,
                "between " + min + " and " + max);
    }

    static Scalar bool() {
        return new Scalar(Set.of(Boolean.class), (value) -> true, "");
    }

    /** A Kafka configuration value: Strimzi passes strings, numbers and booleans through. */
    static Scalar configValue() {
        return new Scalar(Set.of(String.class, Integer.class, Long.class, Boolean.class, Double.class), (value) -> true, "");
    }

    static Model model(Class<?> type) {
        return new Model(type);
    }

    /**
     * Every way {@code node} differs from {@code shape}, as paths with a reason. In a patch, required
     * fields may be missing (the patched resource has them).
     */
    /**
     * How a whole document differs from the shape of its {@code kind} among {@code shapes}; a kind the
     * map does not hold is itself the problem ({@code family} names whose kinds they are).
     */
    static List<String> checkDocument(Map<String, Object> document, Map<String, Shape> shapes, String family,
            boolean patch) {
        List<String> problems = new ArrayList<>();
        Shape shape = shapes.get(String.valueOf(document.get("kind")));
        if (shape == null) {
            problems.add("kind " + document.get("kind") + " is not " + family + " kind these manifests use");
            return problems;
        }
        check(document, shape, "", patch, problems);
        return problems;
    }

    static void check(Object node, Shape shape, String path, boolean patch, List<String> problems) {
        if (shape instanceof Fields fields) {
            checkFields(node, fields, path, patch, problems);
        }
        else if (shape instanceof ListOf list) {
            if (!(node instanceof List<?> items)) {
                problems.add(path + " must be a list");
                return;
            }
            for (int i = 0; i < items.size(); i++) {
                check(items.get(i), list.item(), path + "[" + i + "]", patch, problems);
            }
        }
        else if (shape instanceof MapOf map) {
            if (!(node instanceof Map<?, ?> entries)) {
                problems.add(path + " must be an object");
                return;
            }
            entries.forEach((key, value) -> {
                if (!map.keys().test(String.valueOf(key))) {
                    problems.add(path + "." + key + " is not a known key (" + map.keysAre() + ")");
                }
                else {
                    check(value, map.value(), path + "." + key, patch, problems);
                }
            });
        }
        else if (shape instanceof Scalar scalar) {
            if (node == null || scalar.types().stream().noneMatch((type) -> type.isInstance(node))) {
                problems.add(path + " must be a " + scalar.types().stream().map(Class::getSimpleName).sorted().toList()
                        + ", is " + ((node != null) ? node.getClass().getSimpleName() + " " + node : "empty"));
            }
            else if (!scalar.valid().test(node)) {
                problems.add(path + " is " + node + ", must be " + scalar.validIs());
            }
        }
        else if (shape instanceof Model model) {
            checkModel(node, model, path, patch, problems);
        }
    }

    private static void checkFields(Object node, Fields fields, String path, boolean patch, List<String> problems) {
        if (!(node instanceof Map<?, ?> map)) {
            problems.add(path + " must be an object");
            return;
        }
        map.forEach((key, value) -> {
            String name = String.valueOf(key);
            Shape field = fields.fields().get(name);
            if (field != null) {
                check(value, field, path + "." + name, patch, problems);
            }
            else if (!(patch && KubernetesModel.PATCH_DIRECTIVES.contains(name))) {
                problems.add(path + "." + name + " is not a known field (known: " + fields.fields().keySet() + ")");
            }
        });
        if (!patch) {
            fields.required().stream().filter((name) -> !map.containsKey(name))
                .forEach((name) -> problems.add(path + "." + name + " is required"));
        }
    }

    @SuppressWarnings("unchecked")
    private static void checkModel(Object node, Model model, String path, boolean patch, List<String> problems) {
        Object parsed;
        try {
            parsed = KubernetesModel.parse(node, model.type());
        }
        catch (RuntimeException ex) {
            problems.add(path + " is not a " + model.type().getSimpleName() + ": " + ex.getMessage());
            return;
        }
        KubernetesModel.unknownFields(parsed, patch).forEach((field) -> problems.add(path + field + " is not a known field"));
        if (node instanceof Map<?, ?>) {
            KubernetesModel.changedInRoundTrip((Map<String, Object>) node, parsed)
                .forEach((field) -> problems.add(path + field + " is not what " + model.type().getSimpleName() + " holds"));
        }
    }
}
