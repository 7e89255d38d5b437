package io.qrlogin.deploy.k8s;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

/**
 * Renders every kustomization with {@code kubectl kustomize} (offline) and checks the output as
 * {@link ManifestsTest} checks the files: strictly parsed, and every cross-reference holding after the
 * patches and generators are applied. Skipped, saying so, where kubectl is not installed.
 */
class KustomizeBuildIT {

    private static Map<String, ServiceConfiguration> services;

    private static Map<String, Set<String>> operatorSecrets;

    @BeforeAll
    static void read() {
        services = ManifestsTest.services();
        operatorSecrets = OperatorSecrets.fromReadme();
    }

    @TestFactory
    Stream<DynamicTest> everyKustomizationRendersAndHoldsTogether() {
        Optional<Path> kubectl = onPath("kubectl");
        if (kubectl.isEmpty()) {
            String reason = "kubectl is not on the PATH: skipping 'kubectl kustomize' of every kustomization "
                    + "(ManifestsTest still checked the files); install kubectl to run it";
            System.out.println("KustomizeBuildIT: " + reason);
            return Stream.of(dynamicTest("kubectl kustomize", () -> assumeTrue(false, reason)));
        }
        Manifests manifests = Manifests.load();
        return manifests.kustomizations().keySet().stream()
            .map((dir) -> dynamicTest(Project.relative(dir), () -> {
                List<String> problems = new ArrayList<>();
                List<Doc> documents = Manifests.parse(Project.relative(dir) + " (rendered)", render(kubectl.get(), dir), problems);
                assertThat(documents).as("what kubectl kustomize %s rendered", Project.relative(dir)).isNotEmpty();
                problems.addAll(Checks.all(ResourceSet.rendered(dir, ResourceSet.profile(manifests, dir), documents), services,
                        operatorSecrets));
                assertThat(problems).isEmpty();
            }));
    }

    private static String render(Path kubectl, Path dir) throws IOException, InterruptedException {
        Path output = Files.createTempFile("kustomize", ".yaml");
        Path errors = Files.createTempFile("kustomize", ".err");
        try {
            Process process = new ProcessBuilder(kubectl.toString(), "kustomize", dir.toString())
                .redirectOutput(output.toFile()).redirectError(errors.toFile()).start();
            assertThat(process.waitFor(2, TimeUnit.MINUTES)).as("kubectl kustomize " + dir + " finished").isTrue();
            assertThat(process.exitValue()).as("kubectl kustomize %s failed:%n%s", Project.relative(dir),
                    Files.readString(errors, StandardCharsets.UTF_8)).isZero();
            return Files.readString(output, StandardCharsets.UTF_8);
        }
        finally {
            Files.deleteIfExists(output);
            Files.deleteIfExists(errors);
        }
    }

    private static Optional<Path> onPath(String executable) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        return Stream.of(path.split(File.pathSeparator)).map((dir) -> Path.of(dir, executable))
            .filter(Files::isExecutable).findFirst();
    }
}
