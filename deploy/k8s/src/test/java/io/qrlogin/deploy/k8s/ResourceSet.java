package io.qrlogin.deploy.k8s;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.fabric8.kubernetes.api.model.ConfigMap;

/**
 * What one kustomization applies, as the cross-reference checks see it: the resources, the patches
 * (partial documents that change them), and every ConfigMap by name with its data. Built either from
 * the files (a kustomization and everything it includes, generators applied by their behavior, patches
 * kept apart, nothing rendered by hand) or from {@code kubectl kustomize}'s output.
 *
 * @param name what it is, for messages
 * @param demoAllowed whether demo mode may be switched on here (the dev overlay only)
 * @param resources the resources
 * @param patches the patches, not applied
 * @param configMaps every ConfigMap's data by its name
 * @param problems what was wrong while assembling it (a generator replacing a ConfigMap that does not exist)
 */
record ResourceSet(String name, boolean demoAllowed, List<Doc> resources, List<Doc> patches,
        Map<String, Map<String, String>> configMaps, List<String> problems) {

    /** The directory whose kustomization switches demo mode on; nowhere else may. */
    static final Path DEV_OVERLAY = Project.K8S.resolve("overlays/dev");

    static ResourceSet fromFiles(Manifests manifests, Path kustomizationDir) {
        ResourceSet set = new ResourceSet(Project.relative(kustomizationDir) + " (files)",
                kustomizationDir.equals(DEV_OVERLAY), new ArrayList<>(), new ArrayList<>(), new LinkedHashMap<>(),
                new ArrayList<>());
        set.accumulate(manifests, kustomizationDir);
        return set;
    }

    static ResourceSet rendered(Path kustomizationDir, List<Doc> documents) {
        Map<String, Map<String, String>> configMaps = new LinkedHashMap<>();
        documents.stream().filter((doc) -> doc.resource() instanceof ConfigMap)
            .forEach((doc) -> configMaps.put(doc.name(),
                    Objects.requireNonNullElse(((ConfigMap) doc.resource()).getData(), Map.of())));
        return new ResourceSet(Project.relative(kustomizationDir) + " (rendered)", kustomizationDir.equals(DEV_OVERLAY),
                documents, List.of(), configMaps, new ArrayList<>());
    }

    /** Resources and patches together: the checks that look at containers read both. */
    List<Doc> all() {
        List<Doc> all = new ArrayList<>(this.resources);
        all.addAll(this.patches);
        return all;
    }

    private void accumulate(Manifests manifests, Path dir) {
        Kustomization kustomization = manifests.kustomizations().get(dir);
        if (kustomization == null) {
            this.problems.add(Project.relative(dir) + " has no readable " + KustomizationSchema.FILE_NAME);
            return;
        }
        for (Path resource : kustomization.resources()) {
            if (manifests.kustomizations().containsKey(resource)) {
                accumulate(manifests, resource);
            }
            else {
                this.resources.addAll(manifests.documents().getOrDefault(resource, List.of()));
            }
        }
        this.resources.stream().filter((doc) -> doc.resource() instanceof ConfigMap)
            .forEach((doc) -> this.configMaps.putIfAbsent(doc.name(),
                    Objects.requireNonNullElse(((ConfigMap) doc.resource()).getData(), Map.of())));
        for (Kustomization.Generator generator : kustomization.generators()) {
            generate(kustomization, generator);
        }
        for (Kustomization.Patch patch : kustomization.patches()) {
            this.patches.addAll(manifests.documents().getOrDefault(patch.file(), List.of()));
        }
    }

    private void generate(Kustomization kustomization, Kustomization.Generator generator) {
        Map<String, String> data = new LinkedHashMap<>();
        for (Path env : generator.envs()) {
            EnvFile.read(env, this.problems).forEach((key, value) -> {
                if (data.put(key, value) != null) {
                    this.problems.add(Project.relative(env) + ": " + key + " is already set for " + generator.name());
                }
            });
        }
        for (String literal : generator.literals()) {
            int equals = literal.indexOf('=');
            data.put(literal.substring(0, equals), literal.substring(equals + 1));
        }
        String where = Project.relative(kustomization.file()) + ": configMapGenerator " + generator.name();
        boolean exists = this.configMaps.containsKey(generator.name());
        switch (generator.behavior()) {
            case "create" -> {
                if (exists) {
                    this.problems.add(where + " creates a ConfigMap that already exists (use behavior replace or merge)");
                }
                this.configMaps.put(generator.name(), data);
            }
            case "replace" -> {
                if (!exists) {
                    this.problems.add(where + " replaces a ConfigMap that does not exist");
                }
                this.configMaps.put(generator.name(), data);
            }
            default -> {
                if (!exists) {
                    this.problems.add(where + " merges into a ConfigMap that does not exist");
                }
                Map<String, String> merged = new LinkedHashMap<>(this.configMaps.getOrDefault(generator.name(), Map.of()));
                merged.putAll(data);
                this.configMaps.put(generator.name(), merged);
            }
        }
    }
}
