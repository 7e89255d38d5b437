package io.qrlogin.deploy.k8s;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.fabric8.kubernetes.api.model.ConfigMap;

/**
 * What one kustomization applies, as the cross-reference checks see it: the resources, the patches
 * (partial documents that change them), and every ConfigMap by name with its data and labels. Built
 * either from the files (a kustomization and everything it includes, generators applied by their
 * behavior, patches kept apart, nothing rendered by hand) or from {@code kubectl kustomize}'s output.
 *
 * @param name what it is, for messages
 * @param profile which environment it is: the dev overlay, the prod overlay (or one built on it), or
 * neither (the base and the parts overlays choose)
 * @param resources the resources
 * @param patches the patches, not applied
 * @param configMaps every ConfigMap's data by its name
 * @param configMapLabels every ConfigMap's labels by its name
 * @param problems what was wrong while assembling it (a generator replacing a ConfigMap that does not exist)
 */
record ResourceSet(String name, Profile profile, List<Doc> resources, List<Doc> patches,
        Map<String, Map<String, String>> configMaps, Map<String, Map<String, String>> configMapLabels,
        List<String> problems) {

    /** The environment a set is for: the rules that hold only in production or only in dev need it. */
    enum Profile {
        /** The base and the parts the overlays choose (kafka, monitoring, the edges). */
        PART,
        /** overlays/dev: demo mode allowed, no OpenTelemetry collector. */
        DEV,
        /** overlays/prod and the overlays built on it. */
        PROD
    }

    /** The directory whose kustomization switches demo mode on; nowhere else may. */
    static final Path DEV_OVERLAY = Project.K8S.resolve("overlays/dev");

    /** The production overlay: it and every kustomization including it are production. */
    static final Path PROD_OVERLAY = Project.K8S.resolve("overlays/prod");

    static ResourceSet fromFiles(Manifests manifests, Path kustomizationDir) {
        ResourceSet set = new ResourceSet(Project.relative(kustomizationDir) + " (files)", profile(manifests, kustomizationDir),
                new ArrayList<>(), new ArrayList<>(), new LinkedHashMap<>(), new LinkedHashMap<>(), new ArrayList<>());
        set.accumulate(manifests, kustomizationDir);
        return set;
    }

    static ResourceSet rendered(Path kustomizationDir, Profile profile, List<Doc> documents) {
        Map<String, Map<String, String>> configMaps = new LinkedHashMap<>();
        Map<String, Map<String, String>> labels = new LinkedHashMap<>();
        documents.stream().filter((doc) -> doc.resource() instanceof ConfigMap).forEach((doc) -> {
            ConfigMap configMap = (ConfigMap) doc.resource();
            configMaps.put(doc.name(), Objects.requireNonNullElse(configMap.getData(), Map.of()));
            labels.put(doc.name(), (configMap.getMetadata() != null)
                    ? Objects.requireNonNullElse(configMap.getMetadata().getLabels(), Map.of()) : Map.of());
        });
        return new ResourceSet(Project.relative(kustomizationDir) + " (rendered)", profile, documents, List.of(),
                configMaps, labels, new ArrayList<>());
    }

    /** The profile of a kustomization: dev or prod if it is, or includes, that overlay. */
    static Profile profile(Manifests manifests, Path kustomizationDir) {
        if (includes(manifests, kustomizationDir, DEV_OVERLAY)) {
            return Profile.DEV;
        }
        return includes(manifests, kustomizationDir, PROD_OVERLAY) ? Profile.PROD : Profile.PART;
    }

    private static boolean includes(Manifests manifests, Path dir, Path overlay) {
        if (dir.equals(overlay)) {
            return true;
        }
        Kustomization kustomization = manifests.kustomizations().get(dir);
        return kustomization != null && kustomization.resources().stream()
            .anyMatch((resource) -> manifests.kustomizations().containsKey(resource) && includes(manifests, resource, overlay));
    }

    /** Whether demo mode may be switched on here: the dev overlay only. */
    boolean demoAllowed() {
        return this.profile == Profile.DEV;
    }

    /** Resources and patches together: the checks that look at containers read both. */
    List<Doc> all() {
        List<Doc> all = new ArrayList<>(this.resources);
        all.addAll(this.patches);
        return all;
    }

    /** The resources of one kind (by the document's kind, for kinds without a model class too). */
    List<Doc> ofKind(String kind) {
        return this.resources.stream().filter((doc) -> kind.equals(doc.kind())).toList();
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
        this.resources.stream().filter((doc) -> doc.resource() instanceof ConfigMap).forEach((doc) -> {
            ConfigMap configMap = (ConfigMap) doc.resource();
            this.configMaps.putIfAbsent(doc.name(), Objects.requireNonNullElse(configMap.getData(), Map.of()));
            this.configMapLabels.putIfAbsent(doc.name(), (configMap.getMetadata() != null)
                    ? Objects.requireNonNullElse(configMap.getMetadata().getLabels(), Map.of()) : Map.of());
        });
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
        for (Path file : generator.files()) {
            if (Files.isRegularFile(file)) {
                try {
                    data.put(file.getFileName().toString(), Files.readString(file));
                }
                catch (IOException ex) {
                    throw new UncheckedIOException(ex);
                }
            }
        }
        String where = Project.relative(kustomization.file()) + ": configMapGenerator " + generator.name();
        boolean exists = this.configMaps.containsKey(generator.name());
        switch (generator.behavior()) {
            case "create" -> {
                if (exists) {
                    this.problems.add(where + " creates a ConfigMap that already exists (use behavior replace or merge)");
                }
                this.configMaps.put(generator.name(), data);
                this.configMapLabels.put(generator.name(), generator.labels());
            }
            case "replace" -> {
                if (!exists) {
                    this.problems.add(where + " replaces a ConfigMap that does not exist");
                }
                this.configMaps.put(generator.name(), data);
                this.configMapLabels.merge(generator.name(), generator.labels(), ResourceSet::mergedLabels);
            }
            default -> {
                if (!exists) {
                    this.problems.add(where + " merges into a ConfigMap that does not exist");
                }
                Map<String, String> merged = new LinkedHashMap<>(this.configMaps.getOrDefault(generator.name(), Map.of()));
                merged.putAll(data);
                this.configMaps.put(generator.name(), merged);
                this.configMapLabels.merge(generator.name(), generator.labels(), ResourceSet::mergedLabels);
            }
        }
    }

    private static Map<String, String> mergedLabels(Map<String, String> existing, Map<String, String> added) {
        Map<String, String> merged = new LinkedHashMap<>(existing);
        merged.putAll(added);
        return merged;
    }
}
