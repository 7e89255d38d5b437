package io.qrlogin.deploy.k8s;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A kustomization file, read (its shape is checked by {@link KustomizationSchema}). */
record Kustomization(Path dir, Map<String, Object> tree) {

    /** A patch file and, optionally, the resources it targets (else the one its kind and name match). */
    record Patch(Path file, Map<String, Object> target) {
    }

    /**
     * A generated ConfigMap: created, or replacing or merging into one of the same name from a resource.
     * Its data comes from env files, literals and whole files (key: the file's name); {@code labels} go
     * on the ConfigMap, and {@code hashSuffix} says whether its name gets kustomize's content hash.
     */
    record Generator(String name, String behavior, List<Path> envs, List<String> literals, List<Path> files,
            Map<String, String> labels, boolean hashSuffix) {
    }

    Path file() {
        return this.dir.resolve(KustomizationSchema.FILE_NAME);
    }

    List<Path> resources() {
        return strings(this.tree.get("resources")).stream().map(this::resolve).toList();
    }

    @SuppressWarnings("unchecked")
    List<Patch> patches() {
        return maps(this.tree.get("patches")).stream()
            .map((patch) -> new Patch(resolve(String.valueOf(patch.get("path"))),
                    (Map<String, Object>) patch.getOrDefault("target", Map.of())))
            .toList();
    }

    List<Generator> generators() {
        return maps(this.tree.get("configMapGenerator")).stream()
            .map((generator) -> {
                Map<?, ?> options = (generator.get("options") instanceof Map<?, ?> map) ? map : Map.of();
                Map<String, String> labels = new LinkedHashMap<>();
                if (options.get("labels") instanceof Map<?, ?> map) {
                    map.forEach((key, value) -> labels.put(String.valueOf(key), String.valueOf(value)));
                }
                return new Generator(String.valueOf(generator.get("name")),
                        String.valueOf(generator.getOrDefault("behavior", "create")),
                        strings(generator.get("envs")).stream().map(this::resolve).toList(),
                        strings(generator.get("literals")),
                        strings(generator.get("files")).stream().map(this::resolve).toList(),
                        labels, !Boolean.TRUE.equals(options.get("disableNameSuffixHash")));
            })
            .toList();
    }

    List<Map<String, Object>> images() {
        return maps(this.tree.get("images"));
    }

    private Path resolve(String path) {
        return this.dir.resolve(path).normalize();
    }

    private static List<String> strings(Object list) {
        return (list instanceof List<?> items) ? items.stream().map(String::valueOf).toList() : List.of();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> maps(Object list) {
        return (list instanceof List<?> items)
                ? items.stream().filter(Map.class::isInstance).map((item) -> (Map<String, Object>) item).toList()
                : List.of();
    }
}
