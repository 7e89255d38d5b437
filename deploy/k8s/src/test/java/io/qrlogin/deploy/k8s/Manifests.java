package io.qrlogin.deploy.k8s;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import io.fabric8.kubernetes.api.model.KubernetesResource;

/**
 * Every manifest under deploy/k8s, read strictly: duplicate keys, unknown kinds, fields the model does
 * not know, values of the wrong type, and Strimzi or kustomize fields outside their shapes all become
 * {@link #problems()}. What the kustomizations reference decides whether a document is a resource or
 * a patch; a file no kustomization references is a problem too (a manifest nobody applies).
 */
final class Manifests {

    private final Map<Path, Kustomization> kustomizations = new TreeMap<>();

    private final Map<Path, List<Doc>> documents = new TreeMap<>();

    private final Set<Path> patchFiles = new LinkedHashSet<>();

    private final Set<Path> resourceFiles = new LinkedHashSet<>();

    private final List<String> problems = new ArrayList<>();

    private Manifests() {
    }

    static Manifests load() {
        return load(Project.K8S);
    }

    /** The manifests under {@code root}, which has the layout of deploy/k8s. */
    static Manifests load(Path root) {
        Manifests manifests = new Manifests();
        manifests.read(Project.manifestFiles(root.toAbsolutePath().normalize()));
        return manifests;
    }

    /** Every kustomization, by directory. */
    Map<Path, Kustomization> kustomizations() {
        return this.kustomizations;
    }

    /** Every non-kustomization document, by file. */
    Map<Path, List<Doc>> documents() {
        return this.documents;
    }

    List<Doc> allDocuments() {
        return this.documents.values().stream().flatMap(List::stream).toList();
    }

    List<String> problems() {
        return this.problems;
    }

    private void read(List<Path> files) {
        Map<Path, List<Map<String, Object>>> trees = new LinkedHashMap<>();
        for (Path file : files) {
            try {
                trees.put(file, YamlDocuments.load(file));
            }
            catch (RuntimeException ex) {
                this.problems.add(Project.relative(file) + ": " + ex.getMessage());
            }
        }
        trees.forEach((file, docs) -> {
            if (file.getFileName().toString().equals(KustomizationSchema.FILE_NAME)) {
                readKustomization(file, docs);
            }
            else if (file.getFileName().toString().startsWith("kustomization.")) {
                this.problems.add(Project.relative(file) + ": name kustomization files " + KustomizationSchema.FILE_NAME);
            }
        });
        this.kustomizations.values().forEach(this::collectReferences);
        trees.forEach((file, docs) -> {
            if (this.kustomizations.containsKey(file.getParent())
                    && file.getFileName().toString().equals(KustomizationSchema.FILE_NAME)) {
                return;
            }
            boolean patch = this.patchFiles.contains(file);
            if (patch && this.resourceFiles.contains(file)) {
                this.problems.add(Project.relative(file) + " is used both as a resource and as a patch");
            }
            if (!patch && !this.resourceFiles.contains(file)) {
                this.problems.add(Project.relative(file) + " is in no kustomization's resources or patches: nothing applies it");
            }
            List<Doc> parsed = new ArrayList<>();
            for (int i = 0; i < docs.size(); i++) {
                Doc doc = parse(file, i, docs.get(i), patch);
                if (doc != null) {
                    parsed.add(doc);
                }
            }
            this.documents.put(file, parsed);
        });
    }

    private void readKustomization(Path file, List<Map<String, Object>> docs) {
        String where = Project.relative(file);
        if (docs.size() != 1) {
            this.problems.add(where + " must hold exactly one document");
            return;
        }
        Map<String, Object> tree = docs.get(0);
        KustomizationSchema.check(tree).forEach((problem) -> this.problems.add(where + problem));
        try {
            KubernetesModel.parse(tree);
        }
        catch (RuntimeException ex) {
            this.problems.add(where + ": " + ex.getMessage());
        }
        this.kustomizations.put(file.getParent(), new Kustomization(file.getParent(), tree));
    }

