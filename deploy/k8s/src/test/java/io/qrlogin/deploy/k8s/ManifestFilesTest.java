package io.qrlogin.deploy.k8s;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The file-level rules catch what they are for: each test copies the manifests, breaks them in one
 * way, and expects {@link Manifests} to name the problem.
 */
class ManifestFilesTest {

    @TempDir
    Path root;

    @BeforeEach
    void copyTheManifests() throws IOException {
        for (String dir : new String[] { "base", "gateway-api", "ingress", "kafka", "monitoring", "external-secrets", "overlays" }) {
            copy(Project.K8S.resolve(dir), this.root.resolve(dir));
        }
    }

    @Test
    void theCopiedManifestsHaveNoProblem() {
        assertThat(Manifests.load(this.root).problems()).isEmpty();
    }

    @Test
    void aManifestNoKustomizationAppliesIsRefused() throws IOException {
        Files.copy(this.root.resolve("ingress/ingress.yaml"), this.root.resolve("ingress/ingress-old.yaml"));
        assertThat(Manifests.load(this.root).problems())
            .anySatisfy((problem) -> assertThat(problem).endsWith("ingress-old.yaml is in no kustomization's resources or patches: nothing applies it"));
    }

    @Test
    void aPathAKustomizationNamesThatDoesNotExistIsRefused() throws IOException {
        replace("overlays/dev/kustomization.yaml", "patches/demo-mode.yaml", "patches/demo.yaml");
        replace("overlays/prod/kustomization.yaml", "  - ../../kafka", "  - ../../kafka-cluster");
        assertThat(Manifests.load(this.root).problems())
            .anySatisfy((problem) -> assertThat(problem).contains("patch").endsWith("patches/demo.yaml does not exist"))
            .anySatisfy((problem) -> assertThat(problem).contains("resource").endsWith("kafka-cluster does not exist"));
    }

    @Test
    void aKustomizationFieldTheChecksDoNotUnderstandIsRefused() throws IOException {
        replace("base/kustomization.yaml", "resources:", "commonLabels:\n  team: login\nresources:");
        assertThat(Manifests.load(this.root).problems())
            .anySatisfy((problem) -> assertThat(problem).contains(".commonLabels is not a known field"));
    }

    @Test
    void aSecretInTheManifestsIsRefused() throws IOException {
        Files.writeString(this.root.resolve("base/redis-secret.yaml"), """
                apiVersion: v1
                kind: Secret
                metadata:
                  name: qrlogin-redis
                stringData:
                  url: redis://:hunter2@redis:6379
                """);
        replace("base/kustomization.yaml", "  - network-policies.yaml", "  - network-policies.yaml\n  - redis-secret.yaml");
        assertThat(Manifests.load(this.root).problems())
            .anySatisfy((problem) -> assertThat(problem).contains("Secret/qrlogin-redis: no Secret in the manifests"));
    }

    @Test
    void aGeneratedFileThatDoesNotExistOrLiesOutsideTheKustomizationIsRefused() throws IOException {
        replace("monitoring/kustomization.yaml", "      - dashboards/qrlogin-dashboard.json",
                "      - dashboards/qrlogin.json\n      - ../base/config/shared.env");
        assertThat(Manifests.load(this.root).problems())
            .anySatisfy((problem) -> assertThat(problem).endsWith("dashboards/qrlogin.json of qrlogin-grafana-dashboard does not exist"))
            .anySatisfy((problem) -> assertThat(problem).endsWith("shared.env of qrlogin-grafana-dashboard is outside the "
                    + "kustomization's directory (kustomize refuses to load it)"));
    }

    @Test
    void anEnvFileLineWithoutAValueIsRefused() throws IOException {
        replace("base/config/shared.env", "QRLOGIN_TICKET_PENDING=120s", "QRLOGIN_TICKET_PENDING");
        Manifests manifests = Manifests.load(this.root);
        assertThat(ResourceSet.fromFiles(manifests, this.root.resolve("base")).problems())
            .anySatisfy((problem) -> assertThat(problem).contains("shared.env:").endsWith("is not KEY=VALUE"));
    }

    private void replace(String file, String target, String replacement) throws IOException {
        Path path = this.root.resolve(file);
        String text = Files.readString(path);
        assertThat(text).contains(target);
        Files.writeString(path, text.replace(target, replacement));
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            files.forEach((file) -> {
                try {
                    Path target = to.resolve(from.relativize(file).toString());
                    if (Files.isDirectory(file)) {
                        Files.createDirectories(target);
                    }
                    else {
                        Files.copy(file, target);
                    }
                }
                catch (IOException ex) {
                    throw new UncheckedIOException(ex);
                }
            });
        }
    }
}