    private void collectReferences(Kustomization kustomization) {
        String where = Project.relative(kustomization.file());
        for (Path resource : kustomization.resources()) {
            if (Files.isDirectory(resource)) {
                if (!Files.isRegularFile(resource.resolve(KustomizationSchema.FILE_NAME))) {
                    this.problems.add(where + ": resource " + Project.relative(resource) + " is a directory without "
                            + KustomizationSchema.FILE_NAME);
                }
            }
            else if (Files.isRegularFile(resource)) {
                this.resourceFiles.add(resource);
            }
            else {
                this.problems.add(where + ": resource " + Project.relative(resource) + " does not exist");
            }
        }
        for (Kustomization.Patch patch : kustomization.patches()) {
            if (Files.isRegularFile(patch.file())) {
                this.patchFiles.add(patch.file());
            }
            else {
                this.problems.add(where + ": patch " + Project.relative(patch.file()) + " does not exist");
            }
        }
        for (Kustomization.Generator generator : kustomization.generators()) {
            generator.envs().stream().filter((env) -> !Files.isRegularFile(env))
                .forEach((env) -> this.problems.add(where + ": env file " + Project.relative(env) + " of "
                        + generator.name() + " does not exist"));
            generator.files().stream().filter((file) -> !Files.isRegularFile(file))
                .forEach((file) -> this.problems.add(where + ": file " + Project.relative(file) + " of "
                        + generator.name() + " does not exist"));
            generator.files().stream().filter((file) -> !file.startsWith(kustomization.dir()))
                .forEach((file) -> this.problems.add(where + ": file " + Project.relative(file) + " of "
                        + generator.name() + " is outside the kustomization's directory (kustomize refuses to load it)"));
        }
    }

    private Doc parse(Path file, int index, Map<String, Object> tree, boolean patch) {
        return parse(Project.relative(file), index, tree, patch, this.problems);
    }

    /**
     * The documents of a YAML text (kubectl's output, a test's fixture), read like the files: every
     * problem goes to {@code problems}, and the documents that parse are returned as resources.
     */
    static List<Doc> parse(String origin, String yaml, List<String> problems) {
        List<Map<String, Object>> trees;
        try {
            trees = YamlDocuments.load(yaml, origin);
        }
        catch (RuntimeException ex) {
            problems.add(origin + ": " + ex.getMessage());
            return List.of();
        }
        List<Doc> documents = new ArrayList<>();
        for (int i = 0; i < trees.size(); i++) {
            Doc doc = parse(origin, i, trees.get(i), false, problems);
            if (doc != null) {
                documents.add(doc);
            }
        }
        return documents;
    }

    private static Doc parse(String origin, int index, Map<String, Object> tree, boolean patch, List<String> problems) {
        String where = origin + "#" + index + " " + tree.get("kind") + "/"
                + ((tree.get("metadata") instanceof Map<?, ?> metadata) ? metadata.get("name") : null);
        if ("Secret".equals(tree.get("kind"))) {
            problems.add(where + ": no Secret in the manifests (their values would be in Git); the operator "
                    + "provides them, as deploy/README.md lists");
            return null;
        }
        KubernetesResource resource;
        try {
            resource = KubernetesModel.parse(tree);
        }
        catch (RuntimeException ex) {
            problems.add(where + ": " + ex.getMessage());
            return null;
        }
        if (StrimziSchema.isStrimzi(tree)) {
            StrimziSchema.check(tree, patch).forEach((problem) -> problems.add(where + " " + problem));
        }
        else if (MonitoringSchema.isMonitoring(tree)) {
            MonitoringSchema.check(tree, patch).forEach((problem) -> problems.add(where + " " + problem));
        }
        else if (ExternalSecretsSchema.isExternalSecrets(tree)) {
            ExternalSecretsSchema.check(tree, patch).forEach((problem) -> problems.add(where + " " + problem));
        }
        else {
            KubernetesModel.unknownFields(resource, patch).forEach((field) -> problems.add(where + ": unknown field " + field));
            KubernetesModel.changedInRoundTrip(tree, resource)
                .forEach((field) -> problems.add(where + ": " + field + " is not what Kubernetes reads"));
        }
        return new Doc(origin, index, tree, resource, patch);
    }
}
